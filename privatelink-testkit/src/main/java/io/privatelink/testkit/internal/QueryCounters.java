package io.privatelink.testkit.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Name;

/** Queries received, per exact name and type and per transport. Thread-safe. */
public final class QueryCounters {

  private record Key(Name name, int type) {}

  private final Map<Key, AtomicInteger> perNameAndType = new ConcurrentHashMap<>();
  private final AtomicInteger udp = new AtomicInteger();
  private final AtomicInteger tcp = new AtomicInteger();

  /** Counts one query. */
  public void count(Name name, int type, boolean overTcp) {
    perNameAndType.computeIfAbsent(new Key(name, type), k -> new AtomicInteger()).incrementAndGet();
    (overTcp ? tcp : udp).incrementAndGet();
  }

  /** Queries for {@code name} and {@code type}. */
  public int of(Name name, int type) {
    AtomicInteger n = perNameAndType.get(new Key(name, type));
    return n == null ? 0 : n.get();
  }

  /** Queries for {@code name}, any type. */
  public int of(Name name) {
    return perNameAndType.entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  /** Queries received over UDP. */
  public int udp() {
    return udp.get();
  }

  /** Queries received over TCP. */
  public int tcp() {
    return tcp.get();
  }

  /** Sets every counter back to zero. */
  public void reset() {
    perNameAndType.clear();
    udp.set(0);
    tcp.set(0);
  }
}
