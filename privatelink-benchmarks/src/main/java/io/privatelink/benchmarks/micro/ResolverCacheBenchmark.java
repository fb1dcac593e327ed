package io.privatelink.benchmarks.micro;

import io.privatelink.benchmarks.BenchHosts;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.DnsSandbox;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import okhttp3.Dns;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A verified host answered from the resolver's cache: the price of the guard on every new
 * connection once the host is known. Target: at most 1 us, and no allocation beyond the returned
 * list (which is precomputed, so 0 B/op with {@code -prof gc}).
 *
 * <p>{@code resolveCanonical} is what OkHttp hands the guarded {@code Dns} (it lower-cases and
 * strips the trailing dot itself); {@code resolveNonCanonical} shows what a caller that passes
 * {@code "BenchFhir.AzureHealthcareApis.com."} pays; the {@code guardedDns*} variants go through
 * the guarded client's {@code Dns}; {@code refusalFromCache} is a cached refusal of an unlinked
 * host (building and throwing the {@code PrivateLinkException}); {@code pinnedDns} is the unguarded
 * floor (a lambda returning a constant list).
 */
public class ResolverCacheBenchmark extends MicroBenchmark {
  private static final String NON_CANONICAL =
      BenchHosts.PRIVATE_HOST.substring(0, 1).toUpperCase(Locale.ROOT)
          + BenchHosts.PRIVATE_HOST.substring(1)
          + ".";

  private DnsSandbox sandbox;
  private PrivateLinkResolver resolver;
  private Dns guardedDns;
  private Dns guardedDnsAllowedHosts;
  private Dns pinnedDns;

  @Setup
  public void setUp() throws UnknownHostException {
    sandbox = DnsSandbox.start();
    sandbox.privateEndpoint(BenchHosts.PRIVATE_HOST, BenchHosts.PRIVATE_ENDPOINT);
    sandbox.unlinkedZone(BenchHosts.UNLINKED_HOST, BenchHosts.PUBLIC_STAND_IN);
    resolver =
        PrivateLinkResolver.builder()
            .nameservers(sandbox.nameserver())
            .policy(BenchHosts.loopbackPolicy())
            .cacheTtl(Duration.ofHours(1), Duration.ofHours(1))
            .negativeCacheTtl(Duration.ofHours(1))
            .build();
    guardedDns = GuardedHttpClient.builder().resolver(resolver).build().dns();
    guardedDnsAllowedHosts =
        GuardedHttpClient.builder()
            .resolver(resolver)
            .allowedHosts(BenchHosts.PRIVATE_HOST)
            .build()
            .dns();
    List<InetAddress> pinned = List.of(InetAddress.getByName(BenchHosts.PRIVATE_ENDPOINT));
    pinnedDns = host -> pinned;
    resolver.resolve(BenchHosts.PRIVATE_HOST); // fill the cache
    resolver.resolve(NON_CANONICAL);
    refusalFromCache(); // fill the negative cache
  }

  @TearDown
  public void tearDown() {
    sandbox.close();
  }

  @Benchmark
  public List<InetAddress> resolveCanonical() throws PrivateLinkException {
    return resolver.resolve(BenchHosts.PRIVATE_HOST).allowedAddresses();
  }

  @Benchmark
  public List<InetAddress> resolveNonCanonical() throws PrivateLinkException {
    return resolver.resolve(NON_CANONICAL).allowedAddresses();
  }

  @Benchmark
  public List<InetAddress> guardedDns() throws UnknownHostException {
    return guardedDns.lookup(BenchHosts.PRIVATE_HOST);
  }

  @Benchmark
  public List<InetAddress> guardedDnsAllowedHosts() throws UnknownHostException {
    return guardedDnsAllowedHosts.lookup(BenchHosts.PRIVATE_HOST);
  }

  /** A cached refusal: what a call to an unlinked host costs once its verdict is known. */
  @Benchmark
  public Object refusalFromCache() {
    try {
      return guardedDns.lookup(BenchHosts.UNLINKED_HOST);
    } catch (UnknownHostException e) {
      return e;
    }
  }

  @Benchmark
  public List<InetAddress> pinnedDns() throws UnknownHostException {
    return pinnedDns.lookup(BenchHosts.PRIVATE_HOST);
  }
}
