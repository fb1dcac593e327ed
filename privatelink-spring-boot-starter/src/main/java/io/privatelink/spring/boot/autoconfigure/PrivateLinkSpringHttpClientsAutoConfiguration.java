package io.privatelink.spring.boot.autoconfigure;

import io.privatelink.core.NetworkPolicy;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.http.client.InetAddressFilter;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot 4.1+: an {@link InetAddressFilter} backed by the {@link NetworkPolicy}, so the HTTP
 * clients Boot builds ({@code RestClient}, {@code WebClient}, {@code RestTemplate} from Boot's
 * builders) refuse to connect to any address the policy does not allow. It checks addresses only,
 * not the privatelink CNAME chain; for that, call the service through the guarded clients. Turn it
 * off with {@code privatelink.restrict-spring-http-clients=false}.
 */
@AutoConfiguration(after = PrivateLinkAutoConfiguration.class)
@ConditionalOnClass(InetAddressFilter.class)
@ConditionalOnProperty(
    prefix = "privatelink",
    name = "restrict-spring-http-clients",
    havingValue = "true",
    matchIfMissing = true)
public class PrivateLinkSpringHttpClientsAutoConfiguration {

  /**
   * Allows exactly the addresses the policy allows.
   *
   * @param policy the network policy bean
   * @return the filter
   */
  @Bean
  @ConditionalOnMissingBean(name = "privateLinkInetAddressFilter")
  public InetAddressFilter privateLinkInetAddressFilter(NetworkPolicy policy) {
    return address -> policy.decide(address).allowed();
  }
}
