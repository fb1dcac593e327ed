package io.privatelink.jpms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.azure.GuardedAzureHttpClient;
import io.privatelink.azure.GuardedHttpClientProvider;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.hapi.AzureTokenInterceptor;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.FakeEntraCredential;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published modules work for a JPMS application: this class runs inside module {@code
 * io.privatelink.jpms} on the module path, and each test makes one module's call through it.
 */
class ModulePathConsumerTest {

  private static final String PRIVATE_HOST = "myfhir.fhir.azurehealthcareapis.com";
  private static final String PUBLIC_HOST = "public.fhir.azurehealthcareapis.com";

  private static DnsSandbox dns;
  private static PrivateLinkResolver resolver;

  @BeforeAll
  static void startDns() {
    dns = ModulePathConsumer.sandbox(PRIVATE_HOST, PUBLIC_HOST);
    resolver = ModulePathConsumer.resolver(dns);
  }

  @AfterAll
  static void stopDns() {
    dns.close();
  }

  @Test
  void everyPublishedModuleIsANamedModuleOnTheModulePath() {
    assertEquals("io.privatelink.jpms", ModulePathConsumer.class.getModule().getName());
    assertEquals("io.privatelink.core", PrivateLinkResolver.class.getModule().getName());
    assertEquals("io.privatelink.azure", GuardedAzureHttpClient.class.getModule().getName());
    assertEquals("io.privatelink.hapi", AzureTokenInterceptor.class.getModule().getName());
    assertEquals(
        "io.privatelink.httpclient4",
        io.privatelink.httpclient4.GuardedApacheHttpClient.class.getModule().getName());
    assertEquals(
        "io.privatelink.httpclient5",
        io.privatelink.httpclient5.GuardedApacheHttpClient.class.getModule().getName());
    assertEquals("io.privatelink.testkit", DnsSandbox.class.getModule().getName());
  }

  @Test
  void internalPackagesAreExportedOnlyToTheSiblingThatUsesThem() {
    Module core = PrivateLinkResolver.class.getModule();
    Module azure = GuardedAzureHttpClient.class.getModule();
    Module self = ModulePathConsumer.class.getModule();

    assertTrue(core.isExported("io.privatelink.core"));
    assertFalse(core.isExported("io.privatelink.core.internal.dns", self));
    assertFalse(core.isExported("io.privatelink.core.internal.http", self));
    assertTrue(
        core.isExported(
            "io.privatelink.core.internal.http",
            io.privatelink.httpclient4.GuardedApacheHttpClient.class.getModule()));
    assertTrue(core.isExported("io.privatelink.core.internal.zones", DnsSandbox.class.getModule()));
    assertFalse(azure.isExported("io.privatelink.azure.internal", self));
    assertTrue(
        azure.isExported("io.privatelink.azure.internal", AzureTokenInterceptor.class.getModule()));
    assertFalse(
        io.privatelink.httpclient5.GuardedApacheHttpClient.class
            .getModule()
            .isExported("io.privatelink.httpclient5.internal", self));
  }

  @Test
  void coreResolvesAPrivateEndpointThroughTheTestkitDns() throws Exception {
    assertEquals(
        List.of(InetAddress.getByName("10.0.0.4")),
        ModulePathConsumer.resolve(resolver, PRIVATE_HOST).allowedAddresses());
  }

  @Test
  void httpClient4RefusesAPublicHostBeforeConnecting() {
    PrivateLinkException refused =
        assertThrows(
            PrivateLinkException.class,
            () -> ModulePathConsumer.getWithHttpClient4(resolver, "https://" + PUBLIC_HOST + "/"));
    assertEquals(Verdict.PUBLIC_ADDRESS, refused.verdict());
  }

  @Test
  void httpClient5RefusesAPublicHostBeforeConnecting() {
    PrivateLinkException refused =
        assertThrows(
            PrivateLinkException.class,
            () -> ModulePathConsumer.getWithHttpClient5(resolver, "https://" + PUBLIC_HOST + "/"));
    assertEquals(Verdict.PUBLIC_ADDRESS, refused.verdict());
  }

  @Test
  void azureCoreClientRefusesAPublicHostBeforeConnecting() {
    RuntimeException failed =
        assertThrows(
            RuntimeException.class,
            () -> ModulePathConsumer.getWithAzureCore(resolver, "https://" + PUBLIC_HOST + "/"));
    assertEquals(Verdict.PUBLIC_ADDRESS, PrivateLinkException.find(failed).orElseThrow().verdict());
  }

  @Test
  void azureModuleProvidesItsHttpClientProviderToServiceLoader() {
    assertTrue(
        ModulePathConsumer.azureHttpClientProviders()
            .contains(GuardedHttpClientProvider.class.getName()));
  }

  @Test
  void hapiTokenInterceptorUsesTheAzureTokenCacheExportedOnlyToIt() {
    FakeEntraCredential credential = FakeEntraCredential.valid();

    Object interceptor =
        ModulePathConsumer.hapiTokenInterceptor(
            resolver, "https://" + PRIVATE_HOST + "/", credential);

    assertEquals(AzureTokenInterceptor.class, interceptor.getClass());
    assertEquals(0, credential.calls(), "no token before a request");
  }
}
