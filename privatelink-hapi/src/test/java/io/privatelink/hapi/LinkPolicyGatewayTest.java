package io.privatelink.hapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.IRestfulClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Resolution;
import io.privatelink.core.ResolutionListener;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.RecordedRequest;
import io.privatelink.testkit.TestCertificates;
import io.privatelink.testkit.TestResponse;
import io.privatelink.testkit.TlsTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real HAPI server behind a path-rewriting gateway, both private (127.0.0.1), as in an
 * Application Gateway deployment: the gateway serves {@code /r4/...} and forwards to the server,
 * which leaves its own base in {@code Bundle.link}. Paging through the gateway in each mode.
 */
class LinkPolicyGatewayTest {

  private static final String SERVER_HOST = "myfhir.azurehealthcareapis.com";
  private static final String GATEWAY_HOST = "gateway.azurehealthcareapis.com";

  private static DnsSandbox dns;
  private static EmbeddedFhirServer server;
  private static TlsTestServer gateway;
  private static String internalBase;
  private static String gatewayBase;
  private PrivateLinkResolver resolver;
  // What the resolver's listener heard, and the guarded clients' metrics: a refused link counts
  // once.
  private final List<Verdict> heard = new CopyOnWriteArrayList<>();
  private final GuardMetrics metrics = new GuardMetrics();

  @BeforeAll
  static void start() {
    dns = DnsSandbox.start();
    server = EmbeddedFhirServer.builder().start();
    TestCertificates certs = server.certificates();
    gateway = TlsTestServer.builder().certificates(certs).start();
    internalBase = server.baseUrl(SERVER_HOST);
    gatewayBase = gateway.baseUrl(GATEWAY_HOST) + "r4/";
    OkHttpClient forward =
        new OkHttpClient.Builder()
            .dns(host -> List.of(server.address()))
            .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
            .build();
    // The gateway: /r4/X -> the server's X, response passed through untouched (links included).
    gateway.fallback(request -> forward(forward, request));
    for (int i = 0; i < 5; i++) {
      server.seed(new Patient().addName(new HumanName().setFamily("Paged" + i)));
    }
  }

  private static TestResponse forward(OkHttpClient forward, RecordedRequest request)
      throws Exception {
    if (!request.path().startsWith("/r4/")) {
      return TestResponse.of(404, "not behind this gateway: " + request.path());
    }
    String url =
        internalBase
            + request.path().substring("/r4/".length())
            + (request.query() == null ? "" : "?" + request.query());
    try (Response response = forward.newCall(new Request.Builder().url(url).build()).execute()) {
      String type = response.header("Content-Type", "application/fhir+json");
      return new TestResponse(
          response.code(), Map.of("Content-Type", type), response.body().string());
    }
  }

  @AfterAll
  static void stop() {
    gateway.close();
    server.close();
    dns.close();
  }

  @BeforeEach
  void fresh() {
    dns.reset();
    dns.privateEndpoint(SERVER_HOST, "127.0.0.1");
    dns.privateEndpoint(GATEWAY_HOST, "127.0.0.1");
    server.reset();
    gateway.reset();
    resolver =
        PrivateLinkResolver.builder()
            .nameservers(dns.nameserver())
            .timeout(Duration.ofSeconds(2))
            .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
            .listener(
                new ResolutionListener() {
                  @Override
                  public void verified(Resolution r) {
                    heard.add(r.verdict());
                  }
                })
            .build();
  }

  private long heardLinkRefusals() {
    return heard.stream().filter(v -> v == Verdict.LINK_LEAVES_SERVER).count();
  }

  private static OkHttpClient trustingTheServer() {
    return new OkHttpClient.Builder()
        .sslSocketFactory(
            server.certificates().clientSocketFactory(), server.certificates().trustManager())
        .build();
  }

  /** A client builder for the gateway's base, trusting the server, not checking conformance. */
  private PrivateLinkFhirClient.Builder clientBuilder(FhirContext ctx) {
    return PrivateLinkFhirClient.builder(ctx)
        .serverBase(gatewayBase)
        .resolver(resolver)
        .httpClient(trustingTheServer())
        .serverValidationMode(ServerValidationModeEnum.NEVER);
  }

  private IGenericClient client(LinkPolicy policy) {
    PrivateLinkFhirClient.Builder builder = clientBuilder(FhirContext.forR4());
    return (policy == null ? builder : builder.linkPolicy(policy)).build();
  }

  private static Bundle firstPage(IGenericClient client) {
    Bundle page =
        client.search().forResource(Patient.class).count(2).returnBundle(Bundle.class).execute();
    // The server's own origin (HAPI's paging links are https://host:port?_getpages=...).
    String origin = internalBase.substring(0, internalBase.length() - 1);
    assertTrue(page.getLink("next").getUrl().startsWith(origin), page.getLink("next").getUrl());
    return page;
  }

  @Test
  void byDefaultALinkLeavingTheServerIsRefusedBeforeDns() {
    IGenericClient client = client(null);
    Bundle page = firstPage(client);
    dns.resetCounters();

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class, () -> client.loadPage().next(page).execute());

