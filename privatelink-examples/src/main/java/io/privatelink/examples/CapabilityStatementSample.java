package io.privatelink.examples;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.hapi.PrivateLinkFhirClient;
import java.io.PrintWriter;
import java.util.List;
import okhttp3.OkHttpClient;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.jspecify.annotations.Nullable;

/**
 * Reads an Azure FHIR service's CapabilityStatement ({@code GET [base]/metadata}) through a guarded
 * HAPI client: the host must resolve to its private endpoint, or nothing is sent and no token is
 * requested.
 *
 * <pre>{@code
 * CapabilityStatement cs = CapabilityStatementSample.fetch(
 *     serverBase,   // e.g. "https://myfhir.azurehealthcareapis.com/"
 *     resolver,     // e.g. PrivateLinkResolver.builder().build(): the system's nameservers
 *     credential,   // e.g. new DefaultAzureCredentialBuilder().build(), or null to send no token
 *     httpClient);  // e.g. new OkHttpClient()
 * CapabilityStatementSample.print(cs, new PrintWriter(System.out, true));
 * }</pre>
 *
 * <p>A host that does not verify fails with HAPI's {@code FhirClientConnectionException}; {@code
 * PrivateLinkException.find(e)} gives the verdict and the diagnosis.
 */
public final class CapabilityStatementSample {

  private CapabilityStatementSample() {}

  /** {@code java ... CapabilityStatementSample https://myfhir.azurehealthcareapis.com/}. */
  public static void main(String[] args) {
    CapabilityStatement cs =
        fetch(
            args[0],
            PrivateLinkResolver.builder().build(),
            new DefaultAzureCredentialBuilder().build(),
            new OkHttpClient());
    print(cs, new PrintWriter(System.out, true));
  }

  /**
   * Fetches the CapabilityStatement of {@code serverBase} over its private endpoint.
   *
   * @param serverBase the FHIR service base URL, {@code https://...}
   * @param resolver verifies the host, before the first request and at every connection
   * @param credential where bearer tokens come from; {@code null} sends no token
   * @param httpClient the client to start from (timeouts, TLS settings); the guard replaces its
   *     DNS, socket factory and proxy
   * @throws ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException if the host does not
   *     verify as private (its cause is the {@code PrivateLinkException}) or cannot be reached
   * @throws ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException if the server answers
   *     with an error status, e.g. 401 or 403 for a missing or refused token
   */
  public static CapabilityStatement fetch(
      String serverBase,
      PrivateLinkResolver resolver,
      @Nullable TokenCredential credential,
      OkHttpClient httpClient) {
    // A context of its own: the builder guards every client of the context it is given.
    PrivateLinkFhirClient.Builder builder =
        PrivateLinkFhirClient.builder(FhirContext.forR4())
            .serverBase(serverBase)
            .resolver(resolver)
            .httpClient(httpClient)
            // We ask for /metadata ourselves; HAPI need not fetch it first as well.
            .serverValidationMode(ServerValidationModeEnum.NEVER);
    if (credential != null) {
      builder.credential(credential);
    }
    IGenericClient client = builder.build();
    return client.capabilities().ofType(CapabilityStatement.class).execute();
  }

  /** The resource types the server's REST section supports, in the order it lists them. */
  public static List<String> resourceTypes(CapabilityStatement cs) {
    return cs.getRest().stream()
        .map(CapabilityStatementRestComponent::getResource)
        .flatMap(List::stream)
        .map(CapabilityStatementRestResourceComponent::getType)
        .distinct()
        .toList();
  }

  /**
   * Prints a summary:
   *
   * <pre>
   * FHIR version:   4.0.1
   * Software:       privatelink-testkit 0.1.0
   * Resource types: Observation, Patient
   * </pre>
   */
  public static void print(CapabilityStatement cs, PrintWriter out) {
    String software = cs.getSoftware().getName();
    if (cs.getSoftware().hasVersion()) {
      software += " " + cs.getSoftware().getVersion();
    }
    out.println(
        "FHIR version:   " + (cs.hasFhirVersion() ? cs.getFhirVersion().toCode() : "(none)"));
    out.println("Software:       " + (software == null ? "(none)" : software));
    List<String> types = resourceTypes(cs);
    out.println("Resource types: " + (types.isEmpty() ? "(none)" : String.join(", ", types)));
    out.flush();
  }
}
