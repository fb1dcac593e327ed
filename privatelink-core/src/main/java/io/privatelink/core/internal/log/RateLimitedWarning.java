package io.privatelink.core.internal.log;

import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per interval per key, so a violation repeated on every request (a
 * misconfigured host, a refused address) is seen without flooding the log. Internal.
 *
 * @param <K> what a warning is about (a host, an address)
 */
public final class RateLimitedWarning<K> {

  private static final int FORGET_ABOVE = 10_000;

  private final Logger log;
  private final long minIntervalNanos;
  private final ConcurrentHashMap<K, Long> lastWarned = new ConcurrentHashMap<>();

  /**
   * @param log where warnings go
   * @param minIntervalNanos the least time between two warnings about one key
   */
  public RateLimitedWarning(Logger log, long minIntervalNanos) {
    this.log = log;
    this.minIntervalNanos = minIntervalNanos;
  }

  /**
   * Logs {@code format} with {@code argument} at WARN, unless {@code key} was warned about less
   * than {@code max(minInterval, intervalNanos)} ago.
   */
  public void warn(K key, long intervalNanos, String format, @Nullable Object argument) {
    long now = System.nanoTime();
    long interval = Math.max(minIntervalNanos, intervalNanos);
    Long last = lastWarned.get(key);
    if (last != null && now - last < interval) {
      return;
    }
    lastWarned.put(key, now);
    if (lastWarned.size() > FORGET_ABOVE) {
      lastWarned.clear(); // bounded memory; at worst one extra warning per key
    }
    log.warn(format, argument);
  }
}
