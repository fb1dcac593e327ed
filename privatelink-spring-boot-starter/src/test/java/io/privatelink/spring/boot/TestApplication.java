package io.privatelink.spring.boot;

import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.FakeEntraCredential;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * The application under test: Boot's auto-configuration (this starter's included), a token
 * credential playing Entra ID, trust in the sandbox's test CA, and a listener for drift events.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {

  /** Entra ID is an edge we do not own; every token it issues is counted. */
  @Bean
  FakeEntraCredential tokenCredential() {
    return FakeEntraCredential.valid();
  }

  /**
   * The sandbox's servers present certificates of the testkit's own CA; a cold embedded HAPI server
   * on a loaded two-core machine can take longer than OkHttp's default 10 s to answer.
   */
  @Bean
  PrivateLinkHttpClientCustomizer trustSandboxCa() {
    AzureSandbox sandbox = SharedSandbox.get();
    return builder ->
        builder
            .sslSocketFactory(
                sandbox.certificates().clientSocketFactory(), sandbox.certificates().trustManager())
            .readTimeout(Duration.ofSeconds(60));
  }

  // region:javadoc-PrivateLinkHttpClientCustomizer
  @Bean
  PrivateLinkHttpClientCustomizer timeouts() {
    return builder -> builder.callTimeout(Duration.ofMinutes(2));
  }

  // endregion

  @Bean
  DriftEvents driftEvents() {
    return new DriftEvents();
  }

  @Bean
  Alerts alerts() {
    return new Alerts();
  }

  @Bean
  PagingDriftListener pagingDriftListener(Alerts alerts) {
    return new PagingDriftListener(alerts);
  }

  /** Plays an on-call pager: records each page. */
  static final class Alerts {
    final List<String> pages = new CopyOnWriteArrayList<>();

    void page(String message) {
      pages.add(message);
    }
  }

  /** The README's drift listener. */
  static final class PagingDriftListener {
    private final Alerts alerts;

    PagingDriftListener(Alerts alerts) {
      this.alerts = alerts;
    }

    // README: Spring Boot
    // region:readme-spring-drift-listener
    @EventListener
    void onDrift(PrivateLinkVerdictChangedEvent e) {
      if (!e.isPrivate()) alerts.page(e.service().name() + ": " + e.diagnosis());
    }
    // endregion
  }

  /** Collects every {@link PrivateLinkVerdictChangedEvent} the context publishes. */
  static final class DriftEvents {
    final List<PrivateLinkVerdictChangedEvent> received = new CopyOnWriteArrayList<>();
    private final List<CountDownLatch> awaiting = new CopyOnWriteArrayList<>();

    /** A latch counted down by each event published from now on: await it instead of polling. */
    CountDownLatch next(int count) {
      CountDownLatch latch = new CountDownLatch(count);
      awaiting.add(latch);
      return latch;
    }

    @EventListener
    void on(PrivateLinkVerdictChangedEvent event) {
      received.add(event);
      awaiting.forEach(CountDownLatch::countDown);
    }
  }
}
