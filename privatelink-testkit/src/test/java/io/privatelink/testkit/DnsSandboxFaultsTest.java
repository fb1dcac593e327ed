package io.privatelink.testkit;

import static io.privatelink.testkit.Dig.answers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

class DnsSandboxFaultsTest extends FreshDnsSandbox {

  private static final String NAME = "api.example.test";
  private static final String HOST = "myfhir.azurehealthcareapis.com";
  private static final String ALIAS = "myfhir.privatelink.azurehealthcareapis.com.";

  @BeforeEach
  void knowsName() {
    dns.a(NAME, "10.1.0.5");
  }

  @Test
  void servfailAnswersServfail() throws Exception {
    dns.fault(NAME, DnsFault.SERVFAIL);

    assertEquals(Rcode.SERVFAIL, Dig.udp(dns, NAME, Type.A).getRcode());
  }

  @Test
  void refusedAnswersRefused() throws Exception {
    dns.fault(NAME, DnsFault.REFUSED);

    assertEquals(Rcode.REFUSED, Dig.udp(dns, NAME, Type.A).getRcode());
  }

  @Test
  void nxdomainHidesExistingRecords() throws Exception {
    dns.fault(NAME, DnsFault.NXDOMAIN);

    Message response = Dig.udp(dns, NAME, Type.A);

    assertEquals(Rcode.NXDOMAIN, response.getRcode());
    assertTrue(response.getSection(Section.ANSWER).isEmpty());
  }

  @Test
  void nxdomainAppliesWhenACnameReachesTheName() throws Exception {
    dns.privateEndpoint(HOST, "10.0.0.4").fault(ALIAS, DnsFault.NXDOMAIN);

    Message response = Dig.udp(dns, HOST, Type.A);

    assertEquals(Rcode.NXDOMAIN, response.getRcode());
    assertEquals(List.of(HOST + ". CNAME " + ALIAS), answers(response));
  }

  @Test
  void faultOnOneNameLeavesOthersAlone() throws Exception {
    dns.a("other.example.test", "10.1.0.9").fault(NAME, DnsFault.SERVFAIL);

    assertEquals(Rcode.NOERROR, Dig.udp(dns, "other.example.test", Type.A).getRcode());
  }

  @Test
  void javadocExampleTruncatesOneNameAndRefusesAaaaForAnother() throws Exception {
    String host = "myfhir.azurehealthcareapis.com";
    String other = "forwarded.example.test";
    // region:javadoc-DnsFault
    dns.privateEndpoint(host, "10.0.0.4").fault(host, DnsFault.TRUNCATE); // forces TCP
    dns.a(other, "10.0.0.5").fault(other, Type.AAAA, DnsFault.REFUSED); // as dnsmasq does
    // endregion

    assertTrue(Dig.udp(dns, host, Type.A).getHeader().getFlag(Flags.TC));
    assertEquals(Rcode.REFUSED, Dig.udp(dns, other, Type.AAAA).getRcode());
    assertEquals(
        List.of("forwarded.example.test. A 10.0.0.5"), answers(Dig.udp(dns, other, Type.A)));
  }

  @Test
  void truncateSetsTcWithNoAnswersOverUdp() throws Exception {
    dns.fault(NAME, DnsFault.TRUNCATE);

    Message response = Dig.udp(dns, NAME, Type.A);

    assertTrue(response.getHeader().getFlag(Flags.TC));
    assertTrue(response.getSection(Section.ANSWER).isEmpty());
  }

  @Test
  void truncateAnswersInFullOverTcp() throws Exception {
    dns.fault(NAME, DnsFault.TRUNCATE);

    Message response = Dig.tcp(dns, NAME, Type.A);

    assertFalse(response.getHeader().getFlag(Flags.TC));
    assertEquals(List.of(NAME + ". A 10.1.0.5"), answers(response));
  }

