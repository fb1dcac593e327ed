package io.privatelink.hapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.FakeEntraCredential;
import io.privatelink.testkit.PrivateEndpointExtension;
import io.privatelink.testkit.TestCertificates;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builder path end to end: real DNS on the wire ({@link DnsSandbox}), the real resolver and
 * guarded client from core, a real HAPI server on 127.0.0.1 (the private endpoint) and a canary on
 * 127.0.0.2, same port (the public internet). The policy allows exactly 127.0.0.1/32.
 */
class PrivateLinkFhirClientTest {

  private static final String HOST = "myfhir.azurehealthcareapis.com";
  private static final String SCOPE = "https://myfhir.azurehealthcareapis.com/.default";

  // The canary on 127.0.0.2 has the same port and certificate: a leak would connect.
  @RegisterExtension
  static final PrivateEndpointExtension<EmbeddedFhirServer> ENDPOINT =
      PrivateEndpointExtension.with(EmbeddedFhirServer.builder()::start);

  private static EmbeddedFhirServer server;
  private static CanaryServer canary;
  private static DnsSandbox dns;
  private static String base;
  private static String patientId;

  private PrivateLinkResolver resolver;
  private FakeEntraCredential credential;

  @BeforeAll
  static void start() {
    server = ENDPOINT.server();
    canary = ENDPOINT.canary();
    dns = ENDPOINT.dns();
    base = server.baseUrl(HOST);
    patientId =
        server
            .seed(new Patient().addName(new HumanName().setFamily("Builder")))
            .get(0)
            .getIdElement()
            .getIdPart();
  }

  @BeforeEach
  void freshState() {
    resolver = ENDPOINT.newResolver();
    // The builder's interceptor runs on the system clock.
    credential = FakeEntraCredential.valid();
  }

  private static OkHttpClient trustingTestCa() {
    TestCertificates certs = server.certificates();
    return new OkHttpClient.Builder()
        .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
        .build();
  }

  private PrivateLinkFhirClient.Builder builder(FhirContext ctx) {
    return PrivateLinkFhirClient.builder(ctx)
        .serverBase(base)
        .resolver(resolver)
        .httpClient(trustingTestCa());
  }

  /** Builds a client with the credential, expecting the preflight to refuse: what build threw. */
  private FhirClientConnectionException buildFails() {
    PrivateLinkFhirClient.Builder builder = builder(FhirContext.forR4()).credential(credential);
    return assertThrows(FhirClientConnectionException.class, builder::build);
  }

  @Test
  void readsOverThePrivateEndpointWithABearerToken() {
    dns.privateEndpoint(HOST, "127.0.0.1");
    IGenericClient client = builder(FhirContext.forR4()).credential(credential).build();

    Patient read = client.read().resource(Patient.class).withId(patientId).execute();

    assertEquals("Builder", read.getNameFirstRep().getFamily());
    assertEquals(
        List.of("Bearer " + credential.token(1), "Bearer " + credential.token(1)),
        server.authorizationHeaders());
    assertEquals(1, credential.calls());
    assertEquals(0, canary.connections());
  }

  @Test
  void derivesTheTokenScopeFromTheServerBase() {
    dns.privateEndpoint(HOST, "127.0.0.1");
    IGenericClient client = builder(FhirContext.forR4()).credential(credential).build();

    client.capabilities().ofType(CapabilityStatement.class).execute();

    assertEquals(List.of(List.of(SCOPE)), credential.scopes());
  }

  @Test
  void sendsNoAuthorizationWithoutCredential() {
    dns.privateEndpoint(HOST, "127.0.0.1");
    IGenericClient client = builder(FhirContext.forR4()).build();

    client.read().resource(Patient.class).withId(patientId).execute();

    assertTrue(server.authorizationHeaders().isEmpty());
  }

  @Test
  void unlinkedZoneFailsAtBuildWithoutTokenOrConnection() {
    dns.unlinkedZone(HOST, "127.0.0.2");

    FhirClientConnectionException e = buildFails();

    PrivateLinkException cause = ENDPOINT.assertRefusedBeforeConnecting(Verdict.PUBLIC_ADDRESS, e);
    assertSame(cause, e.getCause());
    assertEquals(HOST, cause.host());
    assertTrue(e.getMessage().contains(HOST), e.getMessage());
    assertEquals(0, credential.calls());
  }

  @ParameterizedTest(name = "{0} fails at build without token or connection")
  @MethodSource
  void notPrivateAnswerFailsAtBuildWithoutTokenOrConnection(
      Consumer<DnsSandbox> answer, Verdict verdict) {
    answer.accept(dns);

    FhirClientConnectionException e = buildFails();

    ENDPOINT.assertRefusedBeforeConnecting(verdict, e);
    assertEquals(0, credential.calls());
  }

  static Stream<Arguments> notPrivateAnswerFailsAtBuildWithoutTokenOrConnection() {
    return Stream.of(
        arguments(
            named(
                "a mixed answer",
                (Consumer<DnsSandbox>) d -> d.privateEndpoint(HOST, "127.0.0.1", "127.0.0.2")),
            Verdict.MIXED_ADDRESSES),
        arguments(
            named(
                "a public-only host", (Consumer<DnsSandbox>) d -> d.publicOnly(HOST, "127.0.0.2")),
            Verdict.PUBLIC_ADDRESS));
  }

  @Test
  void failedPreflightLeavesTheContextUntouched() {
    dns.unlinkedZone(HOST, "127.0.0.2");
    FhirContext ctx = FhirContext.forR4();
    Object before = ctx.getRestfulClientFactory();

    assertThrows(FhirClientConnectionException.class, () -> builder(ctx).build());

    assertTrue(before == ctx.getRestfulClientFactory());
  }

