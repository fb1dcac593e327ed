package io.privatelink.core.internal.cache;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * A cache of values that expire after a lifetime chosen per value, where concurrent misses of one
 * key share one load ("single flight"). Internal: not part of the public API.
 *
 * <p>The seam for refresh-ahead: {@link #get} is the only place a load starts, and {@link #lifetime}
 * the only place expiry is decided; a refreshing variant can start a load for a key before its
 * entry expires, keep serving the old value meanwhile, and still share the load with misses.
 *
 * <p>Thread-safe. A hit costs one map lookup and one clock read, and allocates nothing.
 *
 * @param <V> the cached value
 */
public final class SingleFlightCache<V> {

  /** What a waiter gets when the shared load fails or takes longer than it may wait. */
  public interface WaitFailure<V> {
    /**
     * @param key the key being loaded
     * @param why what happened, for the result's detail
     */
    V value(String key, String why);
  }

  private static final int EVICT_ABOVE = 10_000;

  private final ToLongFunction<V> lifetime;
  private final long maxWaitMillis;
  private final WaitFailure<V> waitFailure;
  private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  private record Entry<V>(V value, long expiresAt) {}

  /**
   * @param lifetime how long a freshly loaded value may be reused, in nanoseconds; 0 or less: not
   *     kept (and any older entry for its key is dropped)
   * @param maxWaitMillis how long a caller waits for another caller's load of the same key
   * @param waitFailure the value a waiter gets when that load fails or outlasts the wait
   */
  public SingleFlightCache(
      ToLongFunction<V> lifetime, long maxWaitMillis, WaitFailure<V> waitFailure) {
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    this.maxWaitMillis = maxWaitMillis;
    this.waitFailure = Objects.requireNonNull(waitFailure, "waitFailure");
  }

  /** The fresh value for {@code key}, or {@code null} if there is none (never loads). */
  public @Nullable V getIfFresh(String key) {
    Entry<V> hit = entries.get(key);
    if (hit != null && hit.expiresAt - System.nanoTime() > 0) {
      return hit.value;
    }
    return null;
  }

  /**
   * The value for {@code key}: loaded by {@code loader} on this thread, unless another thread is
   * already loading it, in which case that load's value is shared. Does not check for a fresh
   * entry first: call {@link #getIfFresh} for that.
   */
  public V load(String key, Function<String, V> loader) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> shared = inFlight.putIfAbsent(key, mine);
    if (shared == null) {
      try {
        V fresh = loader.apply(key);
        store(key, fresh);
        mine.complete(fresh);
        return fresh;
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
        throw e;
      } finally {
        inFlight.remove(key, mine);
      }
    }
    try {
      return shared.get(maxWaitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return waitFailure.value(key, "interrupted while waiting for the DNS answer");
    } catch (ExecutionException | TimeoutException e) {
      return waitFailure.value(key, "the shared DNS lookup failed: " + e);
    }
  }

  /** Drops every entry. Loads in flight still complete (and store their value). */
  public void clear() {
    entries.clear();
  }

  private void store(String key, V value) {
    long nanos = lifetime.applyAsLong(value);
    if (nanos > 0) {
      entries.put(key, new Entry<>(value, System.nanoTime() + nanos));
      if (entries.size() > EVICT_ABOVE) {
        long now = System.nanoTime();
        entries.values().removeIf(e -> e.expiresAt - now <= 0);
      }
    } else {
      entries.remove(key);
    }
  }
}
