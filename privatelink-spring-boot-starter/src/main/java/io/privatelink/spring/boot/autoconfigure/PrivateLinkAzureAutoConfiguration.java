package io.privatelink.spring.boot.autoconfigure;

import com.azure.core.http.HttpClient;
import io.privatelink.azure.GuardedAzureHttpClient;
import io.privatelink.core.PrivateLinkResolver;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With {@code privatelink-azure} on the classpath: the guarded azure-core {@link HttpClient} {@code
 * privateLinkAzureHttpClient}, for any Azure SDK client builder's {@code httpClient(...)}. It is
 * built from the guarded {@code privateLinkHttpClient}, so it shares that client's resolver,
 * customizers, pool and metrics. Backs off when the app defines its own azure-core {@code
 * HttpClient}.
 */
@AutoConfiguration(after = PrivateLinkAutoConfiguration.class)
@ConditionalOnClass({GuardedAzureHttpClient.class, HttpClient.class})
public class PrivateLinkAzureAutoConfiguration {

  /**
   * The guarded azure-core client over the starter's guarded OkHttp client.
   *
   * @param guarded the starter's guarded OkHttp client
   * @param resolver the resolver bean
   * @return the azure-core client
   */
  @Bean
  @ConditionalOnMissingBean(HttpClient.class)
  public HttpClient privateLinkAzureHttpClient(
      PrivateLinkResolver resolver, @Qualifier("privateLinkHttpClient") OkHttpClient guarded) {
    return GuardedAzureHttpClient.builder().resolver(resolver).from(guarded).build();
  }
}
