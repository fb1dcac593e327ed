package io.privatelink.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.AzureSandbox;
import java.io.PrintWriter;
import okhttp3.OkHttpClient;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;

/** The samples' Javadoc examples, run as written against an {@link AzureSandbox}. */
class SampleExamplesTest {

  @Test
  void capabilityStatementSample() {
    try (AzureSandbox sandbox = AzureSandbox.start()) {
      String serverBase = sandbox.fhirBaseUrl();
      PrivateLinkResolver resolver = sandbox.newResolver();
      RecordingCredential credential = new RecordingCredential();
      OkHttpClient httpClient = SandboxClients.trustingSandboxCa(sandbox);
      // region:javadoc-CapabilityStatementSample
      CapabilityStatement cs =
          CapabilityStatementSample.fetch(
              serverBase, // e.g. "https://myfhir.azurehealthcareapis.com/"
              resolver, // e.g. PrivateLinkResolver.builder().build(): the system's nameservers
              credential, // e.g. new DefaultAzureCredentialBuilder().build(), or null to send no
              // token
              httpClient); // e.g. new OkHttpClient()
      CapabilityStatementSample.print(cs, new PrintWriter(System.out, true));
      // endregion
      assertEquals("4.0.1", cs.getFhirVersion().toCode());
      sandbox.assertCanariesUntouched();
    }
  }

  @Test
  void dicomHealthSample() throws Exception {
    try (AzureSandbox sandbox = AzureSandbox.start()) {
      String serviceBase = sandbox.dicomBaseUrl();
      PrivateLinkResolver resolver = sandbox.newResolver();
      RecordingCredential credential = new RecordingCredential();
      OkHttpClient httpClient = SandboxClients.trustingSandboxCa(sandbox);
      // region:javadoc-DicomHealthSample
      DicomHealthSample.Health health =
          DicomHealthSample.check(
              serviceBase, // e.g. "https://ws-dicom.dicom.azurehealthcareapis.com/"
              resolver, // e.g. PrivateLinkResolver.builder().build(): the system's nameservers
              credential, // e.g. new DefaultAzureCredentialBuilder().build(), or null to send no
              // token
              httpClient); // e.g. new OkHttpClient()
      DicomHealthSample.print(health, new PrintWriter(System.out, true));
      // endregion
      assertEquals(200, health.httpStatus());
      sandbox.assertCanariesUntouched();
    }
  }
}
