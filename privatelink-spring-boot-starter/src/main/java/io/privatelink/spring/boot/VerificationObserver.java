package io.privatelink.spring.boot;

import io.privatelink.core.Diagnosis;
import java.util.function.Supplier;

/**
 * Wraps each verification of a configured service that {@link PrivateLinkMonitor} makes (at startup
 * and in the background), e.g. in a Micrometer {@code Observation} so tracing sees it. The starter
 * provides one when an {@code ObservationRegistry} bean exists.
 *
 * <p>An implementation calls {@code verification.get()} exactly once and returns its result.
 */
@FunctionalInterface
public interface VerificationObserver {

  /** Observes nothing: runs the verification. */
  VerificationObserver NONE = (service, verification) -> verification.get();

  /**
   * Runs {@code verification} once and returns its result unchanged.
   *
   * @return what {@code verification} returned, unchanged
   * @param service the service being verified
   * @param verification resolves and judges the service's host; never throws for a DNS outcome
   */
  Diagnosis observe(PrivateLinkService service, Supplier<Diagnosis> verification);
}
