package io.privatelink.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.spring.boot.VerificationObserver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters ({@link PrivateLinkMeterBinder}) and an Observation {@code
 * privatelink.verification} around each verification of a configured service, when Micrometer is
 * present.
 */
@AutoConfiguration(before = PrivateLinkAutoConfiguration.class)
public class PrivateLinkMetricsAutoConfiguration {

  /** Meters, bound by Boot to every registry; also the resolver's listener. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class Meters {

    @Bean
    @ConditionalOnMissingBean
    PrivateLinkMeterBinder privateLinkMeterBinder(
        GuardMetrics guard, ObjectProvider<PrivateLinkResolver> resolver) {
      return new PrivateLinkMeterBinder(guard, resolver);
    }
  }

  /** An Observation around each verification, so tracing and Boot's timers see it. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ObservationRegistry.class)
  static class Observations {

    @Bean
    @ConditionalOnMissingBean
    VerificationObserver privateLinkVerificationObserver(
        ObjectProvider<ObservationRegistry> registry) {
      return (service, verification) -> {
        Observation observation =
            Observation.createNotStarted(
                    "privatelink.verification",
                    () -> new Observation.Context(),
                    registry.getIfAvailable(() -> ObservationRegistry.NOOP))
                .contextualName("privatelink verify " + service.name())
                .lowCardinalityKeyValue("service", service.name())
                .highCardinalityKeyValue("host", service.host());
        return observation.observe(
            () -> {
              var d = verification.get();
              observation.lowCardinalityKeyValue("verdict", VerdictTag.of(d.verdict()));
              return d;
            });
      };
    }
  }
}