  @Test
  void truncateMakesAClientRetryOverTcp() throws Exception {
    dns.fault(NAME, DnsFault.TRUNCATE);
    SimpleResolver resolver = Dig.udp(dns);
    resolver.setIgnoreTruncation(false);

    Message response = resolver.send(Dig.query(NAME, Type.A));

    assertEquals(1, response.getSection(Section.ANSWER).size());
    assertEquals(1, dns.udpQueries());
    assertEquals(1, dns.tcpQueries());
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"UDP", "TCP"})
  void dropNeverAnswers(String transport) {
    dns.fault(NAME, DnsFault.DROP);
    SimpleResolver resolver = transport.equals("TCP") ? Dig.tcp(dns) : Dig.udp(dns);
    resolver.setTimeout(Duration.ofMillis(300));

    IOException e = assertThrows(IOException.class, () -> resolver.send(Dig.query(NAME, Type.A)));
    assertTrue(Dig.isTimeout(e), e.toString());
  }

  @Test
  void delayHoldsTheAnswerBack() throws Exception {
    dns.delay(NAME, Duration.ofMillis(300));

    long start = System.nanoTime();
    Message response = Dig.udp(dns, NAME, Type.A);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(1, response.getSection(Section.ANSWER).size());
    assertTrue(elapsedMillis >= 250, "answered after " + elapsedMillis + " ms");
  }

  @Test
  void delayedNameDoesNotStallOtherNames() throws Exception {
    dns.a("fast.example.test", "10.1.0.9").delay(NAME, Duration.ofSeconds(5));
    SimpleResolver slowClient = Dig.udp(dns);
    slowClient.setTimeout(Duration.ofSeconds(6));
    CompletableFuture<Message> slow =
        slowClient.sendAsync(Dig.query(NAME, Type.A)).toCompletableFuture();
    SimpleResolver fastClient = Dig.udp(dns);
    fastClient.setTimeout(Duration.ofSeconds(2));

    Message fast = fastClient.send(Dig.query("fast.example.test", Type.A));

    assertEquals(1, fast.getSection(Section.ANSWER).size());
    assertFalse(slow.isDone());
  }

  @Test
  void cnameLoopAnswersBothCnamesAndStops() throws Exception {
    dns.cnameLoop("loop.example.test");

    Message response = Dig.udp(dns, "loop.example.test", Type.A);

    assertEquals(
        List.of(
            "loop.example.test. CNAME loop-loop-b.example.test.",
            "loop-loop-b.example.test. CNAME loop.example.test."),
        answers(response));
  }

  @Test
  void cnameChainHasTheGivenLengthAndEndsInTheAddress() throws Exception {
    dns.cnameChain("long.example.test", 20, "10.1.0.8");

    List<Record> answer = Dig.tcp(dns, "long.example.test", Type.A).getSection(Section.ANSWER);

    assertEquals(21, answer.size());
    assertEquals(20, answer.stream().filter(r -> r.getType() == Type.CNAME).count());
    assertEquals("10.1.0.8", answer.get(20).rdataToString());
  }

  @Test
  void rebindingFlipsOnEveryQuery() throws Exception {
    dns.rebinding("rebind.example.test", "10.0.0.4", "52.1.2.3");

    List<String> seen =
        List.of(
            lastAddress(Dig.udp(dns, "rebind.example.test", Type.A)),
            lastAddress(Dig.udp(dns, "rebind.example.test", Type.A)),
            lastAddress(Dig.udp(dns, "rebind.example.test", Type.A)));

    assertEquals(List.of("10.0.0.4", "52.1.2.3", "10.0.0.4"), seen);
  }

  @Test
  void rebindingAnswersWithTtlZero() throws Exception {
    dns.rebinding("rebind.example.test", "10.0.0.4", "52.1.2.3");

    Record a = Dig.udp(dns, "rebind.example.test", Type.A).getSection(Section.ANSWER).get(0);

    assertEquals(0, a.getTTL());
  }

  @Test
  void rebindingIsNotFlippedByAaaaQueries() throws Exception {
    dns.rebinding("rebind.example.test", "10.0.0.4", "52.1.2.3");

    Dig.udp(dns, "rebind.example.test", Type.AAAA);

    assertEquals("10.0.0.4", lastAddress(Dig.udp(dns, "rebind.example.test", Type.A)));
  }

  @Test
  void rebindingPrivateEndpointFlipsTheAliasBehindTheCname() throws Exception {
    dns.rebindingPrivateEndpoint(HOST, "10.0.0.4", "52.1.2.3");

    Message first = Dig.udp(dns, HOST, Type.A);
    Message second = Dig.udp(dns, HOST, Type.A);

    assertEquals(List.of(HOST + ". CNAME " + ALIAS, ALIAS + " A 10.0.0.4"), answers(first));
    assertEquals(List.of(HOST + ". CNAME " + ALIAS, ALIAS + " A 52.1.2.3"), answers(second));
  }

  @Test
  void wrongIdIsRejectedByTheClient() {
    dns.fault(NAME, DnsFault.WRONG_ID);

    WireParseException e = assertThrows(WireParseException.class, () -> Dig.udp(dns, NAME, Type.A));
    assertTrue(e.getMessage().contains("invalid message id"), e.getMessage());
  }

  @Test
  void wrongQuestionIsRejectedByTheClient() {
    dns.fault(NAME, DnsFault.WRONG_QUESTION);

    WireParseException e = assertThrows(WireParseException.class, () -> Dig.udp(dns, NAME, Type.A));
    assertTrue(e.getMessage().contains("invalid name"), e.getMessage());
  }

  @Test
  void garbageDoesNotParse() {
    dns.fault(NAME, DnsFault.GARBAGE);

    assertThrows(WireParseException.class, () -> Dig.udp(dns, NAME, Type.A));
  }

  @Test
  void garbageDoesNotParseOverTcp() {
    dns.fault(NAME, DnsFault.GARBAGE);

    assertThrows(WireParseException.class, () -> Dig.tcp(dns, NAME, Type.A));
  }

  @Test
  void clearFaultsRestoresNormalAnswers() throws Exception {
    dns.fault(NAME, DnsFault.SERVFAIL).delay(NAME, Duration.ofSeconds(5)).clearFaults();

    Message response = Dig.udp(dns, NAME, Type.A);

    assertEquals(Rcode.NOERROR, response.getRcode());
    assertEquals(1, response.getSection(Section.ANSWER).size());
  }

  @Test
  void laterFaultReplacesEarlierOne() throws Exception {
    dns.fault(NAME, DnsFault.SERVFAIL).fault(NAME, DnsFault.REFUSED);

    assertEquals(Rcode.REFUSED, Dig.udp(dns, NAME, Type.A).getRcode());
  }

  private static String lastAddress(Message response) {
    List<Record> answer = response.getSection(Section.ANSWER);
    return answer.get(answer.size() - 1).rdataToString();
  }
}
