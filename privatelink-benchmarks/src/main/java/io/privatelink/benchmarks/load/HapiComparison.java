package io.privatelink.benchmarks.load;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.privatelink.benchmarks.BenchHosts;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.hapi.PrivateLinkRestfulClientFactory;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.TestCertificates;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
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
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

/**
 * Scenario 3: HAPI's generic client over {@link PrivateLinkRestfulClientFactory} (guarded OkHttp)
 * against HAPI's default {@link ApacheRestfulClientFactory}, both talking to the testkit's {@link
 * EmbeddedFhirServer}, one thread: {@code capabilities()}, a Patient {@code read()}, a Patient
 * {@code search} answered with a 20-entry bundle, and a Patient {@code create()}; issue 15's target
 * is a throughput ratio of at least 1.0 for each.
 *
 * <p>Like with like: the same server, host name and TLS trust; both contexts are {@code
 * FhirContext.forR4()} with HAPI's defaults (no encoding, pretty-print or summary set, so both send
 * the same {@code Accept} header and get JSON), server validation off on both; both transports send
 * HAPI's {@code Accept-Encoding: gzip} and get gzip-compressed answers (OkHttp and Apache each
 * decode them); keep-alive on both, one pooled connection each (the allocation table reports the
 * connections each side opened). The Apache side gets the HTTP client HAPI builds for itself (same
 * pool size, connection time-to-live and timeouts, taken from the factory's own getters, cookies
 * off) with two changes the sandbox needs: a {@link DnsResolver} pinning the host to 127.0.0.1
 * (HAPI would otherwise ask the system resolver) and the test CA as its only trust anchor.
 */
public final class HapiComparison implements AutoCloseable {
  /** The family name of the patients the search scenario finds. */
  static final String SEARCH_FAMILY = "Searchable";

  /** Entries in the search scenario's bundle. */
  static final int SEARCH_ENTRIES = 20;

  private final Settings settings;
  private final TestCertificates certs = TestCertificates.forAzureHealthHosts();
  private final DnsSandbox dns = DnsSandbox.start();
  private final EmbeddedFhirServer server;
  private final String patientId;
  private final IGenericClient guarded;
  private final IGenericClient apache;
  private final OkHttpClient okHttp;
  private final CloseableHttpClient apacheHttp;
  private final List<Allocation> allocations = new ArrayList<>();

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
    for (int i = 0; i < SEARCH_ENTRIES; i++) {
      server.seed(
          new Patient().addName(new HumanName().setFamily(SEARCH_FAMILY).addGiven("P" + i)));
    }
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
    DnsResolver pin = ApacheClients.pinned4(BenchHosts.PRIVATE_HOST, BenchHosts.PRIVATE_ENDPOINT);
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

  /**
   * {@code capabilities()}, {@code read()}, a 20-entry {@code search} and {@code create()}, guarded
   * factory vs HAPI's default, interleaved; each with its allocation per call (see {@link
   * #allocations()}).
   */
  public List<Comparison> run() throws InterruptedException {
    List<Comparison> results = new ArrayList<>();
    allocations.clear();
    for (Scenario scenario : scenarios()) {
      allocations.add(allocation(scenario, settings.isSmoke() ? 20 : 2_000));
      results.add(
          Interleaved.compare(
              scenario.name(),
              scenario.guarded(),
              scenario.apache(),
              1,
              settings.rounds,
              settings.warmUp,
              settings.perRun,
              server::reset));
    }
    return results;
  }

  /**
   * Heap allocated per call on the calling thread, guarded and HAPI's default, for each scenario.
   */
  public List<Allocation> allocations() {
    return List.copyOf(allocations);
  }

  /**
   * What one call allocates on the calling thread (the server runs on its own threads and is not
   * counted), in bytes, load-independent unlike timings; and the connections the server accepted
   * during those calls (0 or close to it: both sides keep their connection alive; HAPI's Apache
   * factory retires a pooled connection after its 5 s time-to-live).
   */
  public record Allocation(
      String name,
      long guardedBytes,
      long apacheBytes,
      long guardedConnections,
      long apacheConnections) {}

