package io.privatelink.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a guarded client did: host verifications, refusals, and TCP connections it let open.
 * Pass one to {@link GuardedClientBuilder#metrics(GuardMetrics)} and read it from any thread.
 *
 * <pre>{@code
 * GuardMetrics metrics = new GuardMetrics();
 * OkHttpClient client = GuardedHttpClient.builder().resolver(resolver).metrics(metrics).build();
 * // ... calls through client ...
 * metrics.refusals();   // requests refused so far
 * }</pre>
 *
 * <p>Counters only grow. Cache hits are the resolver's: see {@link PrivateLinkResolver#stats()}.
 */
public final class GuardMetrics {
  private final LongAdder verifications = new LongAdder();
  private final LongAdder refusals = new LongAdder();
  private final LongAdder connectAttempts = new LongAdder();
  private final LongAdder refusedConnects = new LongAdder();
  private final LongAdder refusedRedirects = new LongAdder();

  /** Creates zeroed counters. */
  public GuardMetrics() {}

  void verification() {
    verifications.increment();
  }

  void refusal() {
    refusals.increment();
  }

  void connectAttempt() {
    connectAttempts.increment();
  }

  void refusedConnect() {
    refusedConnects.increment();
    refusals.increment();
  }

  void refusedRedirect() {
    refusedRedirects.increment();
    refusals.increment();
  }

  /** A redirect the allowlist refused: {@link #refusals()} already holds it. */
  void refusedRedirectAlreadyCounted() {
    refusedRedirects.increment();
  }

  /**
   * Host names the client's {@code Dns} verified (cache hits included).
   *
   * @return the count since this instance was created
   */
  public long verifications() {
    return verifications.sum();
  }

  /**
   * Every refusal of this client, whatever the reason: a host whose verdict was not {@link
   * Verdict#PRIVATE} (policy violations, DNS failures, rejected input), a host outside the
   * allowlist, a link refused by a link policy ({@link GuardedHttpClient#recordRefusal}), a connect
   * to an address outside the policy ({@link #refusedConnects()}), and a refused redirect ({@link
   * #refusedRedirects()}). Policy violations alone, as the resolver sees them, are {@link
   * PrivateLinkResolver.Stats#violations()}.
   *
   * @return the count since this instance was created
   */
  public long refusals() {
    return refusals.sum();
  }

  /**
   * TCP connects the socket factory let through to the operating system (all to allowed addresses).
   *
   * @return the count since this instance was created
   */
  public long connectAttempts() {
    return connectAttempts.sum();
  }

  /**
   * Connects refused by the socket factory because the address is outside the policy.
   *
   * @return the count since this instance was created
   */
  public long refusedConnects() {
    return refusedConnects.sum();
  }

  /**
   * Redirects refused (downgrade to http, or a target outside the allowlist).
   *
   * @return the count since this instance was created
   */
  public long refusedRedirects() {
    return refusedRedirects.sum();
  }

  @Override
  public String toString() {
    return "verifications="
        + verifications()
        + " refusals="
        + refusals()
        + " connectAttempts="
        + connectAttempts()
        + " refusedConnects="
        + refusedConnects()
        + " refusedRedirects="
        + refusedRedirects();
  }
}
