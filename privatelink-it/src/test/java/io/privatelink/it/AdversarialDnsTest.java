package io.privatelink.it;

import static io.privatelink.it.LoopbackStage.FHIR;
import static io.privatelink.it.LoopbackStage.HOST;
import static io.privatelink.it.LoopbackStage.POLICY;
import static io.privatelink.it.LoopbackStage.PRIVATE_IP;
import static io.privatelink.it.LoopbackStage.PUBLIC_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Resolution;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.PrivateLinkSandbox;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * Answer shapes an attacker or a broken split-horizon DNS can produce, served over real DNS by the
 * testkit sandbox, each with the verdict the resolver must reach. 127.0.0.1 plays the private
 * endpoint; 127.0.0.2 plays the public internet. One row a case; add a row for a new shape.
 */
@PrivateLinkSandbox
class AdversarialDnsTest {

  private DnsSandbox dns;

  @BeforeEach
  void freshDns(DnsSandbox sandbox) {
    dns = sandbox;
    dns.reset();
  }

  static Stream<Arguments> answerSets() {
    return Stream.of(
        row("one private A", d -> d.a(HOST, PRIVATE_IP), HOST, Verdict.PRIVATE),
        row("one public A", d -> d.a(HOST, PUBLIC_IP), HOST, Verdict.PUBLIC_ADDRESS),
        row(
            "mixed: private and public A",
            d -> d.a(HOST, PRIVATE_IP, PUBLIC_IP),
            HOST,
            Verdict.MIXED_ADDRESSES),
        row(
            "mixed: public first, then private",
            d -> d.a(HOST, PUBLIC_IP, PRIVATE_IP),
            HOST,
            Verdict.MIXED_ADDRESSES),
        row(
            "dual stack: private A, public AAAA",
            d -> d.a(HOST, PRIVATE_IP).aaaa(HOST, "2001:db8::1"),
            HOST,
            Verdict.MIXED_ADDRESSES),
        row(
            "dual stack: private A, loopback AAAA ::1",
            d -> d.a(HOST, PRIVATE_IP).aaaa(HOST, "::1"),
            HOST,
            Verdict.MIXED_ADDRESSES),
        row(
            "dual stack: private A, NAT64 AAAA of the same address",
            d -> d.a(HOST, PRIVATE_IP).aaaa(HOST, "64:ff9b::7f00:1"),
            HOST,
            Verdict.MIXED_ADDRESSES),
        row(
            "empty: the name has only a TXT record (NODATA)",
            d -> d.record(txt(HOST)),
            HOST,
            Verdict.NO_ADDRESSES),
        row("empty: the name does not exist", d -> {}, HOST, Verdict.NO_SUCH_HOST),
        row(
            "CNAME to a public name",
            d -> d.cname(HOST, "cdn.public.example").a("cdn.public.example", PUBLIC_IP),
            HOST,
            Verdict.PUBLIC_ADDRESS),
        row(
            "CNAME to a private name",
            d -> d.cname(HOST, "lb.internal.example").a("lb.internal.example", PRIVATE_IP),
            HOST,
            Verdict.PRIVATE),
        row(
            "Azure: linked privatelink zone",
            d -> d.privateEndpoint(FHIR, PRIVATE_IP),
            FHIR,
            Verdict.PRIVATE),
        row(
            "Azure: chain through the privatelink zone, then out to a public address",
            d -> d.unlinkedZone(FHIR, PUBLIC_IP),
            FHIR,
            Verdict.PUBLIC_ADDRESS),
        row(
            "Azure: chain through the privatelink zone, then out to a mixed answer",
            d -> d.unlinkedZone(FHIR, PRIVATE_IP, PUBLIC_IP),
            FHIR,
            Verdict.MIXED_ADDRESSES),
        row(
            "Azure: CNAME straight to a public service whose address the policy allows",
            d -> d.publicOnly(FHIR, PRIVATE_IP),
            FHIR,
            Verdict.NOT_VIA_PRIVATE_LINK),
        row(
            "Azure: a bare A record, no privatelink CNAME",
            d -> d.a(FHIR, PRIVATE_IP),
            FHIR,
            Verdict.NOT_VIA_PRIVATE_LINK),
        row(
            "Azure: privatelink alias without an A record (new service)",
            d -> d.privateEndpoint(FHIR),
            FHIR,
            Verdict.NO_SUCH_HOST),
        row("ULA only, test policy", d -> d.aaaa(HOST, "fd00::1"), HOST, Verdict.PUBLIC_ADDRESS),
        row(
            "ULA only, default policy",
            d -> d.aaaa(HOST, "fd00::1"),
            HOST,
            NetworkPolicy.defaults(),
            Verdict.PRIVATE),
        row(
            "ULA cloud metadata address, default policy",
            d -> d.aaaa(HOST, "fd00:ec2::254"),
            HOST,
            NetworkPolicy.defaults(),
            Verdict.PUBLIC_ADDRESS),
        row(
            "RFC 1918 address, default policy",
            d -> d.a(HOST, "10.0.0.4"),
            HOST,
            NetworkPolicy.defaults(),
            Verdict.PRIVATE),
        row(
            "loopback, default policy",
            d -> d.a(HOST, PRIVATE_IP),
            HOST,
            NetworkPolicy.defaults(),
            Verdict.PUBLIC_ADDRESS),
        row(
            "IPv4-mapped AAAA ::ffff:127.0.0.2 is judged as 127.0.0.2",
            d -> d.record(aaaa(HOST, PUBLIC_IP)),
            HOST,
            Verdict.PUBLIC_ADDRESS),
        row(
            "IPv4-mapped AAAA ::ffff:127.0.0.1 is judged as 127.0.0.1",
            d -> d.record(aaaa(HOST, PRIVATE_IP)),
            HOST,
            Verdict.PRIVATE),
        row(
            "private A next to IPv4-mapped AAAA of the public address",
            d -> d.a(HOST, PRIVATE_IP).record(aaaa(HOST, PUBLIC_IP)),
            HOST,
            Verdict.MIXED_ADDRESSES),
        row(
            "NAT64 AAAA of 127.0.0.1 is refused",
            d -> d.aaaa(HOST, "64:ff9b::7f00:1"),
            HOST,
            Verdict.PUBLIC_ADDRESS),
        row(
            "local-use NAT64 AAAA of 127.0.0.1 is refused",
            d -> d.aaaa(HOST, "64:ff9b:1::7f00:1"),
            HOST,
            Verdict.PUBLIC_ADDRESS),
        row(
            "IPv4-compatible AAAA ::127.0.0.1 is refused",
            d -> d.aaaa(HOST, "::7f00:1"),
            HOST,
            Verdict.PUBLIC_ADDRESS),
        row(
            "6to4 AAAA of 127.0.0.1 is refused",
            d -> d.aaaa(HOST, "2002:7f00:1::1"),
            HOST,
            Verdict.PUBLIC_ADDRESS),
        row(
            "cloud metadata A record",
            d -> d.a(HOST, "169.254.169.254"),
            HOST,
            Verdict.PUBLIC_ADDRESS),
        row(
            "unspecified address A 0.0.0.0",
            d -> d.a(HOST, "0.0.0.0"),
            HOST,
            Verdict.PUBLIC_ADDRESS),
        row(
            "twenty private A records, default policy",
            d -> d.a(HOST, tenNet(20)),
            HOST,
            NetworkPolicy.defaults(),
            Verdict.PRIVATE),
        row(
            "twenty private A records and one public last, default policy",
            d -> d.a(HOST, tenNet(20)).a(HOST, "52.1.2.3"),
            HOST,
            NetworkPolicy.defaults(),
            Verdict.MIXED_ADDRESSES),
        row("private A with TTL 0", d -> d.ttl(0).a(HOST, PRIVATE_IP), HOST, Verdict.PRIVATE));
  }

