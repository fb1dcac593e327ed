package io.privatelink.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.testkit.AzureSandbox;
import okhttp3.OkHttpClient;

/**
 * A FHIR R4 context whose clients go through the guarded transport to an {@link AzureSandbox}:
 * {@link PrivateLinkRestfulClientFactory} on a guarded OkHttp client that trusts the sandbox's CA
 * and verifies with its resolver; no conformance check, so a refused host fails on the call itself.
 */
final class GuardedSandboxContext {

  private GuardedSandboxContext() {}

  static FhirContext of(AzureSandbox sandbox) {
    FhirContext ctx = FhirContext.forR4();
    OkHttpClient trusting =
        new OkHttpClient.Builder()
            .sslSocketFactory(
                sandbox.certificates().clientSocketFactory(), sandbox.certificates().trustManager())
            .build();
    PrivateLinkRestfulClientFactory factory =
        new PrivateLinkRestfulClientFactory(
            ctx,
            GuardedHttpClient.builder().resolver(sandbox.newResolver()).from(trusting).build());
    factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    ctx.setRestfulClientFactory(factory);
    return ctx;
  }
}
