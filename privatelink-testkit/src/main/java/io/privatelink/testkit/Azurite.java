package io.privatelink.testkit;

import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Configuration;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.PublicAccessType;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * Azurite, Microsoft's Azure Storage emulator, as a real blob store on {@code 127.0.0.1} for tests:
 * HTTPS with the testkit's certificate, production-style host names ({@code
 * {account}.blob.core.windows.net}: Azurite takes the account from the host's first label), shared
 * keys and Entra ID bearer tokens ({@code --oauth basic}: the token's shape, audience, issuer and
 * lifetime are checked, not its signature).
 *
 * <pre>{@code
 * Azurite azurite = Azurite.start(certs, LINKED_ACCOUNT, UNLINKED_ACCOUNT);
 * CanaryServer storageCanary = CanaryServer.onPort(azurite.port(), certs);   // the public side
 * dns.privateEndpoint(LINKED_ACCOUNT + "." + Azurite.BLOB_DOMAIN, "127.0.0.1");
 * dns.unlinkedZone(UNLINKED_ACCOUNT + "." + Azurite.BLOB_DOMAIN, "127.0.0.2");
 * }</pre>
 *
 * <p>It runs the {@code azurite-blob} command of npm's {@code azurite@3.35.0} (Node 20; 3.36 and
 * later need Node 21), installed into the project with {@code npm install --prefix .tools/azurite
 * azurite@3.35.0} ({@code .ci/run} does it). {@link #executable()} finds it there, searching from
 * the working directory upwards, or at the path in the system property {@code privatelink.azurite}.
 */
public final class Azurite implements AutoCloseable {

  /** The Azurite version the testkit is tested with. */
  static final String VERSION = "3.35.0";

  /** The command that installs it, from the project's root directory. */
  static final String INSTALL = "npm install --prefix .tools/azurite azurite@" + VERSION;

  /** A system property naming the {@code azurite-blob} executable, overriding the search. */
  static final String EXECUTABLE_PROPERTY = "privatelink.azurite";

  /** The public blob domain of Azure's public cloud. */
  public static final String BLOB_DOMAIN = "blob.core.windows.net";

  private static final Path RELATIVE =
      Paths.get(".tools", "azurite", "node_modules", ".bin", "azurite-blob");
  private static final int ATTEMPTS = 5;

  private final Process process;
  private final Path workDir;
  private final int port;
  private final TestCertificates certificates;
  private final Map<String, String> keys;

  private Azurite(
      Process process,
      Path workDir,
      int port,
      TestCertificates certificates,
      Map<String, String> keys) {
    this.process = process;
    this.workDir = workDir;
    this.port = port;
    this.certificates = certificates;
    this.keys = keys;
  }

  /**
   * The {@code azurite-blob} executable, when installed (see the class comment).
   *
   * @return the executable's path; empty when Azurite is not installed
   */
  public static Optional<Path> executable() {
    String configured = System.getProperty(EXECUTABLE_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path p = Paths.get(configured);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * For tests that need Azurite: returns when it is installed; otherwise skips the test (JUnit
   * assumption) saying how to install it, or fails it when the environment variable {@code CI} is
   * {@code true}, so CI never passes by skipping.
   */
  public static void assumeInstalled() {
    if (executable().isPresent()) {
      return;
    }
    String why =
        "Azurite is not installed; run `"
            + INSTALL
            + "` in the project's root directory (Node 20+)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(why + ". CI=true: .ci/run must install it.");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(false, why);
  }

  /**
   * Starts Azurite's blob service on {@code 127.0.0.1} on a port that is also free on {@value
   * CanaryServer#ADDRESS} (so a canary can stand beside it), with one storage account per name.
   *
   * @param certificates the certificates Azurite presents
   * @param accounts the storage account names to create
   * @return the running blob service; close it to stop the process
   * @throws IllegalStateException if Azurite is not installed (the message says how to install it)
   *     or does not start
   */
  public static Azurite start(TestCertificates certificates, String... accounts) {
    Path executable =
        executable()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Azurite is not installed: run `"
                            + INSTALL
                            + "` in the project's root"
                            + " directory (Node 20+), or set -D"
                            + EXECUTABLE_PROPERTY
                            + "=/path/to/azurite-blob"));
    if (accounts.length == 0) {
      throw new IllegalArgumentException("name at least one storage account");
    }
    Map<String, String> keys = new LinkedHashMap<>();
    SecureRandom random = new SecureRandom();
    for (String account : accounts) {
      byte[] key = new byte[64];
      random.nextBytes(key);
      keys.put(account, Base64.getEncoder().encodeToString(key));
    }
    IllegalStateException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return launch(executable, certificates, keys, freePortOnBothAddresses());
      } catch (IllegalStateException e) {
        if (!String.valueOf(e.getMessage()).contains("EADDRINUSE")) {
          throw e;
        }
        last = e; // the port was taken meanwhile; try another
      }
    }
    throw last;
  }

  private static Azurite launch(
      Path executable, TestCertificates certificates, Map<String, String> keys, int port) {
    Path dir;
    try {
      dir = Files.createTempDirectory("azurite");
      Files.writeString(dir.resolve("cert.pem"), certificates.serverCertificate().certificatePem());
      Files.writeString(
          dir.resolve("key.pem"), certificates.serverCertificate().privateKeyPkcs8Pem());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command =
        List.of(
            executable.toString(),
            "--blobHost",
            "127.0.0.1",
            "--blobPort",
            String.valueOf(port),
            "--inMemoryPersistence",
            "--disableTelemetry",
            "--skipApiVersionCheck",
            "--oauth",
            "basic",
            "--cert",
            dir.resolve("cert.pem").toString(),
            "--key",
            dir.resolve("key.pem").toString());
    // In memory: nothing on disk; the working directory takes whatever Azurite writes anyway.
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
    StringBuilder accounts = new StringBuilder();
    keys.forEach((name, key) -> accounts.append(name).append(':').append(key).append(';'));
    builder.environment().put("AZURITE_ACCOUNTS", accounts.toString());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      deleteQuietly(dir);
      throw new IllegalStateException("cannot run " + executable + ": " + e.getMessage(), e);
    }
    CompletableFuture<Boolean> listening = new CompletableFuture<>();
    List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread drain =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  output.add(line);
                  if (line.contains("successfully listen")) {
                    listening.complete(true);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              listening.complete(false);
            },
            "azurite-output");
    drain.setDaemon(true);
    drain.start();
    boolean up;
    try {
      up = listening.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      up = false;
    }
    if (!up) {
      process.destroyForcibly();
      deleteQuietly(dir);
      throw new IllegalStateException(
          "Azurite did not start on 127.0.0.1:" + port + "; its output: " + output);
    }
    return new Azurite(process, dir, port, certificates, keys);
  }

  // The second socket is never used in the body: binding it is the probe that the port is free.
  @SuppressWarnings("try")
  private static int freePortOnBothAddresses() {
    for (int i = 0; i < 20; i++) {
      try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        int candidate = first.getLocalPort();
        try (ServerSocket second =
            new ServerSocket(candidate, 1, InetAddress.getByName(CanaryServer.ADDRESS))) {
          return candidate;
        } catch (IOException taken) {
          // try another
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no port free on both 127.0.0.1 and " + CanaryServer.ADDRESS);
  }

  /**
   * The port the blob service listens on (on {@code 127.0.0.1}).
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The certificates Azurite presents.
   *
   * @return the certificates given to {@link #start}
   */
  public TestCertificates certificates() {
    return certificates;
  }

  /**
   * {@code https://{account}.blob.core.windows.net:{port}}: resolve the host to 127.0.0.1.
   *
   * @param account a storage account name given to {@link #start}
   * @return the blob endpoint URL, without a trailing slash
   */
  public String blobEndpoint(String account) {
    requireAccount(account);
    return "https://" + account + "." + BLOB_DOMAIN + ":" + port;
  }

  /**
   * A client for {@code account} with its shared key, connecting straight to 127.0.0.1 (the storage
   * service's own side, not the client under test).
   *
   * @param account a storage account name given to {@link #start}
   * @return a new client authorised with the account key
   */
  public BlobServiceClient serviceClient(String account) {
    requireAccount(account);
    OkHttpClient pinned =
        new OkHttpClient.Builder()
            .dns(host -> List.of(InetAddress.getByName("127.0.0.1")))
            .sslSocketFactory(certificates.clientSocketFactory(), certificates.trustManager())
            .build();
    HttpClient http =
        new OkHttpAsyncHttpClientBuilder(pinned).configuration(Configuration.NONE).build();
    return new BlobServiceClientBuilder()
        .endpoint(blobEndpoint(account))
        .credential(new StorageSharedKeyCredential(account, keys.get(account)))
        .httpClient(http)
        .buildClient();
  }

  /**
   * Export storage in {@code container} of {@code account} (created when missing): files are
   * uploaded with the account key and downloaded from {@link #blobEndpoint}{@code
   * /{container}/{name}}.
   *
   * @param account a storage account name given to {@link #start}
   * @param container the container to store files in
   * @return the export storage
   */
  public ExportStorage exportStorage(String account, String container) {
    return exportStorage(account, container, false);
  }

  /**
   * Like {@link #exportStorage(String, String)}; with {@code anonymousRead}, a container created
   * here lets anyone read its blobs without a token (public access level "blob"), for clients that
   * send none.
   *
   * @param account a storage account name given to {@link #start}
   * @param container the container to store files in
   * @param anonymousRead whether a container created here is publicly readable
   * @return the export storage
   */
  public ExportStorage exportStorage(String account, String container, boolean anonymousRead) {
    BlobContainerClient blobs = serviceClient(account).getBlobContainerClient(container);
    return (name, ndjson) -> {
      try {
        if (!blobs.exists()) {
          blobs.createWithResponse(
              null,
              anonymousRead ? PublicAccessType.BLOB : null,
              null,
              com.azure.core.util.Context.NONE);
        }
        blobs.getBlobClient(name).upload(BinaryData.fromBytes(ndjson), true);
      } catch (RuntimeException e) {
        throw new IOException("cannot store " + name + " in Azurite: " + e.getMessage(), e);
      }
      return blobEndpoint(account) + "/" + container + "/" + name;
    };
  }

  private void requireAccount(String account) {
    if (!keys.containsKey(account)) {
      throw new IllegalArgumentException(
          "no storage account '" + account + "' in this Azurite; started with " + keys.keySet());
    }
  }

  /** Stops Azurite and deletes its files. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteQuietly(workDir);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory
    }
  }
}
