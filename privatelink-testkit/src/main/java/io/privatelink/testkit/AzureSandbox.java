package io.privatelink.testkit;

import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A small Azure Health Data Services deployment on loopback, for demos and end-to-end tests: a
 * {@link DnsSandbox} playing Azure DNS, an {@link EmbeddedFhirServer} and a DICOM-style {@link
 * TlsTestServer#dicomHealth() health check} on {@code 127.0.0.1} (the private endpoint), each with
 * a {@link CanaryServer} on {@value CanaryServer#ADDRESS} and the same port (the public internet).
 *
 * <p>DNS answers, each with the testkit's usual records:
 *
 * <ul>
 *   <li>{@value #FHIR_HOST} and {@value #DICOM_HOST}: {@linkplain DnsSandbox#privateEndpoint
 *       linked} private endpoints at {@code 127.0.0.1};
 *   <li>{@value #UNLINKED_FHIR_HOST} and {@value #UNLINKED_DICOM_HOST}: {@linkplain
 *       DnsSandbox#unlinkedZone unlinked zones} falling through Traffic Manager to {@value
 *       CanaryServer#ADDRESS}, where a leak would reach the canary.
 * </ul>
 *
 * <p>The {@link #policy()} allows exactly {@value #PRIVATE_NETWORK}, so the canary's address counts
 * as public. Needs {@code hapi-fhir-server} and {@code hapi-fhir-structures-r4} on the classpath,
 * like {@link EmbeddedFhirServer}.
 *
 * <pre>{@code
 * try (AzureSandbox sandbox = AzureSandbox.start()) {
 *   PrivateLinkResolver resolver = sandbox.newResolver();
 *   OkHttpClient base = new OkHttpClient.Builder()
 *       .sslSocketFactory(sandbox.certificates().clientSocketFactory(), sandbox.certificates().trustManager())
 *       .build();
 *   // ... call sandbox.fhirBaseUrl() and sandbox.dicomBaseUrl() through the guarded clients ...
 *   sandbox.assertCanariesUntouched();
 * }
 * }</pre>
 */
public final class AzureSandbox implements AutoCloseable {

  /** The linked FHIR service (Azure Health Data Services naming). */
  public static final String FHIR_HOST = "sandbox-fhir.fhir.azurehealthcareapis.com";

  /** The linked DICOM service. */
  public static final String DICOM_HOST = "sandbox-dicom.dicom.azurehealthcareapis.com";

  /** A FHIR service whose private DNS zone is not linked: it resolves to the canary. */
  public static final String UNLINKED_FHIR_HOST = "unlinked-fhir.fhir.azurehealthcareapis.com";

  /** A DICOM service whose private DNS zone is not linked: it resolves to the canary. */
  public static final String UNLINKED_DICOM_HOST = "unlinked-dicom.dicom.azurehealthcareapis.com";

  /** The one network {@link #policy()} counts as private: the loopback address of the servers. */
  public static final String PRIVATE_NETWORK = "127.0.0.1/32";

  private static final NetworkPolicy POLICY =
      NetworkPolicy.builder().withoutDefaults().allow(PRIVATE_NETWORK).build();

  private final DnsSandbox dns;
  private final LoopbackPair<EmbeddedFhirServer> fhir;
  private final LoopbackPair<TlsTestServer> dicom;

  private AzureSandbox(
      DnsSandbox dns, LoopbackPair<EmbeddedFhirServer> fhir, LoopbackPair<TlsTestServer> dicom) {
    this.dns = dns;
    this.fhir = fhir;
    this.dicom = dicom;
  }

  /**
   * Starts DNS, the FHIR and DICOM servers and their canaries, and writes the DNS records described
   * in the class comment. Whatever started is closed again if a later part fails.
   *
   * @return the running sandbox; close it to stop every part
   * @throws IllegalStateException if a server cannot listen
   */
  public static AzureSandbox start() {
    return start(0, 0, 0);
  }

  /**
   * Like {@link #start()} on fixed ports ({@code 0}: a free one): DNS (UDP and TCP), FHIR and DICOM
   * (each with its canary on the same port), for a long-running sandbox people point tools at.
   *
   * @param dnsPort the DNS port on {@code 127.0.0.1}, or 0
   * @param fhirPort the FHIR (and FHIR canary) port, or 0
   * @param dicomPort the DICOM (and DICOM canary) port, or 0
   * @return the running sandbox; close it to stop every part
   * @throws IllegalStateException or {@link java.io.UncheckedIOException} if a port is taken
   */
  public static AzureSandbox start(int dnsPort, int fhirPort, int dicomPort) {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      DnsSandbox dns = DnsSandbox.start(dnsPort);
      started.add(dns);
      LoopbackPair<EmbeddedFhirServer> fhir =
          LoopbackPair.start(() -> EmbeddedFhirServer.builder().port(fhirPort).start());
      started.add(fhir);
      LoopbackPair<TlsTestServer> dicom =
          LoopbackPair.start(() -> TlsTestServer.builder().port(dicomPort).start().dicomHealth());
      started.add(dicom);
      AzureSandbox sandbox = new AzureSandbox(dns, fhir, dicom);
      sandbox.writeRecords();
      return sandbox;
    } catch (RuntimeException | Error e) {
      closeAll(started, e);
      throw e;
    }
  }

  /** (Re)writes the records of the four hosts, e.g. after a test changed them. */
  public void writeRecords() {
    dns.privateEndpoint(FHIR_HOST, "127.0.0.1")
        .privateEndpoint(DICOM_HOST, "127.0.0.1")
        .unlinkedZone(UNLINKED_FHIR_HOST, CanaryServer.ADDRESS)
        .unlinkedZone(UNLINKED_DICOM_HOST, CanaryServer.ADDRESS);
  }

  /**
   * The DNS server playing Azure DNS; {@link DnsSandbox#nameserver()} is what resolvers ask.
   *
   * @return the DNS server
   */
  public DnsSandbox dns() {
    return dns;
  }

  /**
   * The policy of this sandbox: exactly {@value #PRIVATE_NETWORK} is private, nothing else.
   *
   * @return the policy allowing only {@value #PRIVATE_NETWORK}
   */
  public NetworkPolicy policy() {
    return POLICY;
  }

  /**
   * A new resolver asking {@link #dns()} under {@link #policy()}, with a two-second timeout.
   *
   * @return a new resolver, with its own cache
   */
  public PrivateLinkResolver newResolver() {
    return PrivateLinkResolver.builder()
        .nameservers(dns.nameserver())
        .policy(POLICY)
        .timeout(Duration.ofSeconds(2))
        .build();
  }

  /**
   * The certificates every server presents; clients trust {@link TestCertificates#trustManager()}.
   *
   * @return the certificates
   */
  public TestCertificates certificates() {
    return fhir.server().certificates();
  }

  /**
   * The embedded FHIR server on {@code 127.0.0.1}.
   *
   * @return the FHIR server
   */
  public EmbeddedFhirServer fhir() {
    return fhir.server();
  }

  /**
   * The DICOM health check server on {@code 127.0.0.1}.
   *
   * @return the DICOM server
   */
  public TlsTestServer dicom() {
    return dicom.server();
  }

  /**
   * The canary on the FHIR server's port.
   *
   * @return the FHIR canary, on {@value CanaryServer#ADDRESS}
   */
  public CanaryServer fhirCanary() {
    return fhir.canary();
  }

  /**
   * The canary on the DICOM server's port.
   *
   * @return the DICOM canary, on {@value CanaryServer#ADDRESS}
   */
  public CanaryServer dicomCanary() {
    return dicom.canary();
  }

  /**
   * {@code https://}{@value #FHIR_HOST}{@code :PORT/}.
   *
   * @return the FHIR base URL, ending in {@code /}
   */
  public String fhirBaseUrl() {
    return fhir.server().baseUrl(FHIR_HOST);
  }

  /**
   * {@code https://}{@value #DICOM_HOST}{@code :PORT/}.
   *
   * @return the DICOM base URL, ending in {@code /}
   */
  public String dicomBaseUrl() {
    return dicom.server().baseUrl(DICOM_HOST);
  }

  /**
   * {@code https://}{@value #UNLINKED_FHIR_HOST}{@code :PORT/}, the FHIR port: a leak hits its
   * canary.
   *
   * @return the base URL of a FHIR host that is not linked
   */
  public String unlinkedFhirBaseUrl() {
    return fhir.server().baseUrl(UNLINKED_FHIR_HOST);
  }

  /**
   * {@code https://}{@value #UNLINKED_DICOM_HOST}{@code :PORT/}, the DICOM port: a leak hits its
   * canary.
   *
   * @return the base URL of a DICOM host that is not linked
   */
  public String unlinkedDicomBaseUrl() {
    return dicom.server().baseUrl(UNLINKED_DICOM_HOST);
  }

  /**
   * Connections both canaries accepted, counted before any TLS handshake.
   *
   * @return the sum over both canaries since they started; 0 when nothing leaked
   */
  public int canaryConnections() {
    return fhir.canary().connections() + dicom.canary().connections();
  }

  /**
   * Passes when neither canary saw a connection or request; see {@link
   * CanaryServer#assertUntouched()}.
   */
  public void assertCanariesUntouched() {
    fhir.canary().assertUntouched();
    dicom.canary().assertUntouched();
  }

  /** Forgets what every server saw and DNS query counts, and rewrites the records. */
  public void reset() {
    dns.reset();
    writeRecords();
    fhir.server().reset();
    fhir.canary().reset();
    dicom.server().reset();
    dicom.canary().reset();
  }

  /** Stops every server. Idempotent. */
  @Override
  public void close() {
    closeAll(List.of(dns, fhir, dicom), null);
  }

  private static void closeAll(List<AutoCloseable> resources, @Nullable Throwable primary) {
    RuntimeException failure = null;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else if (failure == null) {
          failure =
              e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
