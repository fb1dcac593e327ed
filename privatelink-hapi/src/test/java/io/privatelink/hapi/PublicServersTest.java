package io.privatelink.hapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.impl.BaseClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.FakeEntraCredential;
import io.privatelink.testkit.TestCertificates;
import java.net.InetAddress;
import java.util.List;
import okhttp3.OkHttpClient;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One FhirContext, a guarded private server (127.0.0.1) and a deliberately public one, played by a
 * real HAPI server on 127.0.0.3, which the sandbox policy (127.0.0.1/32 only) refuses. The canary
 * on 127.0.0.2 must stay untouched throughout.
 */
class PublicServersTest {

  private static final String PUBLIC_HOST = "terminology.example.org";

  private static AzureSandbox sandbox;
  private static EmbeddedFhirServer publicServer;
  private static String publicBase;
  private FakeEntraCredential credential;

  @BeforeAll
  static void start() {
    sandbox = AzureSandbox.start();
    publicServer =
        EmbeddedFhirServer.builder()
            .address("127.0.0.3")
            .certificates(TestCertificates.forNames(List.of(PUBLIC_HOST)))
            .start();
    publicBase = publicServer.baseUrl(PUBLIC_HOST);
    publicServer.seed(new Patient().addName(new HumanName().setFamily("Public")).setId("1"));
  }

  @AfterAll
  static void stop() {
    publicServer.close();
    sandbox.close();
  }

  @BeforeEach
  void fresh() {
    sandbox.reset();
    // As the VNet's DNS would answer for an internet host: an address the policy does not allow.
    sandbox.dns().a(PUBLIC_HOST, "127.0.0.3");
    publicServer.reset();
    credential = FakeEntraCredential.valid();
  }

  private static OkHttpClient trustingSandbox() {
    return new OkHttpClient.Builder()
        .sslSocketFactory(
            sandbox.certificates().clientSocketFactory(), sandbox.certificates().trustManager())
        .build();
  }

  /** The plain client a real app would leave on system DNS; here pinned to the public server. */
  private static OkHttpClient plainToPublicServer() {
    TestCertificates certs = publicServer.certificates();
    return new OkHttpClient.Builder()
        .dns(host -> List.of(InetAddress.getByName("127.0.0.3")))
        .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
        .build();
  }

  private PrivateLinkFhirClient.Builder privateClient(FhirContext ctx) {
    return PrivateLinkFhirClient.builder(ctx)
        .serverBase(sandbox.fhirBaseUrl())
        .resolver(sandbox.newResolver())
        .credential(credential)
        .httpClient(trustingSandbox())
        .serverValidationMode(ServerValidationModeEnum.NEVER);
  }

  /** The guarded client's builder, with the public server named and reached without a guard. */
  private PrivateLinkFhirClient.Builder privateClientNamingThePublicServer(FhirContext ctx) {
    return privateClient(ctx)
        .publicServers(PublicServers.named(publicBase).via(plainToPublicServer()));
  }

  private static IGenericClient publicClient(FhirContext ctx) {
    IGenericClient client = ctx.newRestfulGenericClient(publicBase);
    ((BaseClient) client).setDontValidateConformance(true);
    return client;
  }

  @Test
  void oneContextReachesTheGuardedServerAndTheNamedPublicOne() {
    FhirContext ctx = FhirContext.forR4();
    IGenericClient fhir = privateClientNamingThePublicServer(ctx).build();
    IGenericClient terminology = publicClient(ctx);

    fhir.search()
        .forResource(Patient.class)
        .returnBundle(org.hl7.fhir.r4.model.Bundle.class)
        .execute();
    CapabilityStatement cs = terminology.capabilities().ofType(CapabilityStatement.class).execute();

    assertEquals("4.0.1", cs.getFhirVersion().toCode());
    assertEquals(1, sandbox.fhir().requestCount());
    assertEquals(1, publicServer.requestCount());
    sandbox.assertCanariesUntouched();
  }

