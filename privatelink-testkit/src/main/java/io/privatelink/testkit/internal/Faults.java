package io.privatelink.testkit.internal;

import io.privatelink.testkit.DnsFault;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/** The faults configured per name. Thread-safe. */
public final class Faults {

  private final Map<Name, DnsFault> faults = new ConcurrentHashMap<>();
  private final Map<Name, Map<Integer, DnsFault>> typed = new ConcurrentHashMap<>();
  private final Map<Name, Duration> delays = new ConcurrentHashMap<>();

  /** Sets the fault for {@code name}, replacing any earlier one. */
  public void set(Name name, DnsFault fault) {
    faults.put(name, fault);
  }

  /** Delays every answer for {@code name} by {@code delay}; {@link Duration#ZERO} removes it. */
  public void delay(Name name, Duration delay) {
    if (delay.isZero()) {
      delays.remove(name);
    } else {
      delays.put(name, delay);
    }
  }

  /**
   * Sets the fault for queries of {@code type} only at {@code name}; other types answer normally.
   */
  public void set(Name name, int type, DnsFault fault) {
    typed.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(type, fault);
  }

  /** The fault for {@code name}, or {@code null}. */
  public @Nullable DnsFault get(Name name) {
    return faults.get(name);
  }

  /**
   * The fault for a query of {@code type} at {@code name}: a per-type one first, or {@code null}.
   */
  public @Nullable DnsFault get(Name name, int type) {
    Map<Integer, DnsFault> byType = typed.get(name);
    DnsFault fault = byType == null ? null : byType.get(type);
    return fault != null ? fault : faults.get(name);
  }

  /** The delay for {@code name}, {@link Duration#ZERO} if none. */
  public Duration delayOf(Name name) {
    return delays.getOrDefault(name, Duration.ZERO);
  }

  /** Whether {@code name} must answer NXDOMAIN. */
  public boolean forcesNxdomain(Name name) {
    return faults.get(name) == DnsFault.NXDOMAIN;
  }

  /** Removes every fault and delay. */
  public void clear() {
    faults.clear();
    typed.clear();
    delays.clear();
  }
}
