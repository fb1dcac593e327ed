package io.privatelink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PrivateEndpointExtension} starts, resets and closes a DNS sandbox, a private TLS server
 * and its canary around a test class.
 */
class PrivateEndpointExtensionTest {

  // region:javadoc-PrivateEndpointExtension
  @RegisterExtension
  static final PrivateEndpointExtension<TlsTestServer> ENDPOINT =
      PrivateEndpointExtension.withTlsServer();

  @Test
  void linkedHostResolvesToThePrivateEndpoint() throws Exception {
    ENDPOINT.dns().privateEndpoint("myfhir.azurehealthcareapis.com", "127.0.0.1");
    PrivateLinkResolver resolver = ENDPOINT.newResolver();

    assertEquals(Verdict.PRIVATE, resolver.resolve("myfhir.azurehealthcareapis.com").verdict());
    // ... call ENDPOINT.url("myfhir.azurehealthcareapis.com", "/ok") through the client under test
  }

  // endregion

  @Test
  void theCanaryIsReachableAtTheServersPortOnThePublicAddress() {
    assertEquals(ENDPOINT.server().port(), ENDPOINT.canary().port());
    assertEquals(
        "https://myfhir.azurehealthcareapis.com:" + ENDPOINT.server().port() + "/ok",
        ENDPOINT.url("myfhir.azurehealthcareapis.com", "/ok"));
  }

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class BetweenTests {

    @Test
    @Order(1)
    void aTestLeavesRecordsAndQueriesBehind() throws Exception {
      ENDPOINT.dns().privateEndpoint("left.azurehealthcareapis.com", "127.0.0.1");
      ENDPOINT.newResolver().resolve("left.azurehealthcareapis.com");
      assertTrue(ENDPOINT.dns().queries("left.azurehealthcareapis.com") > 0);
    }

    @Test
    @Order(2)
    void theNextStartsWithOnlyTheAttackHostsAndNothingCounted() {
      assertEquals(0, ENDPOINT.dns().queries("left.azurehealthcareapis.com"));
      assertThrows(
          PrivateLinkException.class,
          () -> ENDPOINT.newResolver().resolve("left.azurehealthcareapis.com"));
    }
  }

  @Test
  void theLinkedHostsResolveToThePrivateEndpoint() throws Exception {
    PrivateLinkResolver resolver = ENDPOINT.newResolver();

    assertEquals(Verdict.PRIVATE, resolver.resolve(PrivateEndpointExtension.LINKED_HOST).verdict());
    assertEquals(
        Verdict.PRIVATE, resolver.resolve(PrivateEndpointExtension.OTHER_LINKED_HOST).verdict());
  }

  @ParameterizedTest(name = "{0} is refused as {1}")
  @CsvSource({
    PrivateEndpointExtension.UNLINKED_HOST + ", PUBLIC_ADDRESS",
    PrivateEndpointExtension.PUBLIC_HOST + ", PUBLIC_ADDRESS",
    PrivateEndpointExtension.MIXED_HOST + ", MIXED_ADDRESSES",
    PrivateEndpointExtension.PUBLIC_ENDPOINT_HOST + ", PUBLIC_ADDRESS",
  })
  void theAttackHostsPointAtTheCanary(String host, Verdict verdict) {
    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> ENDPOINT.newResolver().resolve(host));

    assertEquals(verdict, e.verdict());
  }

  @Test
  void anUnregisteredExtensionSaysHowToRegisterIt() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> PrivateEndpointExtension.withTlsServer().server());
    assertTrue(e.getMessage().contains("@RegisterExtension"), e.getMessage());
  }
}
