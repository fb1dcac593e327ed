package io.privatelink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.PrivateLinkResolver.ZoneRequirement;
import io.privatelink.core.Verdict;
import io.privatelink.spring.boot.autoconfigure.PrivateLinkAutoConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code privatelink.require-private-link-zone} binds to {@link ZoneRequirement} as Boot binds
 * enums, reaches the resolver, and a bad value (the old boolean form included) stops startup naming
 * the property and the values to write. IP literals only: no DNS query is sent.
 */
class ZoneRequirementPropertyTest {

  private static final String PROPERTY = "privatelink.require-private-link-zone";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PrivateLinkAutoConfiguration.class))
          .withPropertyValues(
              "privatelink.nameservers=127.0.0.1:53", "privatelink.policy.allow=127.0.0.1/32");

  @Test
  void unsetItRequiresAZoneForAzureServicesOnly() {
    runner.run(
        ctx -> {
          assertThat(ctx.getBean(PrivateLinkProperties.class).getRequirePrivateLinkZone())
              .isEqualTo(ZoneRequirement.FOR_AZURE_SERVICES);
          // An IP literal has no chain, so it verifies only when no zone is required of it.
          assertThat(ctx.getBean(PrivateLinkResolver.class).diagnose("127.0.0.1").verdict())
              .isEqualTo(Verdict.PRIVATE);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"for-every-host", "FOR_EVERY_HOST", "forEveryHost", "For-Every-Host"})
  void everySpellingBootAcceptsForEnumsBindsAndReachesTheResolver(String value) {
    runner
        .withPropertyValues(PROPERTY + "=" + value)
        .run(
            ctx -> {
              assertThat(ctx.getBean(PrivateLinkProperties.class).getRequirePrivateLinkZone())
                  .isEqualTo(ZoneRequirement.FOR_EVERY_HOST);
              assertThat(ctx.getBean(PrivateLinkResolver.class).diagnose("127.0.0.1").verdict())
                  .isEqualTo(Verdict.NOT_VIA_PRIVATE_LINK);
            });
  }

  @Test
  void aBadValueStopsStartupNamingThePropertyAndTheAllowedValues() {
    runner
        .withPropertyValues(PROPERTY + "=sometimes")
        .run(
            ctx -> {
              Throwable failure = ctx.getStartupFailure();
              assertThat(failure)
                  .hasRootCauseMessage(
                      PROPERTY
                          + " is 'sometimes'; write one of for-azure-services, for-every-host,"
                          + " for-no-host (default for-azure-services)");
              // Boot's failure report names the property from the BindException.
              BindException bind = bindException(failure);
              assertThat(bind.getProperty()).isNotNull();
              assertThat(bind.getProperty().getName()).hasToString(PROPERTY);
            });
  }

  private static BindException bindException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException bind) {
        return bind;
      }
    }
    throw new AssertionError("no BindException in the chain of " + failure, failure);
  }

  @ParameterizedTest
  @CsvSource({"true, for-every-host", "false, for-no-host"})
  void theOldBooleanStopsStartupNamingTheValueThatMeansTheSame(String old, String replacement) {
    runner
        .withPropertyValues(PROPERTY + "=" + old)
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageStartingWith(PROPERTY + " is '" + old + "'")
                    .hasMessageEndingWith(
                        "the boolean form is gone: " + old + " is now " + replacement));
  }

  @Test
  void aYamlBooleanIsReportedLikeTheString() {
    // YAML hands the binder a Boolean, not the string "true".
    runner
        .withInitializer(
            ctx ->
                ctx.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("yaml", Map.of(PROPERTY, Boolean.TRUE))))
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageEndingWith("the boolean form is gone: true is now for-every-host"));
  }
}
