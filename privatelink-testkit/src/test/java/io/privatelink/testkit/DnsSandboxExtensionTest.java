package io.privatelink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

@PrivateLinkSandbox
class DnsSandboxExtensionTest {

  private static DnsSandbox fromBeforeAll;
  private final DnsSandbox fromConstructor;

  DnsSandboxExtensionTest(DnsSandbox dns) {
    this.fromConstructor = dns;
  }

  @BeforeAll
  static void remember(DnsSandbox dns) {
    fromBeforeAll = dns;
  }

  @BeforeEach
  void fresh(DnsSandbox dns) {
    dns.reset();
  }

  @Test
  void injectsAWorkingSandbox(DnsSandbox dns) throws Exception {
    dns.privateEndpoint("myfhir.azurehealthcareapis.com", "10.0.0.4");

    assertEquals(
        2,
        Dig.udp(dns, "myfhir.azurehealthcareapis.com", Type.A).getSection(Section.ANSWER).size());
  }

  @Test
  void injectsOneSandboxPerClassEverywhere(DnsSandbox dns) {
    assertSame(fromBeforeAll, dns);
    assertSame(fromConstructor, dns);
  }

  @Nested
  class NestedTests {
    @Test
    void nestedClassSharesTheEnclosingSandbox(DnsSandbox dns) {
      assertSame(fromBeforeAll, dns);
    }
  }
}
