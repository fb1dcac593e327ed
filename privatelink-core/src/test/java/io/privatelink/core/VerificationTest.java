package io.privatelink.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.internal.dns.DnsAnswer;
import io.privatelink.core.internal.dns.DnsClient;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The verdict as a pure function of the DNS answer, the policy, the zones and the family rule: no
 * server, no socket, no clock. Replies are built as dnsjava messages and go through the same CNAME
 * following as over the wire ({@link DnsClient#answerFrom}).
 */
class VerificationTest {

  private static final String HOST = "myfhir.azurehealthcareapis.com";
  private static final String ALIAS = "myfhir.privatelink.azurehealthcareapis.com";

  private static Verification.Rules rules(boolean strict) {
    return new Verification.Rules(
        NetworkPolicy.defaults(),
        PrivateLinkZones.defaults(),
        PrivateLinkResolver.ZoneRequirement.FOR_AZURE_SERVICES,
        strict,
        List.of());
  }

  private static Message reply(int type, int rcode, Record... answers) throws Exception {
    Message m = new Message(1);
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.RA);
    m.getHeader().setRcode(rcode);
    m.addRecord(Record.newRecord(Name.fromString(HOST + "."), type, DClass.IN), Section.QUESTION);
    for (Record r : answers) {
      m.addRecord(r, Section.ANSWER);
    }
    return m;
  }

  private static Record cname() throws Exception {
    return new CNAMERecord(
        Name.fromString(HOST + "."), DClass.IN, 60, Name.fromString(ALIAS + "."));
  }

  /** {@code HOST A 10.0.0.4}: a private address, no CNAME into a privatelink zone. */
  private static Message hostAnsweringPrivateAddressWithoutZone() throws Exception {
    return reply(
        Type.A,
        Rcode.NOERROR,
        new ARecord(Name.fromString(HOST + "."), DClass.IN, 60, InetAddress.getByName("10.0.0.4")));
  }

  private static Record a(String ip) throws Exception {
    return new ARecord(Name.fromString(ALIAS + "."), DClass.IN, 60, InetAddress.getByName(ip));
  }

  private static Record aaaa(String ip) throws Exception {
    return new AAAARecord(Name.fromString(ALIAS + "."), DClass.IN, 60, InetAddress.getByName(ip));
  }

  private static Resolution judge(Message a, Message aaaa, boolean strict) {
    DnsAnswer answer = DnsClient.answerFrom(HOST, a, aaaa, 16);
    return Verification.of(HOST, answer, rules(strict));
  }

  /** The A query verifies (through the privatelink CNAME), the AAAA query is refused. */
  private static Resolution judgePrivateANextToRefusedAaaa(boolean strict) throws Exception {
    return judge(
        reply(Type.A, Rcode.NOERROR, cname(), a("10.0.0.4")),
        reply(Type.AAAA, Rcode.REFUSED),
        strict);
  }

  @Test
  void aVerifiedFamilyNextToARefusedQueryIsPrivateWithTheFailureRecorded() throws Exception {
    Resolution r = judgePrivateANextToRefusedAaaa(false);

    assertEquals(Verdict.PRIVATE, r.verdict());
    assertEquals(List.of(InetAddress.getByName("10.0.0.4")), r.allowedAddresses());
    assertEquals("AAAA", r.failedQueries().get(0).type());
  }

  @Test
  void theStrictRuleMakesTheSameAnswerADnsFailure() throws Exception {
    Resolution r = judgePrivateANextToRefusedAaaa(true);

    assertEquals(Verdict.DNS_FAILURE, r.verdict());
    assertTrue(r.allowedAddresses().isEmpty());
  }

  @Test
  void anUnparseableReplyIsAFailedQuery() throws Exception {
    Resolution r = judge(reply(Type.A, Rcode.NOERROR, cname(), a("10.0.0.4")), null, false);

    assertEquals(Verdict.PRIVATE, r.verdict());
    assertTrue(r.failedQueries().get(0).reason().startsWith("malformed"), r.toString());
  }

  @Test
  void aPublicAddressInTheOtherFamilyMakesTheAnswerMixed() throws Exception {
    Resolution r =
        judge(
            reply(Type.A, Rcode.NOERROR, cname(), a("10.0.0.4")),
            reply(Type.AAAA, Rcode.NOERROR, cname(), aaaa("2603:1030::4")),
            false);

    assertEquals(Verdict.MIXED_ADDRESSES, r.verdict());
    assertTrue(r.allowedAddresses().isEmpty());
  }

  @Test
  void bothFamiliesFailingIsADnsFailure() throws Exception {
    Resolution r = judge(reply(Type.A, Rcode.SERVFAIL), reply(Type.AAAA, Rcode.REFUSED), false);

    assertEquals(Verdict.DNS_FAILURE, r.verdict());
    assertEquals(2, r.failedQueries().size());
  }

  @Test
  void privateAddressesOutsideAPrivatelinkZoneAreNotViaPrivateLink() throws Exception {
    Message a = hostAnsweringPrivateAddressWithoutZone();

    Resolution r = judge(a, reply(Type.AAAA, Rcode.NOERROR), false);

    assertEquals(Verdict.NOT_VIA_PRIVATE_LINK, r.verdict());
  }

  @Test
  void anIpLiteralVerifiesUnlessEveryHostNeedsAZone() throws Exception {
    InetAddress address = InetAddress.getByName("10.0.0.4");

    assertEquals(
        Verdict.PRIVATE, Verification.ofLiteral("10.0.0.4", address, rules(false)).verdict());
    assertEquals(
        Verdict.NOT_VIA_PRIVATE_LINK,
        Verification.ofLiteral(
                "10.0.0.4",
                address,
                new Verification.Rules(
                    NetworkPolicy.defaults(),
                    PrivateLinkZones.defaults(),
                    PrivateLinkResolver.ZoneRequirement.FOR_EVERY_HOST,
                    false,
                    List.of()))
            .verdict());
  }

  @Test
  void privateAddressesOutsideAZoneVerifyWhenNoHostNeedsOne() throws Exception {
    Message a = hostAnsweringPrivateAddressWithoutZone();
    DnsAnswer answer = DnsClient.answerFrom(HOST, a, reply(Type.AAAA, Rcode.NOERROR), 16);

    Resolution r =
        Verification.of(
            HOST,
            answer,
            new Verification.Rules(
                NetworkPolicy.defaults(),
                PrivateLinkZones.defaults(),
                PrivateLinkResolver.ZoneRequirement.FOR_NO_HOST,
                false,
                List.of()));

    assertEquals(Verdict.PRIVATE, r.verdict());
  }
}
