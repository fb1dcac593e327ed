package io.privatelink.core.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {

  @ParameterizedTest(name = "{0} port {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      10.0.0.4                | 53    | 10.0.0.4:53
      127.0.0.1               | 5353  | 127.0.0.1:5353
      fd00:0:0:0:0:0:0:4      | 53    | [fd00::4]:53
      ::1                     | 53    | [::1]:53
      ::ffff:10.0.0.4         | 53    | 10.0.0.4:53
      """)
  void hostPortBracketsIpv6InItsCanonicalForm(String ip, int port, String text)
      throws UnknownHostException {
    // getByName on a literal parses it (no lookup); ::ffff:a.b.c.d comes back as an IPv4 address.
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(ip), port);

    assertEquals(text, AddressText.hostPort(address));
  }
}
