package io.privatelink.examples.cli;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of every command that calls a service ({@code capabilities}, {@code dicom-health},
 * {@code export}, {@code doctor}): how to authenticate and which certificate authorities to trust.
 * Add it with {@code @Mixin ServiceOptions serviceOptions;} next to {@link ResolverOptions}.
 *
 * <p>{@code --ca-cert FILE} <b>replaces</b> the Java platform's trusted roots with the certificates
 * in FILE, as {@code curl --cacert} does: trust is narrowed, never widened, and the host name is
 * still verified against the server's certificate. Azure's own endpoints need no {@code --ca-cert};
 * it is for a sandbox or a service behind a private CA.
 */
public final class ServiceOptions {

  /** How long to wait to connect, and for each read, before giving up. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @Option(
      names = "--no-auth",
      description = "Send no bearer token (default: a token from DefaultAzureCredential).")
  private boolean noAuth;

  @Option(
      names = "--tenant",
      paramLabel = "ID",
      description = "Microsoft Entra tenant to get the token from, for DefaultAzureCredential.")
  private @Nullable String tenant;

  @Option(
      names = "--ca-cert",
      paramLabel = "FILE",
      description = {
        "Trust only the CA certificates in FILE (PEM, one or more) instead of the Java platform's"
            + " roots, like curl --cacert. The host name is still verified. Not needed for Azure's"
            + " own endpoints."
      })
  private @Nullable Path caCert;

  /**
   * The credential to use: {@code null} with {@code --no-auth}, otherwise {@code
   * DefaultAzureCredential} (for {@code --tenant}'s tenant when given). Nothing is requested yet.
   *
   * @throws ParameterException (exit status 64) for {@code --no-auth} together with {@code
   *     --tenant}
   */
  public @Nullable TokenCredential credential() {
    if (noAuth) {
      if (tenant != null) {
        throw usage(
            "--no-auth sends no token, so --tenant has nothing to do; give one or the other.");
      }
      return null;
    }
    DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
    if (tenant != null) {
      builder.tenantId(tenant);
    }
    return builder.build();
  }

  /** The tenant given with {@code --tenant}, or {@code null}. */
  @Nullable String tenant() {
    return tenant;
  }

  /**
   * The HTTP client to start from: bounded timeouts and, with {@code --ca-cert}, trust in exactly
   * that file's certificates. Callers shut it down when done ({@link #shutdown(OkHttpClient)}).
   *
   * @throws ParameterException (exit status 64) when the file cannot be read or holds no
   *     certificate
   */
  public OkHttpClient httpClient() {
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder().connectTimeout(CONNECT_TIMEOUT).readTimeout(READ_TIMEOUT);
    if (caCert != null) {
      HandshakeCertificates.Builder trust = new HandshakeCertificates.Builder();
      for (X509Certificate ca : readCertificates(caCert)) {
        trust.addTrustedCertificate(ca);
      }
      HandshakeCertificates certificates = trust.build();
      builder.sslSocketFactory(certificates.sslSocketFactory(), certificates.trustManager());
    }
    return builder.build();
  }

  /** Releases the threads and pooled connections of a client from {@link #httpClient()}. */
  static void shutdown(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private X509Certificate[] readCertificates(Path file) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(file)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (NoSuchFileException e) {
      throw usage("--ca-cert " + file + ": no such file.");
    } catch (IOException e) {
      throw usage("--ca-cert " + file + ": cannot read it: " + e.getMessage() + ".");
    } catch (CertificateException e) {
      throw usage(
          "--ca-cert "
              + file
              + ": not a PEM certificate ("
              + e.getMessage()
              + "). Give the CA"
              + " certificate in PEM form, starting with -----BEGIN CERTIFICATE-----.");
    }
    if (certificates.isEmpty()) {
      throw usage(
          "--ca-cert "
              + file
              + ": holds no certificate. Give the CA certificate in PEM form,"
              + " starting with -----BEGIN CERTIFICATE-----.");
    }
    return certificates.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
  }

  private ParameterException usage(String message) {
    return new ParameterException(command.commandLine(), message);
  }
}
