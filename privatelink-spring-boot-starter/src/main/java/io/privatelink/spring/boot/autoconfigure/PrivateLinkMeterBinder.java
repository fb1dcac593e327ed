package io.privatelink.spring.boot.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Resolution;
import io.privatelink.core.ResolutionListener;
import io.privatelink.core.Verdict;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The starter's Micrometer meters. Names and tags:
 *
 * <ul>
 *   <li>{@code privatelink.verifications} (counter, tag {@code verdict}): every verdict the
 *       resolver handed out, cache hits included, the guarded clients' allowlist refusals ({@code
 *       host_not_allowed}) and the links a link policy refused ({@code link_leaves_server});
 *   <li>{@code privatelink.refusals} (counter, tag {@code verdict}): the non-private ones;
 *   <li>{@code privatelink.guard.refusals} (counter): every refusal of the guarded clients,
 *       whatever the reason: a verdict, a host outside an allowlist, a link leaving the server, a
 *       connect or a redirect ({@link GuardMetrics#refusals()});
 *   <li>{@code privatelink.dns.lookups} (function timer, tag {@code verdict}): DNS lookups, first
 *       query to verdict (count and total time);
 *   <li>{@code privatelink.cache.hits} (counter): verifications answered from the cache;
 *   <li>{@code privatelink.connections} (counter, tag {@code outcome} = {@code opened} or {@code
 *       refused}): TCP connects the guarded socket factory let through or refused.
 * </ul>
 *
 * Verdict tags are lower case ({@code private}, {@code public_address}, ..., {@code
 * host_not_allowed}, one per {@link Verdict}). Counting starts when the resolver is built, before
 * any registry binds the meters, so the startup verification counts.
 */
public final class PrivateLinkMeterBinder implements MeterBinder, ResolutionListener {

  private final GuardMetrics guard;
  private final ObjectProvider<PrivateLinkResolver> resolver;
  private final Map<Verdict, LongAdder> verifications = adders();
  private final Map<Verdict, LongAdder> lookups = adders();
  private final Map<Verdict, LongAdder> lookupNanos = adders();

  PrivateLinkMeterBinder(GuardMetrics guard, ObjectProvider<PrivateLinkResolver> resolver) {
    this.guard = guard;
    this.resolver = resolver;
  }

  private static Map<Verdict, LongAdder> adders() {
    Map<Verdict, LongAdder> map = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      map.put(v, new LongAdder());
    }
    return map;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Verdict v : Verdict.values()) {
      String tag = VerdictTag.of(v);
      LongAdder verified = counter(verifications, v);
      FunctionCounter.builder("privatelink.verifications", verified, LongAdder::sum)
          .description("Verdicts the private-link resolver handed out, cache hits included")
          .tag("verdict", tag)
          .register(registry);
      if (v != Verdict.PRIVATE) {
        FunctionCounter.builder("privatelink.refusals", verified, LongAdder::sum)
            .description("Hosts refused because they did not verify as private")
            .tag("verdict", tag)
            .register(registry);
      }
      LongAdder nanos = counter(lookupNanos, v);
      FunctionTimer.builder(
              "privatelink.dns.lookups",
              counter(lookups, v),
              LongAdder::sum,
              c -> nanos.sum(),
              TimeUnit.NANOSECONDS)
          .description("DNS lookups of the private-link resolver, first query to verdict")
          .tag("verdict", tag)
          .register(registry);
    }
    FunctionCounter.builder(
            "privatelink.cache.hits", resolver, r -> r.getObject().stats().cacheHits())
        .description("Verifications answered from the resolver's cache")
        .register(registry);
    FunctionCounter.builder("privatelink.guard.refusals", guard, GuardMetrics::refusals)
        .description(
            "Every refusal of the guarded clients: verdict, allowlist, connect or redirect")
        .register(registry);
    FunctionCounter.builder("privatelink.connections", guard, GuardMetrics::connectAttempts)
        .description("TCP connections the guarded socket factory checked")
        .tag("outcome", "opened")
        .register(registry);
    FunctionCounter.builder("privatelink.connections", guard, GuardMetrics::refusedConnects)
        .description("TCP connections the guarded socket factory checked")
        .tag("outcome", "refused")
        .register(registry);
  }

  @Override
  public void verified(Resolution resolution) {
    counter(verifications, resolution.verdict()).increment();
  }

  @Override
  public void lookedUp(Resolution resolution, Duration took) {
    counter(lookups, resolution.verdict()).increment();
    counter(lookupNanos, resolution.verdict()).add(took.toNanos());
  }

  private static LongAdder counter(Map<Verdict, LongAdder> counters, Verdict verdict) {
    return Objects.requireNonNull(counters.get(verdict), "one counter per verdict");
  }
}
