package io.privatelink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.util.Context;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.Verdict;
import io.privatelink.spring.boot.autoconfigure.PrivateLinkAutoConfiguration;
import io.privatelink.spring.boot.autoconfigure.PrivateLinkAzureAutoConfiguration;
import io.privatelink.testkit.AzureSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code privatelink-azure} on the classpath the starter contributes the guarded azure-core
 * {@link HttpClient}, over the sandbox's DNS; the app's own azure-core client replaces it.
 */
class AzureHttpClientTest {

  private static final AzureSandbox SANDBOX = SharedSandbox.get();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  PrivateLinkAutoConfiguration.class, PrivateLinkAzureAutoConfiguration.class))
          .withPropertyValues(
              "privatelink.nameservers=" + SANDBOX.dns().nameserver(),
              "privatelink.policy.defaults=false",
              "privatelink.policy.allow=127.0.0.1/32",
              "privatelink.timeout=2s");

  @Configuration(proxyBeanMethods = false)
  static class OwnAzureHttpClient {
    @Bean
    HttpClient myAzureHttpClient() {
      return new OkHttpAsyncHttpClientBuilder().build();
    }
  }

  @AfterEach
  void canaryUntouched() {
    SANDBOX.assertCanariesUntouched();
  }

  @Test
  void theGuardedAzureClientRefusesAnUnlinkedHostBeforeAConnection() {
    runner.run(
        ctx -> {
          assertThat(ctx).hasSingleBean(HttpClient.class).hasBean("privateLinkAzureHttpClient");
          HttpClient client = ctx.getBean(HttpClient.class);
          HttpRequest request =
              new HttpRequest(HttpMethod.GET, SANDBOX.unlinkedFhirBaseUrl() + "/metadata");

          assertThatThrownBy(() -> client.sendSync(request, Context.NONE).close())
              .satisfies(
                  e ->
                      assertThat(PrivateLinkException.find(e).orElseThrow().verdict())
                          .isEqualTo(Verdict.PUBLIC_ADDRESS));
        });
  }

  @Test
  void theAppsOwnAzureHttpClientReplacesTheGuardedOne() {
    runner
        .withUserConfiguration(OwnAzureHttpClient.class)
        .run(
            ctx -> {
              assertThat(ctx)
                  .hasSingleBean(HttpClient.class)
                  .doesNotHaveBean("privateLinkAzureHttpClient");
              assertThat(ctx.getBean(HttpClient.class)).isSameAs(ctx.getBean("myAzureHttpClient"));
            });
  }
}
