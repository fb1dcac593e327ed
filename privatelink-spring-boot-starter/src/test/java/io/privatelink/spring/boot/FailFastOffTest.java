package io.privatelink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.FakeEntraCredential;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code privatelink.fail-fast: false}, an application configured with an unlinked service
 * starts, reports DOWN, and refuses every call to it before a connection or a token.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "privatelink.fail-fast=false")
class FailFastOffTest {

  private static final AzureSandbox SANDBOX = SharedSandbox.get();

  @DynamicPropertySource
  static void sandbox(DynamicPropertyRegistry properties) {
    properties.add("privatelink.nameservers", () -> SANDBOX.dns().nameserver());
    properties.add("privatelink.services.records.url", SANDBOX::unlinkedFhirBaseUrl);
  }

  @Autowired
  @Qualifier("records")
  IGenericClient records;

  @Autowired FakeEntraCredential credential;

  @LocalServerPort int port;

  @AfterEach
  void canaryUntouched() {
    SANDBOX.assertCanariesUntouched();
  }

  @Test
  void startsAndHealthIsDownWithTheDiagnosis() throws Exception {
    Actuator.Response health = new Actuator(port).get("health");

    assertThat(health.status()).isEqualTo(503);
    var privateLink = health.json().path("components").path("privateLink");
    assertThat(privateLink.path("status").asText()).isEqualTo("DOWN");
    var records = privateLink.path("details").path("records");
    assertThat(records.path("verdict").asText()).isEqualTo("PUBLIC_ADDRESS");
    assertThat(records.path("addresses").get(0).asText()).startsWith("127.0.0.2 denied");
    assertThat(records.path("hints").get(0).asText()).contains("is not linked to the VNet");
  }

  @Test
  void everyCallIsRefusedBeforeAConnectionOrAToken() {
    int fhirConnections = SANDBOX.fhir().connections();

    for (Runnable call :
        new Runnable[] {
          () -> records.capabilities().ofType(CapabilityStatement.class).execute(),
          () -> records.read().resource(Patient.class).withId("1").execute()
        }) {
      assertThatThrownBy(call::run)
          .isInstanceOf(FhirClientConnectionException.class)
          .satisfies(
              e ->
                  assertThat(PrivateLinkException.find(e).orElseThrow().verdict())
                      .isEqualTo(Verdict.PUBLIC_ADDRESS));
    }

    assertThat(credential.calls()).isZero();
    assertThat(SANDBOX.fhir().connections()).isEqualTo(fhirConnections);
  }

  @Test
  void refusalsAreCountedByVerdict() throws Exception {
    assertThatThrownBy(() -> records.capabilities().ofType(CapabilityStatement.class).execute())
        .isInstanceOf(FhirClientConnectionException.class);

    assertThat(new Actuator(port).metric("privatelink.refusals", "verdict:public_address"))
        .isPositive();
  }
}
