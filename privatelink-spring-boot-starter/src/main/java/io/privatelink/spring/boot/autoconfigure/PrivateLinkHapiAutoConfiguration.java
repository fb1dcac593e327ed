package io.privatelink.spring.boot.autoconfigure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.azure.core.credential.TokenCredential;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.hapi.PrivateLinkFhirClient;
import io.privatelink.spring.boot.PrivateLinkMonitor;
import io.privatelink.spring.boot.PrivateLinkProperties;
import io.privatelink.spring.boot.PrivateLinkServices;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * With HAPI FHIR and {@code privatelink-hapi} on the classpath: a {@link FhirContext} (R4, unless
 * the app has one), and an {@link IGenericClient} per FHIR service qualified by its name, guarded
 * and with Entra ID tokens from the app's {@link TokenCredential} bean or {@code
 * DefaultAzureCredential}.
 */
@AutoConfiguration(after = PrivateLinkAutoConfiguration.class)
@ConditionalOnClass({FhirContext.class, IGenericClient.class, PrivateLinkFhirClient.class})
@Import(FhirClientRegistrar.class)
public class PrivateLinkHapiAutoConfiguration {

  /**
   * FHIR R4, the version {@code privatelink-hapi} brings.
   *
   * @return a new R4 context
   */
  @Bean
  @ConditionalOnMissingBean
  public FhirContext fhirContext() {
    return FhirContext.forR4();
  }

  /**
   * Builds the FHIR clients; startup verification ({@link PrivateLinkMonitor}) comes first.
   *
   * @param ctx the FHIR context bean
   * @param guarded the starter's guarded OkHttp client
   * @param resolver the resolver bean
   * @param services the checked services
   * @param monitor the monitor bean, so that startup verification runs first
   * @param properties the bound {@code privatelink.*} properties
   * @param credential the application's token credential, if any; else {@code
   *     DefaultAzureCredential}
   * @return the clients, by service name
   */
  @Bean
  @ConditionalOnMissingBean
  public PrivateLinkFhirClients privateLinkFhirClients(
      FhirContext ctx,
      PrivateLinkResolver resolver,
      @Qualifier("privateLinkHttpClient") OkHttpClient guarded,
      PrivateLinkServices services,
      PrivateLinkMonitor monitor,
      PrivateLinkProperties properties,
      ObjectProvider<TokenCredential> credential) {
    Supplier<TokenCredential> azure = PrivateLinkFhirClients.defaultAzureCredential();
    return new PrivateLinkFhirClients(
        ctx,
        resolver,
        guarded,
        services,
        properties.isFailFast(),
        () -> credential.getIfAvailable(azure));
  }
}
