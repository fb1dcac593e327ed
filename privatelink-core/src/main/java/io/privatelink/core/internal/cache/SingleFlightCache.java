package io.privatelink.core.internal.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * A cache of values that expire after a lifetime chosen per value, where concurrent misses of one
 * key share one load ("single flight"), and a value read after a set fraction of its lifetime is
 * reloaded in the background ("refresh ahead"). Internal: not part of the public API.
 *
 * <p>Refresh ahead: the first {@link #getIfFresh} of an entry past its refresh point starts one
 * reload on the refresh executor and still returns the entry's value, which stays valid until its
 * own expiry and no longer. The reload shares the in-flight slot with misses, so a caller that
 * misses while it runs waits for it instead of querying again. Its value replaces the entry, a
 * refusal included, unless it is a {@linkplain RefreshAhead#keepsOlder transient failure}: then the
 * old entry stays until it expires and the next miss loads on the caller's thread. Each entry
 * starts at most one refresh, and only a read starts one, so an unused key is never reloaded: loads
 * stay proportional to keys in use per lifetime.
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

  /** Hears each completed load, miss or refresh, once its value is stored (or not kept). */
  public interface Loaded<V> {
    /**
     * @param value what the load returned
     * @param startedNanos {@link System#nanoTime()} when the load started
     */
    void loaded(V value, long startedNanos);
  }

  /**
   * When and where entries are refreshed ahead of their expiry.
   *
   * @param fraction the share of an entry's lifetime after which a read starts a refresh, in (0, 1)
   * @param executor runs refreshes; should be bounded (a refresh it rejects is skipped)
   * @param keepsOlder whether a refreshed value is a transient failure that must not replace the
   *     entry (which then serves until its own expiry)
   */
  public record RefreshAhead<V>(double fraction, Executor executor, Predicate<V> keepsOlder) {
    /** Checks the fraction. */
    public RefreshAhead {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("refresh fraction must be in (0, 1), was " + fraction);
      }
      Objects.requireNonNull(executor, "executor");
      Objects.requireNonNull(keepsOlder, "keepsOlder");
    }
  }

  private static final int EVICT_ABOVE = 10_000;

  private final ToLongFunction<V> lifetime;
  private final Function<String, V> loader;
  private final long maxWaitMillis;
  private final WaitFailure<V> waitFailure;
  private final Loaded<V> loaded;
  private final @Nullable RefreshAhead<V> refreshAhead;
  private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<V>> inFlight =
      new ConcurrentHashMap<>();

  /**
   * One cached value. Not a record: {@code refreshClaimed} is set once, by the read that starts the
   * entry's refresh.
   */
  private static final class Entry<V> {
    private static final VarHandle REFRESH_CLAIMED;

    static {
      try {
        REFRESH_CLAIMED =
            MethodHandles.lookup().findVarHandle(Entry.class, "refreshClaimed", boolean.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final V value;
    final long refreshAt;
    final long expiresAt;

    @SuppressWarnings("unused") // through REFRESH_CLAIMED
    private volatile boolean refreshClaimed;

    Entry(V value, long refreshAt, long expiresAt) {
      this.value = value;
      this.refreshAt = refreshAt;
      this.expiresAt = expiresAt;
    }

    /** True for exactly one caller, the first. */
    boolean claimRefresh() {
      return !refreshClaimed && REFRESH_CLAIMED.compareAndSet(this, false, true);
    }
  }

  /**
   * @param lifetime how long a freshly loaded value may be reused, in nanoseconds; 0 or less: not
   *     kept (and any older entry for its key is dropped)
   * @param loader loads the value of a key, on the caller's thread or (refreshes) the executor's
   * @param maxWaitMillis how long a caller waits for another caller's load of the same key
   * @param waitFailure the value a waiter gets when that load fails or outlasts the wait
   * @param loaded told of each load after its value is stored, so what it hears is what the next
   *     {@link #getIfFresh} sees
   * @param refreshAhead when to refresh entries in use before they expire; {@code null}: never
   */
  public SingleFlightCache(
      ToLongFunction<V> lifetime,
      Function<String, V> loader,
      long maxWaitMillis,
      WaitFailure<V> waitFailure,
      Loaded<V> loaded,
      @Nullable RefreshAhead<V> refreshAhead) {
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.maxWaitMillis = maxWaitMillis;
    this.waitFailure = Objects.requireNonNull(waitFailure, "waitFailure");
    this.loaded = Objects.requireNonNull(loaded, "loaded");
    this.refreshAhead = refreshAhead;
  }

  /**
   * The fresh value for {@code key}, or {@code null} if there is none (never loads on this thread).
   * Past the entry's refresh point, the first read starts a background refresh.
   */
  public @Nullable V getIfFresh(String key) {
    Entry<V> hit = entries.get(key);
    if (hit == null) {
      return null;
    }
    long now = System.nanoTime();
    if (hit.expiresAt - now <= 0) {
      return null;
    }
    if (refreshAhead != null && hit.refreshAt - now <= 0 && hit.claimRefresh()) {
      refresh(key, refreshAhead);
    }
    return hit.value;
  }

  /**
   * The value for {@code key}: loaded on this thread, unless another load of it (a miss or a
   * refresh) is in flight, in which case that load's value is shared. Does not check for a fresh
   * entry first: call {@link #getIfFresh} for that.
   */
  public V load(String key) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> shared = inFlight.putIfAbsent(key, mine);
    if (shared == null) {
      try {
        long started = System.nanoTime();
        V fresh = loader.apply(key);
        store(key, fresh);
        loaded.loaded(fresh, started);
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

  /** How many entries are held, expired ones not yet evicted included. */
  public int size() {
    return entries.size();
  }

  private void refresh(String key, RefreshAhead<V> policy) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    if (inFlight.putIfAbsent(key, mine) != null) {
      return; // a miss is already loading it
    }
    Runnable task =
        () -> {
          try {
            long started = System.nanoTime();
            V fresh = loader.apply(key);
            if (!policy.keepsOlder().test(fresh)) {
              store(key, fresh);
            }
            loaded.loaded(fresh, started);
            mine.complete(fresh);
          } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
          } finally {
            inFlight.remove(key, mine);
          }
        };
    try {
      policy.executor().execute(task);
    } catch (RejectedExecutionException e) {
      // Too many refreshes queued: this entry expires as it would have without refresh ahead.
      inFlight.remove(key, mine);
      mine.complete(waitFailure.value(key, "the background refresh was rejected"));
    }
  }

  private void store(String key, V value) {
    long nanos = lifetime.applyAsLong(value);
    if (nanos > 0) {
      long now = System.nanoTime();
      long refreshAt =
          refreshAhead == null ? now + nanos : now + (long) (nanos * refreshAhead.fraction());
      entries.put(key, new Entry<>(value, refreshAt, now + nanos));
      if (entries.size() > EVICT_ABOVE) {
        entries.values().removeIf(e -> e.expiresAt - now <= 0);
      }
    } else {
      entries.remove(key);
    }
  }
}
