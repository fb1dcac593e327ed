package io.privatelink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.spring.boot.autoconfigure.PrivateLinkAutoConfiguration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter's beans give way to the application's own. No service is configured here, so no DNS
 * query is sent (the nameserver is never asked).
 */
class BackOffTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PrivateLinkAutoConfiguration.class))
          .withPropertyValues("privatelink.nameservers=127.0.0.1:53");

  @Configuration(proxyBeanMethods = false)
  static class OwnPolicy {
    @Bean
    NetworkPolicy myPolicy() {
      return NetworkPolicy.builder().allow("100.64.0.0/10").build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnHttpClient {
    @Bean
    OkHttpClient privateLinkHttpClient() {
      return new OkHttpClient();
    }

    @Bean
    OkHttpClient publicApis() {
      return new OkHttpClient();
    }
  }

  @Test
  void theAppsOwnPolicyReplacesTheStartersAndTheResolverJudgesByIt() {
    runner
        .withUserConfiguration(OwnPolicy.class)
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(NetworkPolicy.class);
              assertThat(ctx.getBean(PrivateLinkResolver.class).policy())
                  .isSameAs(ctx.getBean("myPolicy"));
            });
  }

  @Test
  void thePolicyPropertiesBuildThePolicyWhenTheAppHasNone() {
    runner
        .withPropertyValues("privatelink.policy.allow=100.64.0.0/10")
        .run(
            ctx -> {
              NetworkPolicy policy = ctx.getBean(NetworkPolicy.class);
              assertThat(policy.decide(java.net.InetAddress.getByName("100.64.1.2")).allowed())
                  .isTrue();
              assertThat(policy.decide(java.net.InetAddress.getByName("10.0.0.4")).allowed())
                  .isTrue();
            });
  }

  @Test
  void aBeanNamedPrivateLinkHttpClientReplacesTheGuardedOneButOtherOkHttpClientsDoNot() {
    runner
        .withUserConfiguration(OwnHttpClient.class)
        .run(
            ctx -> {
              assertThat(ctx.getBeansOfType(OkHttpClient.class)).hasSize(2);
              // The app's own, as built: the guard sets Proxy.NO_PROXY, a plain client has none.
              assertThat(ctx.getBean("privateLinkHttpClient", OkHttpClient.class).proxy()).isNull();
            });
    runner.run(
        ctx ->
            assertThat(ctx.getBean("privateLinkHttpClient", OkHttpClient.class).proxy())
                .isEqualTo(java.net.Proxy.NO_PROXY));
  }
}
