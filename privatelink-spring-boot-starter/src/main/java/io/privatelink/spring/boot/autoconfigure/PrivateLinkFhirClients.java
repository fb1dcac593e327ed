package io.privatelink.spring.boot.autoconfigure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.hapi.PrivateLinkFhirClient;
import io.privatelink.hapi.PrivateLinkRestfulClientFactory;
import io.privatelink.spring.boot.PrivateLinkService;
import io.privatelink.spring.boot.PrivateLinkServices;
import io.privatelink.spring.boot.ServiceKind;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@code IGenericClient} of each configured FHIR service on the application's {@link
 * FhirContext}, through the guarded {@code privateLinkHttpClient}, with an Azure token interceptor
 * where the service authenticates.
 *
 * <p>Normally used through the {@code IGenericClient} beans it backs.
 */
public final class PrivateLinkFhirClients {

  private final FhirContext ctx;
  private final PrivateLinkResolver resolver;
  private final OkHttpClient guarded;
  private final PrivateLinkServices services;
  private final boolean verifyAtBuild;
  private final Supplier<TokenCredential> credential;

  PrivateLinkFhirClients(
      FhirContext ctx,
      PrivateLinkResolver resolver,
      OkHttpClient guarded,
      PrivateLinkServices services,
      boolean verifyAtBuild,
      Supplier<TokenCredential> credential) {
    this.ctx = ctx;
    this.resolver = resolver;
    this.guarded = guarded;
    this.services = services;
    this.verifyAtBuild = verifyAtBuild;
    this.credential = credential;
  }

  /** DefaultAzureCredential, built on first use (it reads the environment when built). */
  static Supplier<TokenCredential> defaultAzureCredential() {
    return new Supplier<>() {
      private @Nullable TokenCredential credential;

      @Override
      public synchronized TokenCredential get() {
        if (credential == null) {
          credential = new DefaultAzureCredentialBuilder().build();
        }
        return credential;
      }
    };
  }

  /**
   * A new guarded client of the FHIR service configured under {@code name}.
   *
   * @param name the service's name under {@code privatelink.services}
   * @return a new client; each call builds another
   * @throws IllegalArgumentException if that service is not a FHIR service
   * @throws java.util.NoSuchElementException if no service has that name
   */
  public IGenericClient client(String name) {
    PrivateLinkService service = services.get(name);
    if (service.kind() != ServiceKind.FHIR) {
      throw new IllegalArgumentException(service + " is not a FHIR service");
    }
    synchronized (ctx) {
      // One guarded transport per context, and it is ours: HAPI asks the context's factory for
      // every request, so an app's own factory on this context would bypass the guard.
      if (!(ctx.getRestfulClientFactory() instanceof PrivateLinkRestfulClientFactory)) {
        ctx.setRestfulClientFactory(new PrivateLinkRestfulClientFactory(ctx, guarded));
      }
    }
    PrivateLinkFhirClient.Builder client =
        PrivateLinkFhirClient.builder(ctx)
            .serverBase(service.url().toString())
            .resolver(resolver)
            .verifyAtBuild(verifyAtBuild);
    if (service.authenticate()) {
      client.credential(credential.get());
      service.scope().ifPresent(client::scope);
    }
    return client.build();
  }
}
