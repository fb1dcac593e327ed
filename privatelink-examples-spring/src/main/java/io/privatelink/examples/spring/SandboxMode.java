package io.privatelink.examples.spring;

import io.privatelink.spring.boot.PrivateLinkHttpClientCustomizer;
import io.privatelink.testkit.AzureSandbox;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code --sandbox}: an {@link AzureSandbox} on loopback (DNS playing Azure DNS, an embedded HAPI
 * FHIR server on 127.0.0.1, a canary on 127.0.0.2) and the properties that point the app at it: its
 * nameserver, its FHIR URL, a policy allowing exactly 127.0.0.1/32, and trust in its test CA.
 */
final class SandboxMode {

  static final String FLAG = "--sandbox";

  private SandboxMode() {}

  /** Starts a sandbox and wires {@code app} to it when {@code args} hold {@value #FLAG}. */
  static void applyIf(SpringApplication app, String[] args) {
    if (!Arrays.asList(args).contains(FLAG)) {
      return;
    }
    AzureSandbox sandbox = AzureSandbox.start();
    app.addInitializers(
        (ConfigurableApplicationContext ctx) -> {
          ctx.getEnvironment()
              .getPropertySources()
              .addFirst(
                  new MapPropertySource(
                      "sandbox",
                      Map.of(
                          "privatelink.nameservers",
                          sandbox.dns().nameserver(),
                          "privatelink.policy.defaults",
                          "false",
                          "privatelink.policy.allow",
                          AzureSandbox.PRIVATE_NETWORK,
                          "privatelink.services.fhir.url",
                          sandbox.fhirBaseUrl(),
                          "privatelink.services.fhir.authenticate",
                          "false")));
          // Trust the sandbox's test CA; its embedded HAPI server answers its first request slowly.
          ctx.getBeanFactory()
              .registerSingleton(
                  "sandboxTrust",
                  (PrivateLinkHttpClientCustomizer)
                      builder ->
                          builder
                              .sslSocketFactory(
                                  sandbox.certificates().clientSocketFactory(),
                                  sandbox.certificates().trustManager())
                              .readTimeout(Duration.ofSeconds(60)));
          ctx.addApplicationListener(
              event -> {
                if (event instanceof ContextClosedEvent) {
                  sandbox.close();
                }
              });
        });
  }
}
