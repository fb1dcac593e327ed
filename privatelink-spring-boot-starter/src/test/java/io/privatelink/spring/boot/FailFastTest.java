package io.privatelink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privatelink.testkit.AzureSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * With {@code privatelink.fail-fast} on (the default), an application configured with an unlinked
 * service does not start, and Boot's startup failure report says why and what to do.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailFastTest {

  private static final AzureSandbox SANDBOX = SharedSandbox.get();

  @Test
  void unlinkedServiceFailsStartupWithItsDiagnosisInTheFailureReport(CapturedOutput output) {
    int fhirRequests = SANDBOX.fhir().requestCount();
    SpringApplication app = new SpringApplication(TestApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);

    assertThatThrownBy(
            () ->
                app.run(
                    "--privatelink.nameservers=" + SANDBOX.dns().nameserver(),
                    "--privatelink.services.records.url=" + SANDBOX.unlinkedFhirBaseUrl()))
        .hasStackTraceContaining(PrivateLinkStartupException.class.getName());

    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START")
        .contains(
            "privatelink.services.records (" + SANDBOX.unlinkedFhirBaseUrl() + "): PUBLIC_ADDRESS")
        .contains("chain:      unlinked-fhir.fhir.azurehealthcareapis.com -> ")
        .contains(".trafficmanager.net -> ")
        .contains("address:    127.0.0.2 denied by ")
        .contains("nameserver: " + SANDBOX.dns().nameserver())
        .contains(
            "- records: the chain reaches privatelink.fhir.azurehealthcareapis.com and then"
                + " Traffic Manager")
        .contains("set privatelink.fail-fast=false");
    assertThat(SANDBOX.fhir().requestCount()).isEqualTo(fhirRequests);
    SANDBOX.assertCanariesUntouched();
  }
}
