package io.privatelink.benchmarks.memory;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsSandbox;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Heap retained per cached host: a resolver verifies {@code hosts} distinct private endpoints over
 * the wire (a {@link DnsSandbox} of its own, one address each in 10.0.0.0/8) and keeps them cached;
 * the heap in use after full collections, before and after, divided by the host count. No agent and
 * no object-layout library: {@link MemoryMXBean} after {@code System.gc()} until the figure
 * settles, which is exact enough at 10,000 hosts (a 100 KB error is 10 B per host).
 *
 * @param hosts hosts cached
 * @param heapBefore bytes in use after GC with the resolver built, the records served and one host
 *     cached (so class loading and the resolver itself are not counted)
 * @param heapAfter bytes in use after GC with every host cached
 */
public record CachedHostMemory(int hosts, long heapBefore, long heapAfter) {

  /** The target, bytes per cached host. */
  public static final long TARGET_BYTES = 1024;

  /** Retained bytes per cached host: the heap growth over the host count. */
  public double bytesPerHost() {
    return (double) (heapAfter - heapBefore) / hosts;
  }

  /** Whether {@link #bytesPerHost()} is within {@link #TARGET_BYTES}. */
  public boolean meetsTarget() {
    return bytesPerHost() <= TARGET_BYTES;
  }

  /** The host name of the {@code i}-th cached host. */
  static String host(int i) {
    return "mem" + i + ".azurehealthcareapis.com";
  }

  /** Caches {@code hosts} hosts in a fresh resolver and measures what they retain. */
  public static CachedHostMemory measure(int hosts) throws Exception {
    if (hosts < 1 || hosts > 60_000) {
      throw new IllegalArgumentException("hosts must be 1..60000, was " + hosts);
    }
    try (DnsSandbox dns = DnsSandbox.start()) {
      for (int i = 0; i <= hosts; i++) {
        dns.privateEndpoint(
            host(i), "10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff));
      }
      PrivateLinkResolver resolver =
          PrivateLinkResolver.builder()
              .nameservers(dns.nameserver())
              // Long enough that no entry expires or refreshes while the measurement runs.
              .cacheTtl(Duration.ofMinutes(10), Duration.ofMinutes(10))
              .build();
      // Host number `hosts` warms the code path and is cached before the first measurement.
      resolver.resolve(host(hosts));
      // The sandbox counts queries per name: not the resolver's memory, so not measured.
      dns.resetCounters();
      long before = heapUsedAfterGc();
      ExecutorService callers = Executors.newFixedThreadPool(4);
      try {
        List<Future<Verdict>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int first = t;
          results.add(
              callers.submit(
                  () -> {
                    for (int i = first; i < hosts; i += 4) {
                      resolver.resolve(host(i));
                    }
                    return Verdict.PRIVATE;
                  }));
        }
        for (Future<Verdict> result : results) {
          result.get();
        }
      } finally {
        callers.shutdown();
      }
      dns.resetCounters();
      long after = heapUsedAfterGc();
      if (resolver.stats().lookups() != hosts + 1L) {
        throw new IllegalStateException(
            "expected " + (hosts + 1) + " lookups, resolver says " + resolver.stats());
      }
      // Every host is still cached: resolving them again asks no DNS.
      for (int i = 0; i < hosts; i += Math.max(1, hosts / 100)) {
        resolver.resolve(host(i));
      }
      if (resolver.stats().lookups() != hosts + 1L) {
        throw new IllegalStateException("hosts fell out of the cache: " + resolver.stats());
      }
      Reference.reachabilityFence(resolver);
      CachedHostMemory result = new CachedHostMemory(hosts, before, after);
      System.out.printf(
          "memory per cached host: %d hosts, heap %d -> %d bytes, %.0f B/host%n",
          hosts, before, after, result.bytesPerHost());
      return result;
    } catch (PrivateLinkException e) {
      throw new IllegalStateException("a memory-test host did not verify: " + e, e);
    }
  }

  /** Heap in use after full collections, once two in a row agree within 64 KB (at most 10). */
  static long heapUsedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(50);
      long used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(used - last) < 64 * 1024) {
        return Math.min(used, last);
      }
      last = used;
    }
    return last;
  }
}
