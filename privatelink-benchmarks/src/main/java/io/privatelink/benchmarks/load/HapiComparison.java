package io.privatelink.benchmarks.load;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import io.privatelink.benchmarks.BenchHosts;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.hapi.PrivateLinkRestfulClientFactory;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.TestCertificates;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.DnsResolver;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

/**
 * Scenario 3: HAPI's generic client over {@link PrivateLinkRestfulClientFactory} (guarded OkHttp)
 * against HAPI's default {@link ApacheRestfulClientFactory}, both talking to the testkit's
 * {@link EmbeddedFhirServer}: {@code capabilities()} and a Patient {@code read()}, one thread.
 *
 * <p>The Apache side gets the HTTP client HAPI builds for itself (same pool size, connection
 * time-to-live and timeouts, taken from the factory's own getters, cookies off) with two changes
 * the sandbox needs: a {@link DnsResolver} pinning the host to 127.0.0.1 (HAPI would otherwise ask
 * the system resolver) and the test CA as its only trust anchor.
 */
public final class HapiComparison implements AutoCloseable {
  private final Settings settings;
  private final TestCertificates certs = TestCertificates.forAzureHealthHosts();
  private final DnsSandbox dns = DnsSandbox.start();
  private final EmbeddedFhirServer server;
  private final String patientId;
  private final IGenericClient guarded;
  private final IGenericClient apache;
  private final OkHttpClient okHttp;
  private final CloseableHttpClient apacheHttp;

  /** Starts the FHIR server and builds both clients. */
  public HapiComparison(Settings settings) {
    this.settings = settings;
    dns.privateEndpoint(BenchHosts.PRIVATE_HOST, BenchHosts.PRIVATE_ENDPOINT);
    server = EmbeddedFhirServer.builder().certificates(certs).start();
    patientId =
        server
            .seed(new Patient().addName(new HumanName().setFamily("Chalmers").addGiven("Peter")))
            .get(0)
            .getIdElement()
            .getIdPart();
    String base = server.baseUrl(BenchHosts.PRIVATE_HOST);

    PrivateLinkResolver resolver =
        PrivateLinkResolver.builder()
            .nameservers(dns.nameserver())
            .policy(BenchHosts.loopbackPolicy())
            .build();
    okHttp =
        GuardedHttpClient.builder()
            .resolver(resolver)
            .from(
                new OkHttpClient.Builder()
                    .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
                    .build())
            .build();
    FhirContext guardedContext = FhirContext.forR4();
    PrivateLinkRestfulClientFactory factory =
        new PrivateLinkRestfulClientFactory(guardedContext, okHttp);
    guardedContext.setRestfulClientFactory(factory);
    factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    guarded = guardedContext.newRestfulGenericClient(base);

    FhirContext apacheContext = FhirContext.forR4();
    ApacheRestfulClientFactory defaults = new ApacheRestfulClientFactory(apacheContext);
    apacheHttp = hapiLikeApacheClient(defaults, certs);
    defaults.setHttpClient(apacheHttp);
    defaults.setServerValidationMode(ServerValidationModeEnum.NEVER);
    apacheContext.setRestfulClientFactory(defaults);
    apache = apacheContext.newRestfulGenericClient(base);
  }

  private static CloseableHttpClient hapiLikeApacheClient(
      ApacheRestfulClientFactory factory, TestCertificates certs) {
    InetAddress[] pinned;
    try {
      pinned = new InetAddress[] {InetAddress.getByName(BenchHosts.PRIVATE_ENDPOINT)};
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    DnsResolver pin =
        host -> {
          if (host.equals(BenchHosts.PRIVATE_HOST)) {
            return pinned.clone();
          }
          throw new UnknownHostException("not pinned: " + host);
        };
    Registry<ConnectionSocketFactory> sockets =
        RegistryBuilder.<ConnectionSocketFactory>create()
            .register("https", new SSLConnectionSocketFactory(certs.clientHandshake().sslContext()))
            .register("http", PlainConnectionSocketFactory.getSocketFactory())
            .build();
    PoolingHttpClientConnectionManager pool =
        new PoolingHttpClientConnectionManager(
            sockets, null, null, pin, factory.getConnectionTimeToLive(), TimeUnit.MILLISECONDS);
    pool.setMaxTotal(factory.getPoolMaxTotal());
    pool.setDefaultMaxPerRoute(factory.getPoolMaxPerRoute());
    RequestConfig config =
        RequestConfig.custom()
            .setSocketTimeout(factory.getSocketTimeout())
            .setConnectTimeout(factory.getConnectTimeout())
            .setConnectionRequestTimeout(factory.getConnectionRequestTimeout())
            .build();
    return HttpClients.custom()
        .setConnectionManager(pool)
        .setDefaultRequestConfig(config)
        .disableCookieManagement()
        .build();
  }

  /** {@code capabilities()} and {@code read()}, guarded factory vs HAPI's default, interleaved. */
  public List<Comparison> run() throws InterruptedException {
    Comparison capabilities =
        Interleaved.compare(
            "HAPI capabilities(), 1 thread",
            () -> guarded.capabilities().ofType(CapabilityStatement.class).execute(),
            () -> apache.capabilities().ofType(CapabilityStatement.class).execute(),
            1,
            settings.rounds,
            settings.warmUp,
            settings.perRun,
            server::reset);
    Comparison read =
        Interleaved.compare(
            "HAPI read(Patient), 1 thread",
            () -> guarded.read().resource(Patient.class).withId(patientId).execute(),
            () -> apache.read().resource(Patient.class).withId(patientId).execute(),
            1,
            settings.rounds,
            settings.warmUp,
            settings.perRun,
            server::reset);
    return List.of(capabilities, read);
  }

  @Override
  public void close() throws java.io.IOException {
    apacheHttp.close();
    okHttp.connectionPool().evictAll();
    okHttp.dispatcher().executorService().shutdown();
    server.close();
    dns.close();
  }
}
