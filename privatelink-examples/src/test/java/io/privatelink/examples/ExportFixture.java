package io.privatelink.examples;

import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.Azurite;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.ExportStorage;
import io.privatelink.testkit.LoopbackPair;
import io.privatelink.testkit.TestCertificates;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * An Azure FHIR service with bulk export into Storage, on loopback: DNS playing Azure DNS, the
 * embedded FHIR server exporting into Azurite, and canaries on 127.0.0.2 beside both. The FHIR host
 * and {@value #LINKED_ACCOUNT}'s blob host are linked (127.0.0.1); {@value #UNLINKED_ACCOUNT}'s
 * zone is not (it falls through to the canary).
 */
public final class ExportFixture implements AutoCloseable {

  private static ExportFixture shared;

  /**
   * The one fixture of this test JVM (Azurite takes seconds to start), closed when the JVM exits.
   * Skips the calling test when Azurite is not installed (fails it when CI=true).
   */
  public static synchronized ExportFixture shared() {
    Azurite.assumeInstalled();
    if (shared == null) {
      ExportFixture fixture = new ExportFixture();
      Runtime.getRuntime().addShutdownHook(new Thread(fixture::close, "export-fixture-close"));
      shared = fixture;
    }
    shared.reset();
    return shared;
  }

  static final String FHIR_HOST = "export-fhir.fhir.azurehealthcareapis.com";
  public static final String LINKED_ACCOUNT = "linkedstore";
  public static final String UNLINKED_ACCOUNT = "unlinkedstore";
  static final String CONTAINER = "export";

  final DnsSandbox dns = DnsSandbox.start();
  final TestCertificates certs = TestCertificates.forAzureHealthHosts();
  final Azurite azurite;
  final CanaryServer storageCanary;
  private final AtomicReference<ExportStorage> target = new AtomicReference<>();
  final LoopbackPair<EmbeddedFhirServer> fhir =
      LoopbackPair.start(
          () ->
              EmbeddedFhirServer.builder().bulkExport((n, b) -> target.get().store(n, b)).start());

  private ExportFixture() {
    // region:javadoc-Azurite
    Azurite azurite = Azurite.start(certs, LINKED_ACCOUNT, UNLINKED_ACCOUNT);
    CanaryServer storageCanary = CanaryServer.onPort(azurite.port(), certs); // the public side
    dns.privateEndpoint(LINKED_ACCOUNT + "." + Azurite.BLOB_DOMAIN, "127.0.0.1");
    dns.unlinkedZone(UNLINKED_ACCOUNT + "." + Azurite.BLOB_DOMAIN, "127.0.0.2");
    // endregion
    this.azurite = azurite;
    this.storageCanary = storageCanary;
    linkedDns();
    Patient chalmers = fhir.server().seed(patient("Chalmers")).get(0);
    fhir.server().seed(patient("Windsor"), patient("Levin"));
    fhir.server()
        .seed(
            new Observation()
                .setSubject(new Reference(chalmers.getIdElement().toUnqualifiedVersionless())),
            new Observation()
                .setSubject(new Reference(chalmers.getIdElement().toUnqualifiedVersionless())));
    exportTo(LINKED_ACCOUNT);
  }

  private static Patient patient(String family) {
    return new Patient().addName(new HumanName().setFamily(family));
  }

  /** Where the next export writes: a storage account of the Azurite. */
  void exportTo(String account) {
    target.set(azurite.exportStorage(account, CONTAINER));
  }

  /** Like {@link #exportTo}, into a container anyone may read, for a client without a token. */
  public void exportToAnonymouslyReadable(String account) {
    target.set(azurite.exportStorage(account, "public-" + CONTAINER, true));
  }

  /** Restores the linked DNS records (after a test changed them). */
  void linkedDns() {
    dns.reset();
    dns.privateEndpoint(FHIR_HOST, "127.0.0.1")
        .privateEndpoint(LINKED_ACCOUNT + "." + Azurite.BLOB_DOMAIN, "127.0.0.1")
        .unlinkedZone(UNLINKED_ACCOUNT + "." + Azurite.BLOB_DOMAIN, "127.0.0.2");
  }

  /** The DNS server playing Azure DNS, {@code 127.0.0.1:PORT}. */
  public String nameserver() {
    return dns.nameserver();
  }

  /** The testkit CA, PEM, for {@code --ca-cert}. */
  public String caPem() {
    return certs.certificateAuthority().certificatePem();
  }

  public String fhirBase() {
    return fhir.server().baseUrl(FHIR_HOST);
  }

  PrivateLinkResolver resolver() {
    return PrivateLinkResolver.builder()
        .nameservers(dns.nameserver())
        .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
        .build();
  }

  /** Trusts the testkit CA and nothing else; not guarded yet. */
  OkHttpClient trusting() {
    return new OkHttpClient.Builder()
        .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
        .build();
  }

  public void assertCanariesUntouched() {
    fhir.canary().assertUntouched();
    storageCanary.assertUntouched();
  }

  void reset() {
    linkedDns();
    fhir.server().reset();
    fhir.canary().reset();
    storageCanary.reset();
    exportTo(LINKED_ACCOUNT);
  }

  @Override
  public void close() {
    fhir.close();
    storageCanary.close();
    azurite.close();
    dns.close();
  }
}
