package io.privatelink.examples;

import io.privatelink.testkit.AzureSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link AzureSandbox} per test class, started before its first test, reset before each and
 * closed after the last; with the sandbox's CA certificate as a PEM file (for {@code --ca-cert})
 * and an OkHttp client that trusts that CA and nothing else (not yet guarded).
 *
 * <pre>{@code
 * @RegisterExtension static final SandboxFixture fixture = new SandboxFixture();
 * }</pre>
 */
public final class SandboxFixture
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  private final boolean healthyDicom;
  private @Nullable AzureSandbox sandbox;
  private @Nullable Path caCert;
  private @Nullable OkHttpClient httpClient;

  /** A fixture whose sandbox is as {@link AzureSandbox#reset()} leaves it before each test. */
  public SandboxFixture() {
    this(false);
  }

  private SandboxFixture(boolean healthyDicom) {
    this.healthyDicom = healthyDicom;
  }

  /** A fixture whose DICOM service also answers its health check as Healthy before each test. */
  public static SandboxFixture withHealthyDicom() {
    return new SandboxFixture(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    sandbox = AzureSandbox.start();
    caCert = Files.createTempFile("sandbox-ca", ".pem");
    Files.writeString(caCert, sandbox.certificates().certificateAuthority().certificatePem());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    sandbox().reset();
    if (healthyDicom) {
      sandbox().dicom().dicomHealth();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (httpClient != null) {
      httpClient.dispatcher().executorService().shutdown();
      httpClient.connectionPool().evictAll();
    }
    if (sandbox != null) {
      sandbox.close();
    }
    if (caCert != null) {
      Files.deleteIfExists(caCert);
    }
  }

  /** The running sandbox. */
  public AzureSandbox sandbox() {
    return Objects.requireNonNull(sandbox, "the sandbox starts before the class's first test");
  }

  /** The sandbox's CA certificate, a PEM file. */
  public Path caCert() {
    return Objects.requireNonNull(caCert, "the sandbox starts before the class's first test");
  }

  /** An OkHttp client trusting the sandbox's CA and nothing else (not yet guarded). */
  public OkHttpClient httpClient() {
    if (httpClient == null) {
      httpClient = SandboxClients.trustingSandboxCa(sandbox());
    }
    return httpClient;
  }
}
