package io.privatelink.it;

import static io.privatelink.it.LoopbackStage.HOST;
import static io.privatelink.it.LoopbackStage.POLICY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.PrivateLinkSandbox;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code maxCnameChain(n)} counts the CNAME records followed, as its Javadoc says. */
@PrivateLinkSandbox
class CnameChainLimitTest {

  private final DnsSandbox dns;

  CnameChainLimitTest(DnsSandbox dns) {
    this.dns = dns;
  }

  @BeforeEach
  void freshDns() {
    dns.reset();
  }

  private Verdict verdict(int maxCnameChain, String host) {
    return PrivateLinkResolver.builder()
        .nameservers(dns.nameserver())
        .timeout(Duration.ofSeconds(2))
        .policy(POLICY)
        .maxCnameChain(maxCnameChain)
        .build()
        .diagnose(host)
        .verdict();
  }

  @Test
  void aChainOfExactlyTheLimitIsFollowed() {
    dns.cnameChain(HOST, 8, "127.0.0.1");
    assertEquals(Verdict.PRIVATE, verdict(8, HOST));
  }

  @Test
  void aChainOneRecordOverTheLimitIsADnsFailure() {
    dns.cnameChain(HOST, 9, "127.0.0.1");
    assertEquals(Verdict.DNS_FAILURE, verdict(8, HOST));
  }

  @Test
  void aLimitOfOneResolvesALinkedAzureHost() {
    dns.privateEndpoint("myfhir.azurehealthcareapis.com", "127.0.0.1");
    assertEquals(Verdict.PRIVATE, verdict(1, "myfhir.azurehealthcareapis.com"));
  }

  @Test
  void theDefaultFollowsATrafficManagerChainWithRoomToSpare() {
    dns.cnameChain(HOST, 8, "127.0.0.1");
    assertEquals(
        Verdict.PRIVATE,
        PrivateLinkResolver.builder()
            .nameservers(dns.nameserver())
            .policy(POLICY)
            .build()
            .diagnose(HOST)
            .verdict());
  }
}
