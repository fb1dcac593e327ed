package io.privatelink.testkit;

import static io.privatelink.testkit.Dig.answers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class DnsSandboxAnswersTest extends FreshDnsSandbox {

  @Test
  void answersARecords() throws Exception {
    dns.a("api.example.test", "10.1.0.5", "10.1.0.6");

    Message response = Dig.udp(dns, "api.example.test", Type.A);

    assertEquals(Rcode.NOERROR, response.getRcode());
    assertEquals(
        List.of("api.example.test. A 10.1.0.5", "api.example.test. A 10.1.0.6"), answers(response));
  }

  @Test
  void answersAaaaRecords() throws Exception {
    dns.aaaa("api.example.test", "fd00::5");

    Message response = Dig.udp(dns, "api.example.test", Type.AAAA);

    assertEquals(List.of("api.example.test. AAAA fd00:0:0:0:0:0:0:5"), answers(response));
  }

  @Test
  void responseKeepsIdAndEchoesQuestionAsAsked() throws Exception {
    dns.a("api.example.test", "10.1.0.5");
    Message query = Dig.query("API.Example.Test", Type.A);

    Message response = Dig.udp(dns).send(query);

    assertEquals(query.getHeader().getID(), response.getHeader().getID());
    assertEquals("API.Example.Test.", response.getQuestion().getName().toString());
    assertEquals(Type.A, response.getQuestion().getType());
  }

  @Test
  void responseSetsQrAaRaAndCopiesRd() throws Exception {
    dns.a("api.example.test", "10.1.0.5");
    Message withRd = Dig.query("api.example.test", Type.A);
    Message withoutRd = Dig.query("api.example.test", Type.A);
    withoutRd.getHeader().unsetFlag(Flags.RD);

    Message a = Dig.udp(dns).send(withRd);
    Message b = Dig.udp(dns).send(withoutRd);

    for (Message m : List.of(a, b)) {
      assertTrue(m.getHeader().getFlag(Flags.QR));
      assertTrue(m.getHeader().getFlag(Flags.AA));
      assertTrue(m.getHeader().getFlag(Flags.RA));
      assertFalse(m.getHeader().getFlag(Flags.TC));
    }
    assertTrue(a.getHeader().getFlag(Flags.RD));
    assertFalse(b.getHeader().getFlag(Flags.RD));
  }

  @Test
  void namesAreCaseInsensitiveWithOrWithoutTrailingDot() throws Exception {
    dns.a("Api.Example.Test.", "10.1.0.5");

    assertEquals(1, Dig.udp(dns, "api.example.test", Type.A).getSection(Section.ANSWER).size());
    assertEquals(1, Dig.udp(dns, "API.EXAMPLE.TEST.", Type.A).getSection(Section.ANSWER).size());
  }

  @ParameterizedTest(name = "{0}: {3}, no answers, SOA in authority")
  @CsvSource({
    "unknown name, nothing.example.test, A, NXDOMAIN",
    "name without the asked type, api.example.test, AAAA, NOERROR",
    "parent of a name with records, example.test, A, NOERROR"
  })
  void negativeAnswerHasRcodeNoAnswersAndSoa(
      String question, String name, String type, String rcode) throws Exception {
    dns.a("api.example.test", "10.1.0.5");

    Message response = Dig.udp(dns, name, Type.value(type));

    assertEquals(Rcode.value(rcode), response.getRcode());
    assertTrue(response.getSection(Section.ANSWER).isEmpty());
    assertEquals(Type.SOA, response.getSection(Section.AUTHORITY).get(0).getType());
  }

  @Test
  void negativeSoaOwnerEnclosesTheName() throws Exception {
    Message response = Dig.udp(dns, "nothing.example.test", Type.A);

    Record soa = response.getSection(Section.AUTHORITY).get(0);
    assertTrue(Name.fromString("nothing.example.test.").subdomain(soa.getName()));
  }

  @Test
  void recordsCarryTheConfiguredTtl() throws Exception {
    dns.a("default.example.test", "10.1.0.5").ttl(7).a("short.example.test", "10.1.0.6");

    assertEquals(
        60,
        Dig.udp(dns, "default.example.test", Type.A).getSection(Section.ANSWER).get(0).getTTL());
    assertEquals(
        7, Dig.udp(dns, "short.example.test", Type.A).getSection(Section.ANSWER).get(0).getTTL());
  }

  @Test
  void cnameChainIsAnsweredInOrderFollowedByTheAddress() throws Exception {
    dns.cname("a.example.test", "b.example.test")
        .cname("b.example.test", "c.example.test")
        .a("c.example.test", "10.1.0.7");

    Message response = Dig.udp(dns, "a.example.test", Type.A);

    assertEquals(
        List.of(
            "a.example.test. CNAME b.example.test.",
            "b.example.test. CNAME c.example.test.",
            "c.example.test. A 10.1.0.7"),
        answers(response));
  }

  @Test
  void cnameToAMissingNameIsNxdomainWithTheCname() throws Exception {
    dns.cname("a.example.test", "gone.example.test");

    Message response = Dig.udp(dns, "a.example.test", Type.A);

    assertEquals(Rcode.NXDOMAIN, response.getRcode());
    assertEquals(List.of("a.example.test. CNAME gone.example.test."), answers(response));
  }

  @Test
  void cnameQueryIsNotChased() throws Exception {
    dns.cname("a.example.test", "b.example.test").a("b.example.test", "10.1.0.7");

    Message response = Dig.udp(dns, "a.example.test", Type.CNAME);

    assertEquals(List.of("a.example.test. CNAME b.example.test."), answers(response));
  }

  @Test
  void rawRecordIsServed() throws Exception {
    dns.record(new TXTRecord(Name.fromString("x.example.test."), DClass.IN, 30, "hello"));

    Message response = Dig.udp(dns, "x.example.test", Type.TXT);

    assertEquals(List.of("x.example.test. TXT \"hello\""), answers(response));
    assertEquals(30, response.getSection(Section.ANSWER).get(0).getTTL());
  }

  @Test
  void removeMakesTheNameDisappear() throws Exception {
    dns.a("api.example.test", "10.1.0.5");
    dns.remove("API.example.test.");

    assertEquals(Rcode.NXDOMAIN, Dig.udp(dns, "api.example.test", Type.A).getRcode());
  }

  @Test
  void resetClearsRecords() throws Exception {
    dns.a("api.example.test", "10.1.0.5");
    dns.reset();

    assertEquals(Rcode.NXDOMAIN, Dig.udp(dns, "api.example.test", Type.A).getRcode());
  }

  @Test
  void ednsQueryGetsAnOptBack() throws Exception {
    dns.a("api.example.test", "10.1.0.5");

    Message response = Dig.udp(dns, "api.example.test", Type.A); // SimpleResolver sends EDNS 0

    OPTRecord opt = response.getOPT();
    assertNotNull(opt);
    assertEquals(0, opt.getVersion());
  }

  @Test
  void queryWithoutEdnsGetsNoOpt() throws Exception {
    dns.a("api.example.test", "10.1.0.5");
    SimpleResolver resolver = Dig.udp(dns);
    resolver.setEDNS(-1);

    Message response = resolver.send(Dig.query("api.example.test", Type.A));

    assertNull(response.getOPT());
    assertEquals(1, response.getSection(Section.ANSWER).size());
  }

  @Test
  void unknownEdnsVersionGetsBadvers() throws Exception {
    Message query = Dig.query("api.example.test", Type.A);
    query.addRecord(new OPTRecord(1232, 0, 1, 0), Section.ADDITIONAL);

    Message response = Dig.udp(dns).send(query);

    assertEquals(Rcode.BADVERS, response.getRcode());
  }

  @Test
  void aRejectsAnIpv6Address() {
    assertThrows(IllegalArgumentException.class, () -> dns.a("api.example.test", "fd00::1"));
  }

  @Test
  void aRejectsAHostName() {
    assertThrows(IllegalArgumentException.class, () -> dns.a("api.example.test", "localhost"));
  }
}