    PrivateLinkException refusal = PrivateLinkException.find(e).orElseThrow();
    assertEquals(Verdict.LINK_LEAVES_SERVER, refusal.verdict());
    assertTrue(refusal.getMessage().contains("link leaves the server"), refusal.getMessage());
    assertTrue(refusal.getMessage().contains(page.getLink("next").getUrl()), refusal.getMessage());
    assertTrue(refusal.getMessage().contains(gatewayBase), refusal.getMessage());
    assertEquals(0, dns.queries(SERVER_HOST));
    assertEquals(1, server.requestCount()); // only the first page, forwarded by the gateway
    assertEquals(1, heardLinkRefusals());
  }

  @Test
  void aRefusedLinkCountsOnceInTheGuardedClientsMetrics() {
    FhirContext ctx = FhirContext.forR4();
    PrivateLinkRestfulClientFactory factory =
        new PrivateLinkRestfulClientFactory(ctx, guardedOkHttp());
    factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    ctx.setRestfulClientFactory(factory);
    IGenericClient client = ctx.newRestfulGenericClient(gatewayBase);
    Bundle page = firstPage(client);
    long before = metrics.refusals();

    assertThrows(FhirClientConnectionException.class, () -> client.loadPage().next(page).execute());

    assertEquals(before + 1, metrics.refusals());
    assertEquals(1, heardLinkRefusals());
  }

  @Test
  void rewriteToBasePagesThroughTheGateway() {
    IGenericClient client = client(LinkPolicy.rewriteToBase(internalBase));
    Bundle page = firstPage(client);

    Bundle next = client.loadPage().next(page).execute();

    assertEquals(2, next.getEntry().size());
    assertEquals(2, gateway.requests().size());
    assertTrue(
        gateway.requests().get(1).path().startsWith("/r4/"), gateway.requests().get(1).path());
    assertEquals(0, dns.queries(SERVER_HOST));
    assertEquals(0, heardLinkRefusals());
  }

  @Test
  void javadocExamplePagesBehindTheGateway() {
    FhirContext ctx = FhirContext.forR4();
    OkHttpClient httpClient = trustingTheServer();
    // region:javadoc-LinkPolicy
    IGenericClient client =
        PrivateLinkFhirClient.builder(ctx)
            .serverBase(gatewayBase) // e.g. "https://fhir.example.nhs.uk/r4/", the gateway
            .resolver(resolver)
            .httpClient(httpClient)
            .linkPolicy(
                LinkPolicy.rewriteToBase(
                    internalBase)) // e.g. "https://myfhir.azurehealthcareapis.com/"
            .build();
    Bundle page =
        client.search().forResource(Patient.class).count(2).returnBundle(Bundle.class).execute();
    Bundle next = client.loadPage().next(page).execute(); // through the gateway, not around it
    // endregion
    assertEquals(2, next.getEntry().size());
    assertEquals(0, dns.queries(SERVER_HOST));
  }

  @Test
  void rewriteToBaseStillRefusesALinkToAnUndeclaredOrigin() {
    IGenericClient client =
        client(LinkPolicy.rewriteToBase("https://other.azurehealthcareapis.com/"));
    Bundle page = firstPage(client);

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class, () -> client.loadPage().next(page).execute());

    assertTrue(
        PrivateLinkException.find(e).orElseThrow().getMessage().contains("link leaves the server"));
    assertEquals(1, gateway.requests().size());
  }

  @Test
  void anyVerifiedFollowsTheLinkToTheVerifiedInternalHost() {
    IGenericClient client = client(LinkPolicy.anyVerified());
    Bundle page = firstPage(client);

    Bundle next = client.loadPage().next(page).execute();

    assertEquals(2, next.getEntry().size());
    assertEquals(1, gateway.requests().size()); // page 2 went around the gateway
    assertEquals(SERVER_HOST + ":" + server.port(), server.requests().get(1).host());
  }

  @Test
  void theFactoryPolicyAppliesToEveryClientOfTheContext() {
    FhirContext ctx = FhirContext.forR4();
    IGenericClient first = clientBuilder(ctx).build();
    ((PrivateLinkRestfulClientFactory) ctx.getRestfulClientFactory())
        .setLinkPolicy(LinkPolicy.rewriteToBase(internalBase));
    IGenericClient client = ctx.newRestfulGenericClient(gatewayBase);
    ((ca.uhn.fhir.rest.client.impl.BaseClient) client).setDontValidateConformance(true);
    Bundle page = firstPage(client);

    client.loadPage().next(page).execute();

    assertEquals(2, gateway.requests().size());
    assertThrows(
        FhirClientConnectionException.class,
        () -> first.loadPage().next(firstPage(first)).execute());
  }

  /** A HAPI annotation client, as an app declares one. */
  public interface PatientClient extends IRestfulClient {
    @Read
    Patient read(@IdParam IdType id);
  }

  /**
   * An app interceptor registered after the client was made, moving requests to the server's own
   * base.
   */
  private static final class AroundTheGateway implements IClientInterceptor {
    @Override
    public void interceptRequest(IHttpRequest request) {
      request.setUri(request.getUri().replace(gatewayBase, internalBase));
    }

    @Override
    public void interceptResponse(IHttpResponse response) {}
  }

  /** A guarded context (factory installed by the builder) with the given factory link policy. */
  private FhirContext guardedContext(LinkPolicy policy) {
    FhirContext ctx = FhirContext.forR4();
    clientBuilder(ctx).build();
    PrivateLinkRestfulClientFactory factory =
        (PrivateLinkRestfulClientFactory) ctx.getRestfulClientFactory();
    factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    factory.setLinkPolicy(policy);
    return ctx;
  }

  private static IdType somePatient() {
    return new IdType("Patient", server.patients().get(0).getIdElement().getIdPart());
  }

  @Test
  void anAnnotationClientReadsThroughTheGateway() {
    PatientClient client =
        guardedContext(LinkPolicy.sameOrigin()).newRestfulClient(PatientClient.class, gatewayBase);

    Patient patient = client.read(somePatient());

    assertEquals(somePatient().getIdPart(), patient.getIdElement().getIdPart());
    assertEquals(1, gateway.requests().size());
  }

  @Test
  void anAnnotationClientRequestMovedOffTheServerIsRefusedBeforeDns() {
    PatientClient client =
        guardedContext(LinkPolicy.sameOrigin()).newRestfulClient(PatientClient.class, gatewayBase);
    client.registerInterceptor(new AroundTheGateway());
    dns.resetCounters();

    FhirClientConnectionException e =
        assertThrows(FhirClientConnectionException.class, () -> client.read(somePatient()));

    PrivateLinkException refusal = PrivateLinkException.find(e).orElseThrow();
    assertTrue(refusal.getMessage().contains("link leaves the server"), refusal.getMessage());
    assertTrue(refusal.getMessage().contains(gatewayBase), refusal.getMessage());
    assertEquals(0, dns.queries(SERVER_HOST));
    assertEquals(0, server.requestCount());
    assertEquals(1, heardLinkRefusals()); // refused on the final URL, after the app's interceptor
  }

  @Test
  void anAnnotationClientUnderRewriteToBaseIsBroughtBackThroughTheGateway() {
    PatientClient client =
        guardedContext(LinkPolicy.rewriteToBase(internalBase))
            .newRestfulClient(PatientClient.class, gatewayBase);
    client.registerInterceptor(new AroundTheGateway());

    client.read(somePatient());

    assertEquals(1, gateway.requests().size());
    assertTrue(
        gateway.requests().get(0).path().startsWith("/r4/Patient/"),
        gateway.requests().get(0).path());
    assertEquals(0, dns.queries(SERVER_HOST));
  }

  @Test
  void aGenericClientRequestMovedOffTheServerByALaterInterceptorIsRefused() {
    IGenericClient client = client(null);
    client.registerInterceptor(new AroundTheGateway());
    dns.resetCounters();

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class,
            () -> client.read().resource(Patient.class).withId(somePatient()).execute());

    assertTrue(
        PrivateLinkException.find(e).orElseThrow().getMessage().contains("link leaves the server"));
    assertEquals(0, dns.queries(SERVER_HOST));
    assertEquals(0, server.requestCount());
    assertEquals(1, heardLinkRefusals());
  }

  private OkHttpClient guardedOkHttp() {
    return io.privatelink.core.GuardedHttpClient.builder()
        .resolver(resolver)
        .metrics(metrics)
        .from(trustingTheServer())
        .build();
  }

  @Test
  void onPlainOkHttpTheInterceptorRefusesALinkLeavingTheServerBeforeDns() throws Exception {
    OkHttpClient guarded = guardedOkHttp();
    String serverBase = gatewayBase;
    // region:javadoc-LinkPolicy-interceptor
    OkHttpClient forServer =
        guarded
            .newBuilder()
            .addInterceptor(LinkPolicy.sameOrigin().interceptor(serverBase))
            .build();
    // endregion
    dns.resetCounters();
    Request link = new Request.Builder().url(internalBase + "Patient").build();

    java.io.IOException e =
        assertThrows(java.io.IOException.class, () -> forServer.newCall(link).execute());

    assertTrue(
        PrivateLinkException.find(e).orElseThrow().getMessage().contains("link leaves the server"));
    assertEquals(0, dns.queries(SERVER_HOST));
    assertEquals(0, server.requestCount());
    assertEquals(1, metrics.refusals()); // counted by the guard the interceptor runs inside
    assertEquals(1, heardLinkRefusals());
  }

  @Test
  void onPlainOkHttpRewriteToBaseSendsTheLinkThroughTheGateway() throws Exception {
    OkHttpClient forServer =
        guardedOkHttp()
            .newBuilder()
            .addInterceptor(LinkPolicy.rewriteToBase(internalBase).interceptor(gatewayBase))
            .build();
    Request link =
        new Request.Builder().url(internalBase + "Patient/" + somePatient().getIdPart()).build();

    try (Response response = forServer.newCall(link).execute()) {
      assertEquals(200, response.code());
    }

    assertEquals(1, gateway.requests().size());
    assertEquals(0, dns.queries(SERVER_HOST));
  }
}
