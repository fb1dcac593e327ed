package io.privatelink.spring.boot;

import io.privatelink.testkit.AzureSandbox;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
  CountingTokenCredential tokenCredential() {
    return new CountingTokenCredential();
  }

  /** The sandbox's servers present certificates of the testkit's own CA. */
  @Bean
  PrivateLinkHttpClientCustomizer trustSandboxCa() {
    AzureSandbox sandbox = SharedSandbox.get();
    return builder -> builder.sslSocketFactory(
        sandbox.certificates().clientSocketFactory(), sandbox.certificates().trustManager());
  }

  @Bean
  DriftEvents driftEvents() {
    return new DriftEvents();
  }

  /** Collects every {@link PrivateLinkVerdictChangedEvent} the context publishes. */
  static final class DriftEvents {
    final List<PrivateLinkVerdictChangedEvent> received = new CopyOnWriteArrayList<>();

    @EventListener
    void on(PrivateLinkVerdictChangedEvent event) {
      received.add(event);
    }
  }
}
