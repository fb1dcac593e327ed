package io.privatelink.spring.boot.autoconfigure;

import io.privatelink.core.GuardMetrics;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.PrivateLinkZones;
import io.privatelink.core.Resolution;
import io.privatelink.core.ResolutionListener;
import io.privatelink.spring.boot.PrivateLinkHttpClientCustomizer;
import io.privatelink.spring.boot.PrivateLinkMonitor;
import io.privatelink.spring.boot.PrivateLinkProperties;
import io.privatelink.spring.boot.PrivateLinkServices;
import io.privatelink.spring.boot.VerificationObserver;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * The core beans: {@link NetworkPolicy}, {@link PrivateLinkResolver}, the guarded {@code
 * privateLinkHttpClient}, the configured {@link PrivateLinkServices} and the {@link
 * PrivateLinkMonitor} that verifies them at startup and as their TTL expires. Each backs off when
 * the application defines its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(PrivateLinkProperties.class)
public class PrivateLinkAutoConfiguration {

  /**
   * Binds {@code privatelink.require-private-link-zone} ({@code for-every-host} and the like), and
   * refuses the old {@code true}/{@code false} naming the value to write. Static: binding needs it
   * before this configuration is built.
   */
  @Bean
  @ConfigurationPropertiesBinding
  static ZoneRequirementConverter privateLinkZoneRequirementConverter() {
    return new ZoneRequirementConverter();
  }

  /**
   * The policy from {@code privatelink.policy.*}.
   *
   * @param properties the bound {@code privatelink.*} properties
   * @return the policy
   */
  @Bean
  @ConditionalOnMissingBean
  public NetworkPolicy privateLinkNetworkPolicy(PrivateLinkProperties properties) {
    PrivateLinkProperties.Policy p = properties.getPolicy();
    NetworkPolicy.Builder policy =
        p.isDefaults() ? NetworkPolicy.builder() : NetworkPolicy.builder().withoutDefaults();
    // NetworkPolicy's messages already say what a valid range looks like.
    List<String> allow = p.getAllow();
    for (int i = 0; i < allow.size(); i++) {
      String cidr = allow.get(i);
      try {
        policy.allow(cidr);
      } catch (RuntimeException e) {
        throw new InvalidConfigurationPropertyValueException(
            "privatelink.policy.allow[" + i + "]", cidr, e.getMessage());
      }
    }
    List<String> deny = p.getDeny();
    for (int i = 0; i < deny.size(); i++) {
      String cidr = deny.get(i);
      try {
        policy.deny(cidr);
      } catch (RuntimeException e) {
        throw new InvalidConfigurationPropertyValueException(
            "privatelink.policy.deny[" + i + "]", cidr, e.getMessage());
      }
    }
    try {
      return policy.build();
    } catch (RuntimeException e) {
      throw new InvalidConfigurationPropertyValueException(
          "privatelink.policy.defaults",
          p.isDefaults(),
          e.getMessage() + "; keep the defaults or allow at least one range");
    }
  }

  /**
   * Counts what the guarded clients did; read by the metrics.
   *
   * @return new, empty counters
   */
  @Bean
  @ConditionalOnMissingBean
  public GuardMetrics privateLinkGuardMetrics() {
    return new GuardMetrics();
  }

