package io.privatelink.azure;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkResolver;
import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** What {@link GuardedAzureHttpClient.Builder#build()} refuses, and what it accepts. */
class GuardedAzureHttpClientTest {

  private final PrivateLinkResolver resolver =
      PrivateLinkResolver.builder().nameservers("127.0.0.1:53").build();

  @Test
  void buildWithoutAResolverSaysWhatToCall() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> GuardedAzureHttpClient.builder().build());
    assertTrue(e.getMessage().contains("resolver(PrivateLinkResolver)"), e.getMessage());
  }

  @Test
  void sourceClientWithAProxyIsRefusedAtBuild() {
    OkHttpClient proxied =
        new OkHttpClient.Builder()
            .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.2", 3128)))
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GuardedAzureHttpClient.builder().resolver(resolver).from(proxied).build());
    assertTrue(e.getMessage().contains("Remove the proxy"), e.getMessage());
  }

  @Test
  void sourceClientGuardedByAnotherResolverIsRefusedAtBuild() {
    PrivateLinkResolver other = PrivateLinkResolver.builder().nameservers("127.0.0.1:53").build();
    OkHttpClient guardedElsewhere = GuardedHttpClient.builder().resolver(other).build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GuardedAzureHttpClient.builder().resolver(resolver).from(guardedElsewhere).build());
    assertTrue(e.getMessage().contains("already guarded by another PrivateLinkResolver"));
  }

  @Test
  void sourceClientGuardedByTheSameResolverIsAccepted() {
    OkHttpClient guarded = GuardedHttpClient.builder().resolver(resolver).build();
    assertNotNull(GuardedAzureHttpClient.builder().resolver(resolver).from(guarded).build());
  }
}