  private Allocation allocation(Scenario scenario, int calls) {
    long before = server.connections();
    long guardedBytes = bytesPerCall(scenario.guarded(), calls);
    long between = server.connections();
    long apacheBytes = bytesPerCall(scenario.apache(), calls);
    long after = server.connections();
    return new Allocation(
        scenario.name(), guardedBytes, apacheBytes, between - before, after - between);
  }

  /** One scenario: the same HAPI call on the guarded client and on HAPI's default. */
  private record Scenario(String name, ClosedLoop.Call guarded, ClosedLoop.Call apache) {}

  private List<Scenario> scenarios() {
    return List.of(
        new Scenario(
            "HAPI capabilities(), 1 thread",
            () -> guarded.capabilities().ofType(CapabilityStatement.class).execute(),
            () -> apache.capabilities().ofType(CapabilityStatement.class).execute()),
        new Scenario("HAPI read(Patient), 1 thread", () -> read(guarded), () -> read(apache)),
        // Before create: the in-memory store filters every Patient on search.
        new Scenario(
            "HAPI search(Patient) 20 entries, 1 thread",
            () -> search(guarded),
            () -> search(apache)),
        new Scenario(
            "HAPI create(Patient), 1 thread", () -> create(guarded), () -> create(apache)));
  }

  private void read(IGenericClient client) {
    Patient patient = client.read().resource(Patient.class).withId(patientId).execute();
    if (!patient.getIdElement().getIdPart().equals(patientId)) {
      throw new IllegalStateException("read the wrong patient: " + patient.getId());
    }
  }

  private static void search(IGenericClient client) {
    Bundle bundle =
        client
            .search()
            .forResource(Patient.class)
            .where(Patient.FAMILY.matches().value(SEARCH_FAMILY))
            .count(SEARCH_ENTRIES)
            .returnBundle(Bundle.class)
            .execute();
    if (bundle.getEntry().size() != SEARCH_ENTRIES) {
      throw new IllegalStateException("search returned " + bundle.getEntry().size() + " entries");
    }
  }

  private static void create(IGenericClient client) {
    MethodOutcome outcome =
        client
            .create()
            .resource(new Patient().addName(new HumanName().setFamily("Created").addGiven("Bench")))
            .execute();
    if (!Boolean.TRUE.equals(outcome.getCreated())) {
      throw new IllegalStateException("create did not create: " + outcome.getId());
    }
  }

  private static long bytesPerCall(ClosedLoop.Call call, int calls) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try {
      for (int i = 0; i < calls; i++) {
        call.run(); // warm-up: class loading, JIT, the pooled connection
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < calls; i++) {
        call.run();
      }
      return (threads.getCurrentThreadAllocatedBytes() - before) / calls;
    } catch (Exception e) {
      throw new IllegalStateException("allocation run failed", e);
    }
  }

  /**
   * Prints allocation per call for every scenario, then (with an argument N) runs each guarded
   * scenario N more times, for a profiler: {@code java -XX:StartFlightRecording=... -cp
   * benchmarks.jar io.privatelink.benchmarks.load.HapiComparison 20000}; a second argument {@code
   * apache} loops HAPI's default instead, to profile both sides alike.
   */
  public static void main(String[] args) throws Exception {
    int loops = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    boolean apacheSide = args.length > 1 && args[1].equals("apache");
    try (HapiComparison comparison = new HapiComparison(Settings.smoke())) {
      for (Scenario scenario : comparison.scenarios()) {
        Allocation a = comparison.allocation(scenario, 2_000);
        System.out.printf(
            "%-45s guarded %,8d B/call  apache %,8d B/call  ratio %.2f  connections %d / %d%n",
            a.name(),
            a.guardedBytes(),
            a.apacheBytes(),
            (double) a.guardedBytes() / a.apacheBytes(),
            a.guardedConnections(),
            a.apacheConnections());
      }
      for (Scenario scenario : comparison.scenarios()) {
        for (int i = 0; i < loops; i++) {
          (apacheSide ? scenario.apache() : scenario.guarded()).run();
        }
      }
    }
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