  /**
   * The resolver from {@code privatelink.*}, heard by every {@link ResolutionListener} bean.
   *
   * @param properties the bound {@code privatelink.*} properties
   * @param policy the network policy bean
   * @param listeners every {@link ResolutionListener} bean, in order
   * @return the resolver
   */
  @Bean
  @ConditionalOnMissingBean
  public PrivateLinkResolver privateLinkResolver(
      PrivateLinkProperties properties,
      NetworkPolicy policy,
      ObjectProvider<ResolutionListener> listeners) {
    PrivateLinkResolver.Builder resolver = PrivateLinkResolver.builder().policy(policy);
    List<String> nameservers = properties.getNameservers();
    for (int i = 0; i < nameservers.size(); i++) {
      String ns = nameservers.get(i);
      try {
        PrivateLinkResolver.builder().nameservers(ns);
      } catch (RuntimeException e) {
        throw new InvalidConfigurationPropertyValueException(
            "privatelink.nameservers[" + i + "]",
            ns,
            e.getMessage()
                + "; write an IP address, ip:port or [ipv6]:port, e.g. 10.0.0.4 or"
                + " 168.63.129.16:53");
      }
    }
    if (!nameservers.isEmpty()) {
      resolver.nameservers(nameservers.toArray(String[]::new));
    }
    Duration timeout = properties.getTimeout();
    try {
      resolver.timeout(timeout);
    } catch (RuntimeException e) {
      throw new InvalidConfigurationPropertyValueException(
          "privatelink.timeout", timeout, "must be positive; write e.g. 5s or 2000ms");
    }
    List<String> extra = properties.getZones().getExtra();
    if (!extra.isEmpty()) {
      PrivateLinkZones.Builder zones = PrivateLinkZones.defaults().newBuilder();
      for (int i = 0; i < extra.size(); i++) {
        try {
          zones.add(extra.get(i));
        } catch (RuntimeException e) {
          throw new InvalidConfigurationPropertyValueException(
              "privatelink.zones.extra[" + i + "]",
              extra.get(i),
              e.getMessage()
                  + "; write a DNS zone starting with privatelink., e.g."
                  + " privatelink.azurehealthcareapis.com");
        }
      }
      resolver.zones(zones.build());
    }
    resolver.requirePrivateLinkZone(properties.getRequirePrivateLinkZone());
    List<ResolutionListener> all = listeners.orderedStream().toList();
    if (!all.isEmpty()) {
      resolver.listener(
          new ResolutionListener() {
            @Override
            public void verified(Resolution resolution) {
              all.forEach(l -> l.verified(resolution));
            }

            @Override
            public void lookedUp(Resolution resolution, Duration took) {
              all.forEach(l -> l.lookedUp(resolution, took));
            }
          });
    }
    try {
      return resolver.build();
    } catch (IllegalStateException e) {
      throw new InvalidConfigurationPropertyValueException(
          "privatelink.nameservers",
          "",
          e.getMessage()
              + "; write the VNet's DNS server, e.g."
              + " privatelink.nameservers=10.0.0.4");
    }
  }

  /**
   * The guarded OkHttp client: every {@link PrivateLinkHttpClientCustomizer} shapes it, then the
   * guard owns its DNS, socket factory, proxy and redirects. Backs off to a bean of the same name.
   *
   * @param resolver the resolver bean
   * @param metrics the guard metrics bean
   * @param customizers every {@link PrivateLinkHttpClientCustomizer} bean, in order
   * @return the guarded client
   */
  @Bean
  @ConditionalOnMissingBean(name = "privateLinkHttpClient")
  public OkHttpClient privateLinkHttpClient(
      PrivateLinkResolver resolver,
      GuardMetrics metrics,
      ObjectProvider<PrivateLinkHttpClientCustomizer> customizers) {
    OkHttpClient.Builder base = new OkHttpClient.Builder();
    customizers.orderedStream().forEach(c -> c.customize(base));
    return GuardedHttpClient.builder()
        .resolver(resolver)
        .metrics(metrics)
        .from(base.build())
        .build();
  }

  /**
   * The services under {@code privatelink.services}, checked.
   *
   * @param properties the bound {@code privatelink.*} properties
   * @return the checked services
   */
  @Bean
  @ConditionalOnMissingBean
  public PrivateLinkServices privateLinkServices(PrivateLinkProperties properties) {
    return PrivateLinkServices.of(properties.getServices());
  }

  /**
   * Verifies the services now (failing startup when {@code privatelink.fail-fast} and one is not
   * private) and, once the context runs, again as their TTL expires.
   *
   * @param properties the bound {@code privatelink.*} properties
   * @param services the checked services
   * @param resolver the resolver bean
   * @param events where verdict changes are published
   * @param observer the verification observer bean, if any
   * @return the monitor, already verified at startup
   * @throws
   *     org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
   *     if {@code privatelink.drift.min-interval} is not positive or {@code max-interval} is below
   *     it
   */
  @Bean
  @ConditionalOnMissingBean
  public PrivateLinkMonitor privateLinkMonitor(
      PrivateLinkProperties properties,
      PrivateLinkServices services,
      PrivateLinkResolver resolver,
      ApplicationEventPublisher events,
      ObjectProvider<VerificationObserver> observer) {
    PrivateLinkProperties.Drift drift = properties.getDrift();
    Duration min = drift.getMinInterval();
    Duration max = drift.getMaxInterval();
    if (min == null || min.isNegative() || min.isZero()) {
      throw new InvalidConfigurationPropertyValueException(
          "privatelink.drift.min-interval", min, "must be positive; write e.g. 10s");
    }
    if (max == null || max.compareTo(min) < 0) {
      throw new InvalidConfigurationPropertyValueException(
          "privatelink.drift.max-interval",
          max,
          "must be at least privatelink.drift.min-interval (" + min + "); write e.g. 5m");
    }
    PrivateLinkMonitor monitor =
        new PrivateLinkMonitor(
            services,
            resolver,
            events,
            observer.getIfAvailable(() -> VerificationObserver.NONE),
            drift.isEnabled(),
            min,
            max);
    monitor.verifyAtStartup(properties.isFailFast());
    return monitor;
  }
}
