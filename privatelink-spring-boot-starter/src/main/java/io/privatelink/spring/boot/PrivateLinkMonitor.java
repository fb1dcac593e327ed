package io.privatelink.spring.boot;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Verifies the configured services at startup and again, in the background, as each one's DNS TTL
 * expires; remembers the latest {@link Diagnosis} of each (what the {@code privateLink} health
 * indicator shows) and reports every change of verdict once: a WARN log line with the diagnosis and
 * a {@link PrivateLinkVerdictChangedEvent}.
 *
 * <p>Inject it to read {@link #latest(String)} or to {@link #verify(PrivateLinkService) verify} on
 * demand.
 *
 * <p>Bounded work: one daemon thread verifies the services one after another, each at most every
 * {@code privatelink.drift.min-interval} and at least every {@code max-interval}, and each
 * verification is bounded by the resolver's timeout. Verifications go through the shared resolver,
 * so its cache serves the guarded clients too.
 */
public final class PrivateLinkMonitor implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PrivateLinkMonitor.class);

  private final PrivateLinkServices services;
  private final PrivateLinkResolver resolver;
  private final ApplicationEventPublisher events;
  private final VerificationObserver observer;
  private final boolean drift;
  private final Duration minInterval;
  private final Duration maxInterval;
  private final Map<String, Status> latest = new ConcurrentHashMap<>();
  private volatile @Nullable ScheduledThreadPoolExecutor scheduler;

  /** The latest verification of one service. */
  private record Status(Diagnosis diagnosis, Instant at) {}

  /**
   * Creates a monitor; nothing is verified until {@link #verifyAll()} or {@link #start()}.
   *
   * @param services the services to verify; required
   * @param resolver the resolver that verifies them; required
   * @param events where {@link PrivateLinkVerdictChangedEvent}s are published; required
   * @param observer wraps each verification (metrics, tracing); required
   * @param minInterval the shortest time between two background verifications of one service
   * @param maxInterval the longest time between two background verifications of one service
   * @param drift whether {@link #start()} re-verifies in the background
   * @throws IllegalArgumentException if the intervals are not {@code 0 < min <= max}
   */
  public PrivateLinkMonitor(
      PrivateLinkServices services,
      PrivateLinkResolver resolver,
      ApplicationEventPublisher events,
      VerificationObserver observer,
      boolean drift,
      Duration minInterval,
      Duration maxInterval) {
    this.services = Objects.requireNonNull(services, "services");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.events = Objects.requireNonNull(events, "events");
    this.observer = Objects.requireNonNull(observer, "observer");
    if (minInterval.isNegative()
        || minInterval.isZero()
        || minInterval.compareTo(maxInterval) > 0) {
      throw new IllegalArgumentException(
          "need 0 < min-interval <= max-interval, got " + minInterval + " and " + maxInterval);
    }
    this.drift = drift;
    this.minInterval = minInterval;
    this.maxInterval = maxInterval;
  }

  /**
   * Verifies every configured service now (cached results are used while fresh) and returns the
   * ones that are not private, with their diagnoses, in configuration order.
   *
   * @return the services that are not private, each with its diagnosis; empty when all are private
   */
  public Map<PrivateLinkService, Diagnosis> verifyAll() {
    Map<PrivateLinkService, Diagnosis> failures = new LinkedHashMap<>();
    for (PrivateLinkService service : services.all()) {
      Diagnosis d = verify(service);
      if (d.verdict() != Verdict.PRIVATE) {
        failures.put(service, d);
      }
    }
    return failures;
  }

  /**
   * Verifies every configured service, as at startup: a service that is not private is logged at
   * WARN; with {@code failFast} the first such result stops startup.
   *
   * @param failFast whether a service that is not private throws instead of only being logged
   * @throws PrivateLinkStartupException if {@code failFast} and a service is not private; Boot's
   *     startup failure report then shows each diagnosis
   */
  public void verifyAtStartup(boolean failFast) {
    Map<PrivateLinkService, Diagnosis> failures = verifyAll();
    if (failFast && !failures.isEmpty()) {
      throw new PrivateLinkStartupException(failures);
    }
  }

  /**
   * Verifies one service now, records the result and reports a change of verdict.
   *
   * @param service one of the configured services
   * @return the diagnosis, whatever the verdict
   */
  public Diagnosis verify(PrivateLinkService service) {
    Diagnosis d = observer.observe(service, () -> resolver.diagnose(service.url().toString()));
    Status before = latest.put(service.name(), new Status(d, Instant.now()));
    report(service, before == null ? null : before.diagnosis().verdict(), d);
    return d;
  }

  /**
   * The latest diagnosis of the service named {@code name}, if it was verified yet.
   *
   * @param name the service's name under {@code privatelink.services}
   * @return the latest diagnosis; empty before the first verification or for an unknown name
   */
  public Optional<Diagnosis> latest(String name) {
    Status s = latest.get(name);
    return s == null ? Optional.empty() : Optional.of(s.diagnosis());
  }

  /**
   * When the service named {@code name} was last verified, if it was.
   *
   * @param name the service's name under {@code privatelink.services}
   * @return the instant of the latest verification; empty before the first or for an unknown name
   */
  public Optional<Instant> verifiedAt(String name) {
    Status s = latest.get(name);
    return s == null ? Optional.empty() : Optional.of(s.at());
  }

  /**
   * The configured services.
   *
   * @return the services given at construction
   */
  public PrivateLinkServices services() {
    return services;
  }

  /**
   * Whether this monitor re-verifies in the background once started.
   *
   * @return {@code true} if {@link #start()} schedules background re-verification
   */
  public boolean drift() {
    return drift;
  }

  private void report(PrivateLinkService service, @Nullable Verdict before, Diagnosis now) {
    if (before == now.verdict()) {
      return;
    }
    if (before == null) {
      if (now.verdict() != Verdict.PRIVATE) {
        log.warn("{} is not reachable over Private Link: {}", service, now);
      }
      return;
    }
    if (now.verdict() == Verdict.PRIVATE) {
      log.warn("{} is private again ({} before): {}", service, before, now);
    } else {
      log.warn("{} is no longer private ({} before), calls are refused: {}", service, before, now);
    }
    events.publishEvent(new PrivateLinkVerdictChangedEvent(this, service, before, now));
  }

  private void scheduleNext(PrivateLinkService service, Diagnosis last) {
    ScheduledThreadPoolExecutor s = scheduler;
    if (s == null) {
      return;
    }
    // The resolver caches a result for its TTL; verifying after it expires asks DNS again.
    Duration ttl = last.resolution().ttl();
    Duration delay =
        ttl.compareTo(minInterval) < 0
            ? minInterval
            : ttl.compareTo(maxInterval) > 0 ? maxInterval : ttl;
    s.schedule(() -> runScheduled(service), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runScheduled(PrivateLinkService service) {
    Diagnosis d;
    try {
      d = verify(service);
    } catch (RuntimeException e) {
      // A listener or observer failed; keep monitoring rather than go silent.
      log.warn("re-verification of {} failed", service, e);
      d = latest(service.name()).orElse(null);
      if (d == null) {
        return;
      }
    }
    scheduleNext(service, d);
  }

  /** Starts background re-verification, when enabled; each service first waits out its TTL. */
  @Override
  public void start() {
    if (!drift || scheduler != null || services.all().isEmpty()) {
      return;
    }
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "privatelink-drift");
              t.setDaemon(true);
              return t;
            });
    s.setRemoveOnCancelPolicy(true);
    s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    scheduler = s;
    for (PrivateLinkService service : services.all()) {
      Diagnosis last = latest(service.name()).orElseGet(() -> verify(service));
      scheduleNext(service, last);
    }
  }

  /** Stops background re-verification; a verification under way finishes. */
  @Override
  public void stop() {
    ScheduledThreadPoolExecutor s = scheduler;
    scheduler = null;
    if (s != null) {
      s.shutdownNow();
    }
  }

  /** Whether background re-verification runs. */
  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
