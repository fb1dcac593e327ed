package io.privatelink.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.ConnectionGuard.RedirectHop;
import java.net.ProtocolException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectRulesTest {

  private static final URI FROM = URI.create("https://myfhir.azurehealthcareapis.com/Patient");

  @ParameterizedTest
  @ValueSource(ints = {300, 301, 302, 303, 307, 308})
  void everyRedirectStatusIsARedirect(int status) {
    assertTrue(RedirectRules.isRedirect(status));
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 304, 305, 306, 400})
  void otherStatusesAreNotRedirects(int status) {
    assertFalse(RedirectRules.isRedirect(status));
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void downgradeIsRefusedWhateverTheStatus(int status) {
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () ->
                RedirectRules.next(
                    FROM, "http://myfhir.azurehealthcareapis.com/", status, "GET", false));
    assertTrue(e.getMessage().contains("downgrade"), e.getMessage());
  }

  @Test
  void downgradeIsFollowedOnlyWhenAllowed() throws ProtocolException {
    assertEquals(
        "http",
        RedirectRules.next(FROM, "http://myfhir.azurehealthcareapis.com/", 302, "GET", true)
            .target()
            .getScheme());
  }

  @Test
  void relativeLocationStaysOnTheOrigin() throws ProtocolException {
    RedirectHop hop = RedirectRules.next(FROM, "/Patient/1", 307, "GET", false);
    assertEquals(URI.create("https://myfhir.azurehealthcareapis.com/Patient/1"), hop.target());
    assertFalse(hop.crossOrigin());
  }

  @Test
  void anotherPortIsAnotherOrigin() throws ProtocolException {
    assertTrue(
        RedirectRules.next(FROM, "https://myfhir.azurehealthcareapis.com:8443/", 302, "GET", false)
            .crossOrigin());
  }

  @Test
  void explicitDefaultPortAndHostCaseAreTheSameOrigin() throws ProtocolException {
    assertFalse(
        RedirectRules.next(FROM, "https://MYFHIR.azurehealthcareapis.com:443/", 302, "GET", false)
            .crossOrigin());
  }

  @Test
  void seeOtherTurnsAPostIntoAGetWithoutBody() throws ProtocolException {
    RedirectHop hop = RedirectRules.next(FROM, "/x", 303, "POST", false);
    assertEquals("GET", hop.method());
    assertFalse(hop.keepsBody());
  }

  @Test
  void permanentRedirectKeepsMethodAndBody() throws ProtocolException {
    RedirectHop hop = RedirectRules.next(FROM, "/x", 308, "POST", false);
    assertEquals("POST", hop.method());
    assertTrue(hop.keepsBody());
  }

  @Test
  void nonHttpLocationIsRefused() {
    assertThrows(
        ProtocolException.class,
        () -> RedirectRules.next(FROM, "file:///etc/passwd", 302, "GET", false));
  }

  @Test
  void credentialHeadersAreRecognisedInAnyCase() {
    assertTrue(RedirectRules.isCrossOriginHeader("authorization"));
    assertTrue(RedirectRules.isCrossOriginHeader("COOKIE"));
    assertFalse(RedirectRules.isCrossOriginHeader("Accept"));
  }
}
