package io.privatelink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.privatelink.core.Verdict;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.DnsSandbox;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running application whose service's private DNS zone is unlinked, then linked again: the
 * background re-verification notices each change within the record's TTL, turns health DOWN and UP,
 * and publishes one event per change.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"privatelink.drift.min-interval=1s", "privatelink.drift.max-interval=1m"})
class DriftTest {

  private static final AzureSandbox SANDBOX = SharedSandbox.get();

  /** A host of its own, so flipping it leaves the other tests' hosts alone. */
  private static final String HOST = "drift-fhir.fhir.azurehealthcareapis.com";

  private static final long TTL_SECONDS = 2;

  /** Scheduling slack on a loaded two-core CI machine, on top of one TTL. */
  private static final Duration SLACK = Duration.ofMillis(1500);

  @DynamicPropertySource
  static void sandbox(DynamicPropertyRegistry properties) {
    linked();
    properties.add("privatelink.nameservers", () -> SANDBOX.dns().nameserver());
    properties.add("privatelink.services.drifting.url", () -> SANDBOX.fhir().baseUrl(HOST));
  }

  private static void linked() {
    DnsSandbox dns = SANDBOX.dns();
    dns.ttl(TTL_SECONDS).privateEndpoint(HOST, "127.0.0.1").ttl(DnsSandbox.DEFAULT_TTL);
  }

  private static void unlinked() {
    DnsSandbox dns = SANDBOX.dns();
    dns.ttl(TTL_SECONDS).unlinkedZone(HOST, CanaryServer.ADDRESS).ttl(DnsSandbox.DEFAULT_TTL);
  }

  @Autowired TestApplication.DriftEvents events;

  @Autowired TestApplication.Alerts alerts;

  @LocalServerPort int port;

  @AfterEach
  void relink() {
    linked();
    SANDBOX.assertCanariesUntouched();
  }

  @Test
  void unlinkedZoneTurnsHealthDownWithinOneTtlFiresOneEventAndRecovers() throws Exception {
    Actuator actuator = new Actuator(port);
    assertThat(actuator.get("health").status()).isEqualTo(200);
    events.received.clear();
    alerts.pages.clear();

    CountDownLatch turnedDown = events.next(1);
    unlinked();
    PrivateLinkVerdictChangedEvent down = awaitEvent(turnedDown, 1);

    assertThat(down.service().name()).isEqualTo("drifting");
    assertThat(down.previous()).isEqualTo(Verdict.PRIVATE);
    assertThat(down.current()).isEqualTo(Verdict.PUBLIC_ADDRESS);
    assertThat(down.diagnosis().hints().get(0)).contains("is not linked to the VNet");
    Actuator.Response health = actuator.get("health");
    assertThat(health.status()).isEqualTo(503);
    assertThat(
            health
                .json()
                .path("components")
                .path("privateLink")
                .path("details")
                .path("drifting")
                .path("verdict")
                .asText())
        .isEqualTo("PUBLIC_ADDRESS");
    assertThat(alerts.pages)
        .singleElement()
        .asString()
        .startsWith("drifting: " + HOST + ": PUBLIC_ADDRESS");

    CountDownLatch turnedUp = events.next(1);
    linked();
    PrivateLinkVerdictChangedEvent up = awaitEvent(turnedUp, 2);

    assertThat(up.previous()).isEqualTo(Verdict.PUBLIC_ADDRESS);
    assertThat(up.isPrivate()).isTrue();
    assertThat(actuator.get("health").status()).isEqualTo(200);
    // Re-verifications that find the same verdict publish nothing more.
    Duration quiet = Duration.ofSeconds(TTL_SECONDS).plusMillis(500);
    assertThat(events.next(1).await(quiet.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
    assertThat(events.received).hasSize(2);
    assertThat(alerts.pages).hasSize(1);
  }

  /** Awaits {@code published} for one TTL and {@link #SLACK}: the {@code count}th event in all. */
  private PrivateLinkVerdictChangedEvent awaitEvent(CountDownLatch published, int count)
      throws InterruptedException {
    Duration within = Duration.ofSeconds(TTL_SECONDS).plus(SLACK);
    assertThat(published.await(within.toMillis(), TimeUnit.MILLISECONDS))
        .as("an event within %s", within)
        .isTrue();
    List<PrivateLinkVerdictChangedEvent> received = events.received;
    assertThat(received).as("events within %s", within).hasSize(count);
    return received.get(count - 1);
  }
}