  @Test
  void withoutVerifyAtBuildAnUnlinkedHostBuildsAndEveryRequestIsRefused() {
    dns.unlinkedZone(HOST, "127.0.0.2");
    IGenericClient client =
        builder(FhirContext.forR4()).credential(credential).verifyAtBuild(false).build();

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class,
            () -> client.read().resource(Patient.class).withId(patientId).execute());

    assertEquals(HOST, ENDPOINT.assertRefusedBeforeConnecting(Verdict.PUBLIC_ADDRESS, e).host());
    assertEquals(0, credential.calls());
  }

  @Test
  void hostTurningPublicAfterBuildFailsPerRequestWithoutToken() {
    dns.privateEndpoint(HOST, "127.0.0.1");
    IGenericClient client =
        builder(FhirContext.forR4())
            .credential(credential)
            .serverValidationMode(ServerValidationModeEnum.NEVER)
            .build();
    dns.reset();
    dns.unlinkedZone(HOST, "127.0.0.2");
    resolver.clearCache();

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class,
            () -> client.read().resource(Patient.class).withId(patientId).execute());

    ENDPOINT.assertRefusedBeforeConnecting(Verdict.PUBLIC_ADDRESS, e);
    assertEquals(0, credential.calls());
  }

  @Test
  void serverValidationNeverSkipsMetadata() {
    dns.privateEndpoint(HOST, "127.0.0.1");
    IGenericClient client =
        builder(FhirContext.forR4()).serverValidationMode(ServerValidationModeEnum.NEVER).build();

    client.read().resource(Patient.class).withId(patientId).execute();

    assertEquals(
        List.of("/Patient/" + patientId), server.requests().stream().map(r -> r.path()).toList());
  }

  @Test
  void installsGuardedFactoryOnTheContext() {
    dns.privateEndpoint(HOST, "127.0.0.1");
    FhirContext ctx = FhirContext.forR4();

    builder(ctx).build();

    assertTrue(ctx.getRestfulClientFactory() instanceof PrivateLinkRestfulClientFactory);
  }

  @Test
  void secondBuildOnAGuardedContextRefusesAnotherHttpClient() {
    dns.privateEndpoint(HOST, "127.0.0.1");
    FhirContext ctx = FhirContext.forR4();
    builder(ctx).build();

    assertThrows(IllegalStateException.class, () -> builder(ctx).build());
  }

  @Test
  void secondBuildWithAnotherResolverIsRefused() {
    dns.privateEndpoint(HOST, "127.0.0.1");
    FhirContext ctx = FhirContext.forR4();
    builder(ctx).build();
    PrivateLinkResolver another =
        PrivateLinkResolver.builder()
            .nameservers(dns.nameserver())
            .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
            .build();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> PrivateLinkFhirClient.builder(ctx).serverBase(base).resolver(another).build());

    assertTrue(e.getMessage().contains("guarded by another PrivateLinkResolver"), e.getMessage());
    assertTrue(e.getMessage().contains("Pass the same resolver"), e.getMessage());
  }

  @Test
  void secondBuildWithTheSameResolverSharesTheGuardedFactory() {
    dns.privateEndpoint(HOST, "127.0.0.1");
    FhirContext ctx = FhirContext.forR4();
    builder(ctx).build();
    Object factory = ctx.getRestfulClientFactory();

    IGenericClient second =
        PrivateLinkFhirClient.builder(ctx)
            .serverBase(base)
            .resolver(resolver)
            .serverValidationMode(ServerValidationModeEnum.NEVER)
            .build();

    second.read().resource(Patient.class).withId(patientId).execute();
    assertTrue(factory == ctx.getRestfulClientFactory());
  }

  @Test
  void aContextFactoryOverAnUnguardedClientIsRefused() {
    dns.privateEndpoint(HOST, "127.0.0.1");
    FhirContext ctx = FhirContext.forR4();
    ctx.setRestfulClientFactory(new PrivateLinkRestfulClientFactory(ctx, trustingTestCa()));

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> PrivateLinkFhirClient.builder(ctx).serverBase(base).resolver(resolver).build());

    assertTrue(e.getMessage().contains("GuardedHttpClient did not build"), e.getMessage());
  }

  @Test
  void preflightRefusalOfAPublicOnlyOtherHostNamesPublicServers() {
    dns.publicOnly("tx.example.org", "127.0.0.2");
    PrivateLinkFhirClient.Builder builder =
        PrivateLinkFhirClient.builder(FhirContext.forR4())
            .serverBase("https://tx.example.org/fhir/")
            .resolver(resolver);

    FhirClientConnectionException e =
        assertThrows(FhirClientConnectionException.class, builder::build);

    assertEquals(Verdict.PUBLIC_ADDRESS, PrivateLinkException.find(e).orElseThrow().verdict());
    assertTrue(
        e.getMessage().contains("PublicServers.named(\"https://tx.example.org/\")"),
        e.getMessage());
    assertTrue(e.getMessage().contains("ctx.newRestfulGenericClient(url)"), e.getMessage());
    assertEquals(0, canary.connections());
  }

  @Test
  void preflightRefusalOfAnUnlinkedAzureHostNeverSuggestsPublicServers() {
    dns.unlinkedZone(HOST, "127.0.0.2");

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class, () -> builder(FhirContext.forR4()).build());

    assertFalse(e.getMessage().contains("PublicServers"), e.getMessage());
  }

  @Test
  void missingResolverIsRejected() {
    PrivateLinkFhirClient.Builder builder =
        PrivateLinkFhirClient.builder(FhirContext.forR4()).serverBase(base);

    assertThrows(IllegalStateException.class, builder::build);
  }
}
