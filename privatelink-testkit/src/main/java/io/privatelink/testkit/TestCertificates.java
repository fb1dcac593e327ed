package io.privatelink.testkit;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.jspecify.annotations.Nullable;

/**
 * A certificate authority generated in memory and one server certificate it signed for the Azure
 * health host names, so tests exercise SNI and hostname verification exactly as production does
 * while the connection goes to a pinned loopback address.
 *
 * <p>Servers present {@link #serverSslContext()}; clients trust only {@link #trustManager()} (no
 * platform roots), so a certificate this class did not sign fails the handshake.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.forAzureHealthHosts();
 * OkHttpClient client = new OkHttpClient.Builder()
 *     .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
 *     .build();
 * }</pre>
 */
public final class TestCertificates {

  /** The subject alternative names on the server certificate. */
  static final List<String> SERVER_NAMES =
      List.of(
          "*.azurehealthcareapis.com",
          "*.fhir.azurehealthcareapis.com",
          "*.dicom.azurehealthcareapis.com",
          "*.workspace.azurehealthcareapis.com",
          "*.privatelink.azurehealthcareapis.com",
          "*.azurehealthcareapis.us",
          "*.fhir.azurehealthcareapis.us",
          "*.dicom.azurehealthcareapis.us",
          "*.blob.core.windows.net",
          "localhost",
          "127.0.0.1");

  private static volatile @Nullable TestCertificates shared;

  private final HeldCertificate ca;
  private final HeldCertificate server;
  private final HandshakeCertificates serverHandshake;
  private final HandshakeCertificates clientHandshake;

  private TestCertificates(List<String> names) {
    this(names, 0, 0);
  }

  /**
   * With {@code notBefore == notAfter == 0}, the server certificate is valid for one day from now.
   */
  private TestCertificates(List<String> names, long notBeforeMillis, long notAfterMillis) {
    this.ca =
        new HeldCertificate.Builder()
            .certificateAuthority(0)
            .commonName("privatelink-testkit CA")
            .duration(1, TimeUnit.DAYS)
            .build();
    HeldCertificate.Builder serverBuilder =
        new HeldCertificate.Builder().commonName(names.get(0)).signedBy(ca);
    if (notAfterMillis == 0) {
      serverBuilder.duration(1, TimeUnit.DAYS);
    } else {
      serverBuilder.validityInterval(notBeforeMillis, notAfterMillis);
    }
    for (String name : names) {
      serverBuilder.addSubjectAlternativeName(name);
    }
    this.server = serverBuilder.build();
    this.serverHandshake = new HandshakeCertificates.Builder().heldCertificate(server).build();
    this.clientHandshake =
        new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build();
  }

  /**
   * The certificates for the Azure health, Storage and test host names, generated once per JVM (key
   * generation is the slow part of a TLS test fixture) and shared.
   *
   * @return the shared certificates
   */
  public static TestCertificates forAzureHealthHosts() {
    TestCertificates result = shared;
    if (result == null) {
      synchronized (TestCertificates.class) {
        result = shared;
        if (result == null) {
          result = new TestCertificates(SERVER_NAMES);
          shared = result;
        }
      }
    }
    return result;
  }

  /**
   * A fresh authority and server certificate for exactly these names (first one is the CN).
   *
   * @param names host names or IP literals the server certificate holds; at least one
   * @return new certificates, shared with no one
   */
  public static TestCertificates forNames(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("at least one server name is required");
    }
    return new TestCertificates(List.copyOf(names));
  }

  /**
   * A fresh authority and a server certificate for the same names that expired a day ago (valid
   * from two days ago until one day ago): clients that trust the authority still fail the
   * handshake, on the expiry alone.
   *
   * @return new certificates whose server certificate is expired
   */
  public static TestCertificates expired() {
    long now = System.currentTimeMillis();
    long day = TimeUnit.DAYS.toMillis(1);
    return new TestCertificates(SERVER_NAMES, now - 2 * day, now - day);
  }

  /** {@return the generated certificate authority} */
  public HeldCertificate certificateAuthority() {
    return ca;
  }

  /** {@return the server certificate, signed by {@link #certificateAuthority()}} */
  public HeldCertificate serverCertificate() {
    return server;
  }

  /**
   * What a TLS server presents: the server certificate and its key.
   *
   * @return a new TLS context for a server
   */
  public SSLContext serverSslContext() {
    return serverHandshake.sslContext();
  }

  /**
   * Trusts the generated authority and nothing else.
   *
   * @return a trust manager for clients
   */
  public X509TrustManager trustManager() {
    return clientHandshake.trustManager();
  }

  /**
   * A client socket factory that trusts the generated authority and nothing else.
   *
   * @return a socket factory for clients
   */
  public SSLSocketFactory clientSocketFactory() {
    return clientHandshake.sslSocketFactory();
  }

  /**
   * Client-side handshake certificates, for OkHttp's {@code sslSocketFactory(...)}.
   *
   * @return the handshake certificates
   */
  public HandshakeCertificates clientHandshake() {
    return clientHandshake;
  }
}
