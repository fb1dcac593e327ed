package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.testkit.DnsFault;
import io.privatelink.testkit.DnsSandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code privatelink check --json}: one parseable object per target, the same facts as the text.
 */
class CliJsonTest {

  private static final String HOST = "myfhir.azurehealthcareapis.com";

  @RegisterExtension static final CheckSandbox SANDBOX = new CheckSandbox();

  private final DnsSandbox dns = SANDBOX.dns();

  private CliResult checkJson(String... targets) {
    String[] args = new String[targets.length + 1];
    args[0] = "--json";
    System.arraycopy(targets, 0, args, 1, targets.length);
    return CliResult.run(SANDBOX.check(args));
  }

  private static List<String> lines(CliResult r) {
    return List.of(r.out.split("\\R"));
  }

  @Test
  void printsOneObjectPerTargetPerLine() {
    dns.privateEndpoint(HOST, "127.0.0.1").fault("gone.azurehealthcareapis.com", DnsFault.NXDOMAIN);

    CliResult r = checkJson(HOST, "gone.azurehealthcareapis.com", "0x7f.1");

    assertEquals(3, lines(r).size(), r::toString);
    assertEquals(ExitStatus.USAGE, r.status);
    for (String line : lines(r)) {
      CliResult.jsonObject(line); // throws unless each line is a JSON object on its own
    }
  }

  @Test
  void privateEndpointCarriesEveryFact() {
    dns.privateEndpoint(HOST, "127.0.0.1");

    Map<String, Object> o = CliResult.jsonObject(lines(checkJson("https://" + HOST + "/")).get(0));

    assertEquals("https://" + HOST + "/", o.get("target"));
    assertEquals(HOST, o.get("host"));
    assertEquals("PRIVATE", o.get("verdict"));
    assertEquals(dns.nameserver(), o.get("nameserver"));
    assertEquals(List.of(HOST, "myfhir.privatelink.azurehealthcareapis.com"), o.get("chain"));
    assertEquals(
        List.of(
            Map.of(
                "address", "127.0.0.1", "ttl", 60, "allowed", true, "rule", "allow 127.0.0.1/32")),
        o.get("addresses"));
    assertEquals("privatelink.azurehealthcareapis.com", o.get("privateLinkZone"));
    assertNull(o.get("detail"));
    assertEquals(List.of(), o.get("hints"));
  }

  @Test
  void unlinkedZoneCarriesTheDeniedAddressAndHints() {
    dns.unlinkedZone(HOST, "52.1.2.3");

    Map<String, Object> o = CliResult.jsonObject(lines(checkJson(HOST)).get(0));

    assertEquals("PUBLIC_ADDRESS", o.get("verdict"));
    assertEquals(4, ((List<?>) o.get("chain")).size());
    Map<?, ?> address = (Map<?, ?>) ((List<?>) o.get("addresses")).get(0);
    assertEquals("52.1.2.3", address.get("address"));
    assertEquals(false, address.get("allowed"));
    assertEquals(2, ((List<?>) o.get("hints")).size());
  }

  @Test
  void ipv6AddressIsInShortForm() {
    dns.privateEndpoint(HOST, "fd00:0:0:0:0:0:0:4");

    Map<String, Object> o = CliResult.jsonObject(lines(checkJson(HOST)).get(0));

    Map<?, ?> address = (Map<?, ?>) ((List<?>) o.get("addresses")).get(0);
    assertEquals("fd00::4", address.get("address"));
  }

  @Test
  void dnsFailureHasNullNameserverAndADetail() {
    dns.privateEndpoint(HOST, "127.0.0.1").fault(HOST, DnsFault.DROP);

    Map<String, Object> o =
        CliResult.jsonObject(lines(checkJson("--timeout", "300ms", HOST)).get(0));

    assertEquals("DNS_FAILURE", o.get("verdict"));
    assertTrue(o.containsKey("nameserver"));
    assertNull(o.get("nameserver"));
    assertEquals("no answer within 300 ms", o.get("detail"));
  }

  @Test
  void rawTargetWithQuotesBackslashControlAndNonAsciiRoundTrips() {
    String target = "a\"b\\c\u0001\u00e9\n";

    CliResult r = checkJson(target);

    assertEquals(1, lines(r).size(), r::toString);
    assertTrue(r.out.chars().allMatch(c -> c < 0x7f), r::toString);
    Map<String, Object> o = CliResult.jsonObject(lines(r).get(0));
    assertEquals(target, o.get("target"));
    assertEquals("REJECTED_INPUT", o.get("verdict"));
  }
}
