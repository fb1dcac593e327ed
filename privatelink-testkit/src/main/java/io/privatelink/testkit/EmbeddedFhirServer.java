package io.privatelink.testkit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.privatelink.testkit.internal.BulkExportServlet;
import io.privatelink.testkit.internal.JettyLoopback;
import io.privatelink.testkit.internal.ResourceStore;
import io.privatelink.testkit.internal.TransactionProvider;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * A real HAPI FHIR R4 server ({@link RestfulServer} in Jetty) over TLS on a loopback address, with
 * in-memory Patient and Observation data, so HAPI clients can be tested end to end with SNI and
 * hostname verification against the Azure host names.
 *
 * <p>It serves:
 *
 * <ul>
 *   <li>{@code GET /metadata}: a CapabilityStatement, FHIR 4.0.1, software name {@value
 *       #SOFTWARE_NAME};
 *   <li>Patient and Observation (HAPI's {@code HashMapResourceProvider}): read, vread ({@code
 *       _history/N}), instance and type history, create, update (PUT, also creating with a client
 *       id), delete, and JSON Patch ({@code application/json-patch+json}, RFC 6902 on the
 *       resource's JSON form; FHIRPath Patch answers 501);
 *   <li>search: {@code Patient?family=}, {@code Patient?name=}, {@code Observation?subject=} (or
 *       {@code patient=}); results are paged, {@value #DEFAULT_PAGE_SIZE} per page unless {@code
 *       _count} says otherwise, with {@code next} links served by HAPI's paging provider;
 *   <li>{@code GET Patient/[id]/$everything}: a searchset Bundle with the Patient and every
 *       Observation whose subject it is, paged like a search;
 *   <li>conditional interactions as FHIR specifies them: create with {@code If-None-Exist}, update
 *       and delete by search ({@code PUT/DELETE Patient?identifier=...}): no match creates (or, for
 *       delete, does nothing), one match is used, several answer 412; criteria on {@code _id},
 *       {@code identifier} and the search parameters above, anything else answers 400. An update
 *       whose {@code If-Match} version is not the current one answers 412;
 *   <li>{@code POST /} with a transaction (atomic, {@code urn:uuid:} references resolved) or batch
 *       Bundle of POST, PUT, DELETE and GET-by-id entries (conditional entries answer 400);
 *   <li>gzip-compressed responses when the client sends {@code Accept-Encoding: gzip};
 *   <li>with {@link Builder#bulkExport}, a minimal bulk {@code $export} into blob storage.
 * </ul>
 *
 * <p>It records what it saw (see {@link LoopbackServer}): connections accepted (counted before the
 * TLS handshake), every request and the {@code Authorization} headers received. It never checks
 * credentials.
 *
 * <pre>{@code
 * try (EmbeddedFhirServer server = EmbeddedFhirServer.builder().start()) {
 *   server.seed(new Patient().addName(new HumanName().setFamily("Chalmers")));
 *   TestCertificates certs = server.certificates();
 *   OkHttpClient client = new OkHttpClient.Builder()
 *       .dns(host -> List.of(server.address()))
 *       .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
 *       .build();
 *   String url = server.baseUrl("myfhir.azurehealthcareapis.com") + "Patient?family=chalmers";
 *   try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
 *     Bundle bundle = server.fhirContext().newJsonParser()
 *         .parseResource(Bundle.class, response.body().string());
 *     assertEquals(1, bundle.getTotal());
 *   }
 *   assertEquals(1, server.requestCount());
 * }
 * }</pre>
 */
public final class EmbeddedFhirServer extends AbstractLoopbackServer {

  /** The CapabilityStatement's {@code software.name}. */
  public static final String SOFTWARE_NAME = "privatelink-testkit";

  /** Search results per page when the request has no {@code _count}: small, so paging happens. */
  public static final int DEFAULT_PAGE_SIZE = 5;

  private final FhirContext context = FhirContext.forR4Cached();
  private final ResourceStore store = new ResourceStore(context);

  private final @Nullable ExportStorage exportStorage;

  private EmbeddedFhirServer(Builder builder) {
    super(builder.address, builder.port, builder.certificates, true);
    this.exportStorage = builder.exportStorage;
  }

  /**
   * A builder with the defaults: {@code 127.0.0.1}, a free port, {@link
   * TestCertificates#forAzureHealthHosts()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the server; returns {@code this}. Throws {@link IllegalStateException} if it is already
   * started or cannot listen (the message names the address and port).
   *
   * @return this server, listening
   */
  public EmbeddedFhirServer start() {
    listen();
    return this;
  }

  @Override
  // Jetty 12.1 deprecates GzipHandler for its jetty-compression modules; moving there adds two
  // dependencies to every consumer of the testkit, so the testkit keeps it until Jetty drops it.
  @SuppressWarnings("removal")
  Handler newHandler() {
    RestfulServer fhir = new RestfulServer(context);
    fhir.setServerName(SOFTWARE_NAME);
    fhir.setServerVersion(EmbeddedFhirServer.class.getPackage().getImplementationVersion());
    fhir.setImplementationDescription("privatelink-testkit embedded FHIR R4 server (in-memory)");
    fhir.setDefaultResponseEncoding(EncodingEnum.JSON);
    FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(100);
    paging.setDefaultPageSize(DEFAULT_PAGE_SIZE);
    paging.setMaximumPageSize(100);
    fhir.setPagingProvider(paging);
    fhir.registerProviders(store.providers());
    fhir.registerProvider(new TransactionProvider(store));

    ServletContextHandler servlets = new ServletContextHandler();
    servlets.setContextPath("/");
    servlets.addServlet(new ServletHolder("fhir", fhir), "/*");
    ServletHolder export =
        new ServletHolder("bulk-export", new BulkExportServlet(store, context, exportStorage));
    servlets.addServlet(export, "/$export");
    servlets.addServlet(export, BulkExportServlet.STATUS_PATH);
    // HAPI compresses resource bodies itself; Jetty's GzipHandler covers everything else and
    // leaves responses alone that already carry a Content-Encoding.
    GzipHandler gzip = new GzipHandler(servlets);
    return new RecordingHandler(log(), gzip);
  }

  /**
   * Adds resources (Patient or Observation) as if a client had created them: an id is assigned when
   * the resource has none, otherwise it is kept (a new version when it already exists). Works
   * before and after {@link #start()}; returns the stored copies, with ids and versions.
   *
   * @param <T> the resource type
   * @param resources Patient or Observation resources; they are not changed
   * @return the stored copies, in argument order
   */
  @SafeVarargs
  public final <T extends Resource> List<T> seed(T... resources) {
    List<T> stored = new java.util.ArrayList<>();
    for (T resource : resources) {
      Objects.requireNonNull(resource, "resource");
      if (!store.types().contains(resource.fhirType())) {
        throw new IllegalArgumentException(
            "the embedded server holds only " + store.types() + ", not " + resource.fhirType());
      }
      stored.add(store.seed(resource));
    }
    return List.copyOf(stored);
  }

  /**
   * Copies of the current version of every Patient on the server, in creation order.
   *
   * @return the copies; changing them does not change the server
   */
  public List<Patient> patients() {
    return store.current(Patient.class);
  }

  /**
   * Copies of the current version of every Observation on the server, in creation order.
   *
   * @return the copies; changing them does not change the server
   */
  public List<Observation> observations() {
    return store.current(Observation.class);
  }

  /**
   * The FHIR R4 context the server uses (handy for parsing its responses).
   *
   * @return the context
   */
  public FhirContext fhirContext() {
    return context;
  }

  /** Configures an {@link EmbeddedFhirServer}; every setting has a default. */
  public static final class Builder extends LoopbackServerBuilder<Builder> {
    private @Nullable ExportStorage exportStorage;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Serves a minimal bulk {@code $export} (system level, Patient and Observation, NDJSON) that
     * writes its files to {@code storage}, e.g. {@link Azurite#exportStorage}: {@code GET
     * [base]/$export} with {@code Prefer: respond-async} answers 202 with a {@code
     * Content-Location}; polling it answers 202 ({@code Retry-After: 1}) at least once, then 200
     * with the manifest ({@code output[].url} from the storage). Without it, {@code $export}
     * answers 501.
     *
     * @param storage where export files go
     * @return this builder
     */
    public Builder bulkExport(ExportStorage storage) {
      this.exportStorage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /**
     * Listens on a non-loopback address that a local interface holds. Only for tests that run
     * inside a network namespace they created (e.g. a private address on a dummy interface with no
     * route anywhere), to exercise the default policy end to end; anything no local interface holds
     * is rejected.
     *
     * @param address an IP literal a local interface holds
     * @return this builder
     */
    public Builder namespaceAddress(String address) {
      this.address = JettyLoopback.namespaceLocal(address);
      return this;
    }

    /**
     * An unstarted server with these settings.
     *
     * @return a new server, not listening yet
     */
    public EmbeddedFhirServer build() {
      return new EmbeddedFhirServer(this);
    }

    /**
     * Shorthand for {@code build().start()}.
     *
     * @return a new server, listening
     */
    public EmbeddedFhirServer start() {
      return build().start();
    }
  }
}
