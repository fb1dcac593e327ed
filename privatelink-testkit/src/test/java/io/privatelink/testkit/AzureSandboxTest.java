package io.privatelink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.Resolution;
import io.privatelink.core.Verdict;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link AzureSandbox}: what its DNS answers, where its servers listen, and its policy. */
class AzureSandboxTest {

  private static AzureSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = AzureSandbox.start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void linkedFhirHostResolvesPrivateToTheFhirServer() throws Exception {
    Resolution r = sandbox.newResolver().resolve(AzureSandbox.FHIR_HOST);

    assertEquals(Verdict.PRIVATE, r.verdict());
    assertEquals(List.of(sandbox.fhir().address()), r.allowedAddresses());
  }

  @Test
  void linkedDicomHostResolvesPrivate() throws Exception {
    assertEquals(Verdict.PRIVATE, sandbox.newResolver().resolve(AzureSandbox.DICOM_HOST).verdict());
  }

  @Test
  void unlinkedHostsEndAtTheCanaryAddressAndAreRefused() {
    for (String host : List.of(AzureSandbox.UNLINKED_FHIR_HOST, AzureSandbox.UNLINKED_DICOM_HOST)) {
      PrivateLinkException e =
          assertThrows(PrivateLinkException.class, () -> sandbox.newResolver().resolve(host));

      assertEquals(Verdict.PUBLIC_ADDRESS, e.verdict(), host);
      assertEquals(CanaryServer.ADDRESS, e.resolution().addresses().get(0).text(), host);
    }
  }

  @Test
  void policyAllowsExactlyTheServersAddress() throws Exception {
    assertTrue(sandbox.policy().decide(InetAddress.getByName("127.0.0.1")).allowed());
    assertEquals(false, sandbox.policy().decide(InetAddress.getByName("127.0.0.2")).allowed());
    assertEquals(false, sandbox.policy().decide(InetAddress.getByName("10.0.0.4")).allowed());
  }

  @Test
  void eachCanaryListensBesideItsServer() {
    assertEquals(sandbox.fhir().port(), sandbox.fhirCanary().port());
    assertEquals(sandbox.dicom().port(), sandbox.dicomCanary().port());
    assertEquals(
        "https://" + AzureSandbox.UNLINKED_FHIR_HOST + ":" + sandbox.fhir().port() + "/",
        sandbox.unlinkedFhirBaseUrl());
  }

  @Test
  void resetRestoresTheRecordsAfterATestChangedThem() throws Exception {
    sandbox.dns().fault(AzureSandbox.FHIR_HOST, DnsFault.NXDOMAIN);

    sandbox.reset();

    assertEquals(Verdict.PRIVATE, sandbox.newResolver().resolve(AzureSandbox.FHIR_HOST).verdict());
  }
}