  @ParameterizedTest(name = "{0} -> {4}")
  @MethodSource("answerSets")
  void eachAnswerSetGetsItsVerdict(
      String shape,
      Consumer<DnsSandbox> setup,
      String host,
      NetworkPolicy policy,
      Verdict expected) {
    setup.accept(dns);
    PrivateLinkResolver resolver =
        PrivateLinkResolver.builder()
            .nameservers(dns.nameserver())
            .timeout(Duration.ofSeconds(2))
            .policy(policy)
            .noCache()
            .build();
    Resolution resolution;
    try {
      resolution = resolver.resolve(host);
    } catch (PrivateLinkException refused) {
      assertEquals(expected, refused.verdict(), refused::getMessage);
      return;
    }
    assertEquals(expected, Verdict.PRIVATE, resolution::toString);
    assertTrue(
        resolution.addresses().stream().allMatch(a -> a.decision().allowed()),
        resolution::toString);
  }

  private static Arguments row(
      String shape, Consumer<DnsSandbox> setup, String host, Verdict expected) {
    return row(shape, setup, host, POLICY, expected);
  }

  private static Arguments row(
      String shape,
      Consumer<DnsSandbox> setup,
      String host,
      NetworkPolicy policy,
      Verdict expected) {
    return Arguments.of(shape, setup, host, policy, expected);
  }

  /** An AAAA record holding the IPv4-mapped form of {@code ipv4}, which DnsSandbox.aaaa refuses. */
  private static AAAARecord aaaa(String owner, String ipv4) {
    try {
      byte[] b = new byte[16];
      b[10] = (byte) 0xff;
      b[11] = (byte) 0xff;
      System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, b, 12, 4);
      return new AAAARecord(
          Name.fromString(owner + "."), DClass.IN, 60, Inet6Address.getByAddress(null, b, -1));
    } catch (UnknownHostException | TextParseException e) {
      throw new AssertionError(e);
    }
  }

  private static TXTRecord txt(String owner) {
    try {
      return new TXTRecord(Name.fromString(owner + "."), DClass.IN, 60, "no address here");
    } catch (TextParseException e) {
      throw new AssertionError(e);
    }
  }

  private static String[] tenNet(int count) {
    String[] ips = new String[count];
    for (int i = 0; i < count; i++) {
      ips[i] = "10.0.0." + (i + 1);
    }
    return ips;
  }
}
