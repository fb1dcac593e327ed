package io.privatelink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.FakeEntraCredential;
import java.util.List;
import okhttp3.OkHttpClient;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.http.client.FilteredHostException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * A Boot application (real context, Jetty on a random loopback port) configured with one linked
 * FHIR service of the sandbox: it starts, its injected client reads the CapabilityStatement from
 * the private server on 127.0.0.1, and the actuator shows it.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LinkedServiceTest {

  private static final AzureSandbox SANDBOX = SharedSandbox.get();

  // README: testkit, In a Spring Boot app's tests
  // region:readme-testkit-spring
  @DynamicPropertySource
  static void sandbox(DynamicPropertyRegistry properties) {
    properties.add("privatelink.nameservers", () -> SANDBOX.dns().nameserver());
    properties.add("privatelink.services.records.url", SANDBOX::fhirBaseUrl);
  }

  // endregion

  // README: Spring Boot
  // region:readme-spring-inject
  @Autowired
  @Qualifier("records")
  IGenericClient records; // verified at startup, guarded

  // endregion

  @Autowired FakeEntraCredential credential;

  @Autowired RestClient.Builder restClients;

  @Autowired
  @Qualifier("privateLinkHttpClient")
  OkHttpClient guarded;

  @LocalServerPort int port;

  Actuator actuator;

  @BeforeEach
  void actuator() {
    actuator = new Actuator(port);
  }

  @AfterEach
  void canaryUntouched() {
    SANDBOX.assertCanariesUntouched();
  }

  @Test
  void injectedClientReadsTheCapabilityStatementFromThePrivateServerWithAToken() {
    int before = SANDBOX.fhir().requestCount();

    CapabilityStatement cs = records.capabilities().ofType(CapabilityStatement.class).execute();

    assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
    assertThat(cs.getSoftware().getName()).isEqualTo("privatelink-testkit");
    assertThat(SANDBOX.fhir().requestCount()).isGreaterThan(before);
    assertThat(SANDBOX.fhir().authorizationHeaders())
        .isNotEmpty()
        .allMatch(h -> credential.tokens().contains(h.substring("Bearer ".length())));
    assertThat(credential.calls()).isPositive();
  }

  @Test
  void healthShowsPrivateLinkUpWithTheChain() throws Exception {
    Actuator.Response health = actuator.get("health");

    assertThat(health.status()).isEqualTo(200);
    var privateLink = health.json().path("components").path("privateLink");
    assertThat(privateLink.path("status").asText()).isEqualTo("UP");
    var records = privateLink.path("details").path("records");
    assertThat(records.path("verdict").asText()).isEqualTo("PRIVATE");
    assertThat(records.path("chain").toString())
        .isEqualTo(
            "[\""
                + AzureSandbox.FHIR_HOST
                + "\",\"sandbox-fhir.privatelink.fhir.azurehealthcareapis.com\"]");
    assertThat(records.path("addresses").get(0).asText())
        .startsWith("127.0.0.1 allowed by allow 127.0.0.1/32");
    assertThat(records.path("nameserver").asText()).isEqualTo(SANDBOX.dns().nameserver());
    assertThat(records.path("zone").asText()).isEqualTo("privatelink.fhir.azurehealthcareapis.com");
  }

  @Test
  void healthProbesSendNoDnsQueries() throws Exception {
    actuator.get("health");
    int queries = SANDBOX.dns().queries(AzureSandbox.FHIR_HOST);

    for (int i = 0; i < 5; i++) {
      actuator.get("health");
    }

    assertThat(SANDBOX.dns().queries(AzureSandbox.FHIR_HOST)).isEqualTo(queries);
  }

  @Test
  void metricsCountTheStartupLookupAndEachNewConnection() throws Exception {
    // The startup verification went to DNS, and was observed.
    assertThat(actuator.metric("privatelink.dns.lookups", "verdict:private")).isPositive();
    assertThat(actuator.metric("privatelink.verification", "service:records", "verdict:private"))
        .isPositive();
    double verifications = actuator.metric("privatelink.verifications", "verdict:private");
    double hits = actuator.metric("privatelink.cache.hits");
    double opened = actuator.metric("privatelink.connections", "outcome:opened");
    guarded.connectionPool().evictAll(); // so the next call opens, and verifies, a new connection

    records.capabilities().ofType(CapabilityStatement.class).execute();

    assertThat(actuator.metric("privatelink.verifications", "verdict:private"))
        .isGreaterThan(verifications);
    assertThat(actuator.metric("privatelink.cache.hits")).isGreaterThan(hits);
    assertThat(actuator.metric("privatelink.connections", "outcome:opened")).isEqualTo(opened + 1);
    assertThat(actuator.metric("privatelink.connections", "outcome:refused")).isZero();
  }

  @Test
  void springRestClientsRefuseAddressesOutsideThePolicy() {
    RestClient client = restClients.build();
    String canary = "http://" + CanaryServer.ADDRESS + ":" + SANDBOX.fhir().port() + "/";

    assertThatThrownBy(() -> client.get().uri(canary).retrieve().toBodilessEntity())
        .isInstanceOf(FilteredHostException.class);
  }

  @Test
  void springRestClientsStillReachAllowedAddresses() {
    RestClient client = restClients.build();

    var response =
        client
            .get()
            .uri("http://127.0.0.1:" + port + "/actuator/health")
            .retrieve()
            .toBodilessEntity();

    assertThat(response.getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void theFhirClientIsQualifiedByTheServiceName() {
    assertThat(List.of(records.getServerBase())).containsExactly(SANDBOX.fhirBaseUrl());
  }
}
