package io.privatelink.spring.boot.autoconfigure;

import io.privatelink.spring.boot.PrivateLinkMonitor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code privateLink} health indicator, when Spring Boot's health support is present. */
@AutoConfiguration(after = PrivateLinkAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("privateLink")
public class PrivateLinkHealthAutoConfiguration {

  /**
   * Named so that Boot lists it as {@code privateLink}.
   *
   * @param monitor the monitor bean
   * @return the health indicator
   */
  @Bean
  @ConditionalOnBean(PrivateLinkMonitor.class)
  @ConditionalOnMissingBean(name = "privateLinkHealthIndicator")
  public PrivateLinkHealthIndicator privateLinkHealthIndicator(PrivateLinkMonitor monitor) {
    return new PrivateLinkHealthIndicator(monitor);
  }
}
