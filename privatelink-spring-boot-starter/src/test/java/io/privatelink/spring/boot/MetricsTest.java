package io.privatelink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.hapi.LinkPolicy;
import io.privatelink.spring.boot.autoconfigure.PrivateLinkAutoConfiguration;
import io.privatelink.spring.boot.autoconfigure.PrivateLinkMetricsAutoConfiguration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter's meters, bound by Boot's metrics auto-configuration to a real {@link
 * SimpleMeterRegistry}. A host outside a guarded client's allowlist is refused before any DNS
 * query, so these tests send no packet.
 */
class MetricsTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  MetricsAutoConfiguration.class,
                  PrivateLinkMetricsAutoConfiguration.class,
                  PrivateLinkAutoConfiguration.class))
          .withUserConfiguration(Registry.class)
          .withPropertyValues("privatelink.nameservers=127.0.0.1:53");

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    SimpleMeterRegistry simpleMeterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Test
  void aHostOutsideTheAllowlistCountsAsHostNotAllowed() {
    runner.run(
        ctx -> {
          refuseAHostOutsideTheAllowlist(ctx);

          MeterRegistry meters = ctx.getBean(MeterRegistry.class);
          assertThat(count(meters, "privatelink.verifications", "host_not_allowed")).isEqualTo(1);
          assertThat(count(meters, "privatelink.refusals", "host_not_allowed")).isEqualTo(1);
          assertThat(count(meters, "privatelink.verifications", "private")).isZero();
        });
  }

  @Test
  void guardRefusalsCountEveryRefusalOfTheGuardedClients() {
    runner.run(
        ctx -> {
          refuseAHostOutsideTheAllowlist(ctx);

          assertThat(
                  ctx.getBean(MeterRegistry.class)
                      .get("privatelink.guard.refusals")
                      .functionCounter()
                      .count())
              .isEqualTo(1)
              .isEqualTo(ctx.getBean(GuardMetrics.class).refusals());
        });
  }

  @Test
  void aLinkLeavingTheServerCountsAsLinkLeavesServer() {
    runner.run(
        ctx -> {
          OkHttpClient forRecords =
              ctx.getBean("privateLinkHttpClient", OkHttpClient.class)
                  .newBuilder()
                  .addInterceptor(
                      LinkPolicy.sameOrigin()
                          .interceptor("https://records.fhir.azurehealthcareapis.com/"))
                  .build();
          Request link =
              new Request.Builder()
                  .url("https://elsewhere.fhir.azurehealthcareapis.com/Patient?page=2")
                  .build();

          PrivateLinkException refused =
              catchThrowableOfType(
                  PrivateLinkException.class, () -> forRecords.newCall(link).execute().close());

          assertThat(refused.verdict()).isEqualTo(Verdict.LINK_LEAVES_SERVER);
          MeterRegistry meters = ctx.getBean(MeterRegistry.class);
          assertThat(count(meters, "privatelink.refusals", "link_leaves_server")).isEqualTo(1);
          assertThat(meters.get("privatelink.guard.refusals").functionCounter().count())
              .isEqualTo(1);
        });
  }

  @Test
  void everyVerdictHasItsOwnTagValue() {
    runner.run(
        ctx -> {
          Set<String> tags =
              ctx
                  .getBean(MeterRegistry.class)
                  .get("privatelink.verifications")
                  .functionCounters()
                  .stream()
                  .map(c -> c.getId().getTag("verdict"))
                  .collect(Collectors.toSet());
          assertThat(tags)
              .hasSize(Verdict.values().length)
              .containsAll(
                  Arrays.stream(Verdict.values())
                      .map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
                      .toList());
        });
  }

  /** The app's own allowlisted client, on the starter's resolver and counters. */
  private static void refuseAHostOutsideTheAllowlist(AssertableApplicationContext ctx) {
    OkHttpClient recordsOnly =
        GuardedHttpClient.builder()
            .resolver(ctx.getBean(PrivateLinkResolver.class))
            .metrics(ctx.getBean(GuardMetrics.class))
            .allowedHosts("https://records.fhir.azurehealthcareapis.com/")
            .build();
    Request elsewhere =
        new Request.Builder()
            .url("https://elsewhere.fhir.azurehealthcareapis.com/metadata")
            .build();

    PrivateLinkException refused =
        catchThrowableOfType(
            PrivateLinkException.class, () -> recordsOnly.newCall(elsewhere).execute().close());

    assertThat(refused.verdict()).isEqualTo(Verdict.HOST_NOT_ALLOWED);
  }

  private static double count(MeterRegistry meters, String name, String verdict) {
    FunctionCounter counter = meters.get(name).tag("verdict", verdict).functionCounter();
    return counter.count();
  }
}
