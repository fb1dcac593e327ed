package io.privatelink.it;

import static io.privatelink.it.LoopbackStage.FHIR;
import static io.privatelink.it.LoopbackStage.HOST;
import static io.privatelink.it.LoopbackStage.POLICY;
import static io.privatelink.it.LoopbackStage.PRIVATE_IP;
import static io.privatelink.it.LoopbackStage.PUBLIC_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Resolution;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsFault;
import io.privatelink.testkit.DnsSandbox;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

/**
 * Every fault the testkit sandbox can inject, against a resolver with a 600 ms timeout: each gives
 * its verdict within a loose bound (5 s; the benchmarks hold the tight numbers) and never a success
 * through another route. Plus nameserver failover.
 */
class DnsFaultTest {

  private static final Duration TIMEOUT = Duration.ofMillis(600);
  private static final long BOUND_MILLIS = 5_000;

  private static DnsSandbox dns;
  private static DnsSandbox second;

  @BeforeAll
  static void startDns() {
    dns = DnsSandbox.start();
    second = DnsSandbox.start();
  }

  @AfterAll
  static void stopDns() {
    dns.close();
    second.close();
  }

  @BeforeEach
  void freshDns() {
    dns.reset();
    second.reset();
  }

  @Test
  void droppedQueriesGiveDnsFailureWithinTheTimeout() {
    dns.a(HOST, PRIVATE_IP).fault(HOST, DnsFault.DROP);
    assertEquals(Verdict.DNS_FAILURE, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void anAnswerDelayedBeyondTheTimeoutGivesDnsFailure() {
    dns.a(HOST, PRIVATE_IP).delay(HOST, Duration.ofMillis(1_500));
    assertEquals(Verdict.DNS_FAILURE, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void anAnswerDelayedWithinTheTimeoutIsStillJudged() {
    dns.a(HOST, PRIVATE_IP).delay(HOST, Duration.ofMillis(100));
    assertEquals(Verdict.PRIVATE, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void servfailGivesDnsFailure() {
    dns.a(HOST, PRIVATE_IP).fault(HOST, DnsFault.SERVFAIL);
    assertEquals(Verdict.DNS_FAILURE, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void refusedGivesDnsFailure() {
    dns.a(HOST, PRIVATE_IP).fault(HOST, DnsFault.REFUSED);
    assertEquals(Verdict.DNS_FAILURE, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void aTruncatedPrivateAnswerIsFetchedOverTcpAndVerified() {
    dns.privateEndpoint(FHIR, PRIVATE_IP).fault(FHIR, DnsFault.TRUNCATE);
    assertEquals(Verdict.PRIVATE, verdictWithinBound(resolver(dns.nameserver()), FHIR));
    assertTrue(dns.tcpQueries() > 0, "the full answer came over TCP");
  }

  @Test
  void aTruncatedPublicAnswerIsStillRefusedOverTcp() {
    dns.unlinkedZone(FHIR, PUBLIC_IP).fault(FHIR, DnsFault.TRUNCATE);
    assertEquals(Verdict.PUBLIC_ADDRESS, verdictWithinBound(resolver(dns.nameserver()), FHIR));
    assertTrue(dns.tcpQueries() > 0, "the full answer came over TCP");
  }

  @Test
  void nxdomainGivesNoSuchHost() {
    dns.a(HOST, PRIVATE_IP).fault(HOST, DnsFault.NXDOMAIN);
    assertEquals(Verdict.NO_SUCH_HOST, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void nxdomainAtTheEndOfAPrivatelinkChainGivesNoSuchHost() {
    dns.privateEndpoint(FHIR, PRIVATE_IP)
        .fault("myfhir.privatelink.azurehealthcareapis.com", DnsFault.NXDOMAIN);
    assertEquals(Verdict.NO_SUCH_HOST, verdictWithinBound(resolver(dns.nameserver()), FHIR));
  }

  @Test
  void nodataGivesNoAddresses() throws Exception {
    dns.record(new TXTRecord(Name.fromString(HOST + "."), DClass.IN, 60, "no address"));
    assertEquals(Verdict.NO_ADDRESSES, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void aCnameLoopGivesDnsFailure() {
    dns.cnameLoop(HOST);
    assertEquals(Verdict.DNS_FAILURE, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void aChainLongerThanTheLimitGivesDnsFailureEvenWhenItEndsAtAnAllowedAddress() {
    dns.cnameChain(HOST, PrivateLinkResolver.DEFAULT_MAX_CNAME_CHAIN + 1, PRIVATE_IP);
    assertEquals(Verdict.DNS_FAILURE, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void aChainWithinTheLimitIsFollowed() {
    dns.cnameChain(HOST, 3, PRIVATE_IP);
    assertEquals(Verdict.PRIVATE, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void aMismatchedTransactionIdGivesDnsFailure() {
    dns.a(HOST, PRIVATE_IP).fault(HOST, DnsFault.WRONG_ID);
    assertEquals(Verdict.DNS_FAILURE, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void anAnswerToAnotherQuestionGivesDnsFailure() {
    dns.a(HOST, PRIVATE_IP).fault(HOST, DnsFault.WRONG_QUESTION);
    assertEquals(Verdict.DNS_FAILURE, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void garbageBytesGiveDnsFailure() {
    dns.a(HOST, PRIVATE_IP).fault(HOST, DnsFault.GARBAGE);
    assertEquals(Verdict.DNS_FAILURE, verdictWithinBound(resolver(dns.nameserver()), HOST));
  }

  @Test
  void aRebindingAnswerIsJudgedAnewEachTimeAndTheFlipIsRefused() {
    dns.rebinding(HOST, PRIVATE_IP, PUBLIC_IP);
    PrivateLinkResolver resolver = resolver(dns.nameserver());
    assertEquals(Verdict.PRIVATE, verdictWithinBound(resolver, HOST));
    assertEquals(Verdict.PUBLIC_ADDRESS, verdictWithinBound(resolver, HOST));
  }

  @Test
  void aDeadFirstNameserverFailsOverToTheSecond() {
    dns.a(HOST, PRIVATE_IP).fault(HOST, DnsFault.DROP);
    second.a(HOST, PRIVATE_IP);
    Resolution r = resolveWithinBound(resolver(dns.nameserver(), second.nameserver()), HOST);
    assertEquals(Optional.of(second.nameserver()), r.nameserver());
  }

  @Test
  void aClosedFirstNameserverPortFailsOverToTheSecond() throws SocketException {
    second.a(HOST, PRIVATE_IP);
    Resolution r = resolveWithinBound(resolver(closedPort(), second.nameserver()), HOST);
    assertEquals(Optional.of(second.nameserver()), r.nameserver());
  }

  @Test
  void aServfailingFirstNameserverFailsOverToTheSecond() {
    dns.a(HOST, PRIVATE_IP).fault(HOST, DnsFault.SERVFAIL);
    second.a(HOST, PRIVATE_IP);
    Resolution r = resolveWithinBound(resolver(dns.nameserver(), second.nameserver()), HOST);
    assertEquals(Optional.of(second.nameserver()), r.nameserver());
  }

  @Test
  void bothNameserversDeadGivesDnsFailure() {
    dns.a(HOST, PRIVATE_IP).fault(HOST, DnsFault.DROP);
    second.a(HOST, PRIVATE_IP).fault(HOST, DnsFault.DROP);
    assertEquals(
        Verdict.DNS_FAILURE,
        verdictWithinBound(resolver(dns.nameserver(), second.nameserver()), HOST));
  }

  @Test
  void aPublicAnswerFromTheFirstNameserverIsNotRetriedElsewhere() {
    dns.a(HOST, PUBLIC_IP);
    second.a(HOST, PRIVATE_IP);
    assertEquals(
        Verdict.PUBLIC_ADDRESS,
        verdictWithinBound(resolver(dns.nameserver(), second.nameserver()), HOST));
  }

  @Test
  void nxdomainFromTheFirstNameserverIsNotRetriedElsewhere() {
    dns.fault(HOST, DnsFault.NXDOMAIN);
    second.a(HOST, PRIVATE_IP);
    assertEquals(
        Verdict.NO_SUCH_HOST,
        verdictWithinBound(resolver(dns.nameserver(), second.nameserver()), HOST));
  }

  private static PrivateLinkResolver resolver(String... nameservers) {
    return PrivateLinkResolver.builder()
        .nameservers(nameservers)
        .timeout(TIMEOUT)
        .retries(0)
        .policy(POLICY)
        .noCache()
        .build();
  }

  /** The verdict, checking the bound and that a PRIVATE result holds only allowed addresses. */
  private static Verdict verdictWithinBound(PrivateLinkResolver resolver, String host) {
    long start = System.nanoTime();
    Verdict verdict;
    try {
      Resolution r = resolver.resolve(host);
      assertTrue(r.addresses().stream().allMatch(a -> a.decision().allowed()), r::toString);
      verdict = r.verdict();
    } catch (PrivateLinkException refused) {
      verdict = refused.verdict();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < BOUND_MILLIS, "took " + millis + " ms, timeout " + TIMEOUT.toMillis());
    return verdict;
  }

  private static Resolution resolveWithinBound(PrivateLinkResolver resolver, String host) {
    long start = System.nanoTime();
    try {
      return resolver.resolve(host);
    } catch (PrivateLinkException e) {
      throw new AssertionError(e.getMessage(), e);
    } finally {
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < BOUND_MILLIS, "took " + millis + " ms");
    }
  }

  /** A loopback UDP port nothing listens on (bound, then released). */
  private static String closedPort() throws SocketException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }
}
