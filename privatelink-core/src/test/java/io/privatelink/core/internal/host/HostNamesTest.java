package io.privatelink.core.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class HostNamesTest {

  @Test
  void aDnsNameIsADnsNameInCanonicalForm() {
    HostNames.Host host = HostNames.canonicalHost("MyFHIR.AzureHealthcareApis.com.");

    assertEquals(new HostNames.DnsName("myfhir.azurehealthcareapis.com"), host);
  }

  @Test
  void aDottedQuadIsAnIpLiteralWithItsAddress() throws Exception {
    HostNames.Host host = HostNames.canonicalHost("10.0.0.4");

    assertEquals(new HostNames.IpLiteral("10.0.0.4", InetAddress.getByName("10.0.0.4")), host);
  }

  @Test
  void anIpv6LiteralIsAnIpLiteralSpelledOneWay() throws Exception {
    HostNames.IpLiteral host =
        assertInstanceOf(HostNames.IpLiteral.class, HostNames.canonicalHost("[FD00:0:0::4]"));

    assertEquals("fd00::4", host.name());
    assertEquals(InetAddress.getByName("fd00::4"), host.address());
  }
}