  @Test
  void javadocExample() {
    FhirContext ctx = FhirContext.forR4();
    String terminologyBase = publicBase;
    OkHttpClient plainClient = plainToPublicServer();
    String serverBase = sandbox.fhirBaseUrl();
    io.privatelink.core.PrivateLinkResolver resolver = sandbox.newResolver();
    OkHttpClient httpClient = trustingSandbox();
    // region:javadoc-PublicServers
    PublicServers terminology =
        PublicServers.named(terminologyBase) // e.g. "https://tx.example.org/fhir"
            .via(plainClient); // optional: default a new OkHttpClient
    IGenericClient fhir =
        PrivateLinkFhirClient.builder(ctx)
            .serverBase(serverBase)
            .resolver(resolver)
            .httpClient(httpClient)
            .publicServers(terminology)
            .build(); // fhir stays guarded
    IGenericClient tx = ctx.newRestfulGenericClient(terminologyBase);
    CapabilityStatement cs = tx.capabilities().ofType(CapabilityStatement.class).execute();
    // endregion
    assertEquals("4.0.1", cs.getFhirVersion().toCode());
    sandbox.assertCanariesUntouched();
  }

  @Test
  void theSamePublicHostNotNamedIsRefusedAndTheRefusalNamesTheOption() {
    FhirContext ctx = FhirContext.forR4();
    privateClient(ctx).build();

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class,
            () -> publicClient(ctx).capabilities().ofType(CapabilityStatement.class).execute());

    assertEquals(Verdict.PUBLIC_ADDRESS, PrivateLinkException.find(e).orElseThrow().verdict());
    assertTrue(
        e.getMessage().contains("PublicServers.named(\"https://" + PUBLIC_HOST + "/\")"),
        e.getMessage());
    assertEquals(0, publicServer.connections());
    sandbox.assertCanariesUntouched();
  }

  @Test
  void anUnlinkedPrivateLinkHostsRefusalNeverSuggestsNamingItPublic() {
    FhirContext ctx = FhirContext.forR4();
    privateClientNamingThePublicServer(ctx).build();
    IGenericClient unlinked = ctx.newRestfulGenericClient(sandbox.unlinkedFhirBaseUrl());
    ((BaseClient) unlinked).setDontValidateConformance(true);

    FhirClientConnectionException e =
        assertThrows(
            FhirClientConnectionException.class,
            () -> unlinked.capabilities().ofType(CapabilityStatement.class).execute());

    assertEquals(Verdict.PUBLIC_ADDRESS, PrivateLinkException.find(e).orElseThrow().verdict());
    assertFalse(e.getMessage().contains("PublicServers"), e.getMessage());
    sandbox.assertCanariesUntouched();
  }

  @Test
  void aNamedPublicHostNeverReceivesAToken() {
    FhirContext ctx = FhirContext.forR4();
    IGenericClient fhir =
        privateClientNamingThePublicServer(ctx)
            .linkPolicy(LinkPolicy.anyVerified()) // let the token-bearing client go to another host
            .build();
    IGenericClient terminology = publicClient(ctx);
    terminology.registerInterceptor(
        AzureTokenInterceptor.builder()
            .credential(credential)
            .serverBase(sandbox.fhirBaseUrl())
            .resolver(sandbox.newResolver())
            .build());

    fhir.read().resource(Patient.class).withUrl(publicBase + "Patient/1").execute();
    terminology.read().resource(Patient.class).withId("1").execute();
    fhir.search()
        .forResource(Patient.class)
        .returnBundle(org.hl7.fhir.r4.model.Bundle.class)
        .execute();

    assertEquals(2, publicServer.requestCount());
    assertTrue(
        publicServer.authorizationHeaders().isEmpty(),
        publicServer.authorizationHeaders().toString());
    assertEquals(List.of("Bearer " + credential.token(1)), sandbox.fhir().authorizationHeaders());
    sandbox.assertCanariesUntouched();
  }

  @Test
  void onlyExactHttpsHostNamesCanBeNamed() {
    assertThrows(
        IllegalArgumentException.class, () -> PublicServers.named("https://*.example.org/"));
    assertThrows(
        IllegalArgumentException.class, () -> PublicServers.named("http://tx.example.org/"));
    assertThrows(IllegalArgumentException.class, () -> PublicServers.named("https://127.0.0.3/"));
    assertThrows(
        IllegalArgumentException.class,
        () -> PublicServers.named("https://myfhir.azurehealthcareapis.com/"));
    assertEquals(
        java.util.Set.of("tx.example.org"),
        PublicServers.named("https://TX.example.org/fhir").hosts());
  }
}
