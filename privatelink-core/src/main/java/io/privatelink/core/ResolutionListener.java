package io.privatelink.core;

import java.time.Duration;

/**
 * Hears what a {@link PrivateLinkResolver} decided, for metrics and tracing. Register one with
 * {@link PrivateLinkResolver.Builder#listener(ResolutionListener)}.
 *
 * <pre>{@code
 * PrivateLinkResolver resolver = PrivateLinkResolver.builder()
 *     .nameservers(nameserver)
 *     .listener(new ResolutionListener() {
 *       public void verified(Resolution r) { counts.merge(r.verdict(), 1, Integer::sum); }
 *     })
 *     .build();
 * }</pre>
 *
 * <p>The resolver calls it on the thread that asked, after the verdict is final, so nothing a
 * listener does can change a verdict; an exception it throws is logged and ignored. Keep it quick:
 * it runs on the request path of every guarded client.
 */
public interface ResolutionListener {

  /**
   * Called once for every outcome handed to a caller ({@code resolve}, {@code diagnose}, a guarded
   * client's {@code Dns}), from the cache or not, whatever the verdict; and for each refusal of a
   * guarded client's allowlist ({@link Verdict#HOST_NOT_ALLOWED}, or {@link Verdict#REJECTED_INPUT}
   * for a malformed host) and of a link policy ({@link Verdict#LINK_LEAVES_SERVER}), decided before
   * any DNS query.
   *
   * @param resolution the outcome handed out, of any verdict
   */
  default void verified(Resolution resolution) {}

  /**
   * Called once per DNS lookup (concurrent callers of one host share one lookup), with the time
   * from the first query sent to the verdict. Cache hits and IP literals make no lookup. A
   * {@linkplain PrivateLinkResolver.Builder#refreshAhead(double) background refresh} is a lookup
   * too, heard on the resolver's refresh thread.
   *
   * @param resolution the outcome of the lookup, of any verdict
   * @param took time from the first query sent to the verdict
   */
  default void lookedUp(Resolution resolution, Duration took) {}
}
