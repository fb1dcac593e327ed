package io.privatelink.benchmarks.load;

import io.privatelink.benchmarks.BenchHosts;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.TestCertificates;
import io.privatelink.testkit.TestResponse;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The shared stage: {@link DnsSandbox} with a private endpoint on 127.0.0.1 and an unlinked host
 * that falls through to 127.0.0.2, and the testkit's {@link TlsTestServer} on 127.0.0.1 answering
 * {@code GET /metadata} with a fixed CapabilityStatement. Clients built here differ only in what is
 * being compared: the guarded one verifies through the sandbox, the plain one pins the host.
 */
final class HttpFixture implements AutoCloseable {
  static final String METADATA = "/metadata";

  final TestCertificates certs = TestCertificates.forAzureHealthHosts();
  final DnsSandbox dns = DnsSandbox.start();
  final TlsTestServer server;

  /** The same route over plain HTTP, to time a new connection without a TLS handshake. */
  final TlsTestServer plainHttpServer;

  final String capabilityStatement;

  HttpFixture() {
    dns.privateEndpoint(BenchHosts.PRIVATE_HOST, BenchHosts.PRIVATE_ENDPOINT);
    dns.unlinkedZone(BenchHosts.UNLINKED_HOST, BenchHosts.PUBLIC_STAND_IN);
    capabilityStatement = resource("capability-statement.json");
    TestResponse metadata = TestResponse.json(200, capabilityStatement);
    server = TlsTestServer.builder().certificates(certs).start();
    server.handler(METADATA, request -> metadata);
    plainHttpServer = TlsTestServer.builder().plainHttp().start();
    plainHttpServer.handler(METADATA, request -> metadata);
  }

  /** {@code https://host:port/metadata} on the fixture server. */
  String url(String host) {
    return "https://" + host + ":" + server.port() + METADATA;
  }

  Request get(String host) {
    return new Request.Builder().url(url(host)).build();
  }

  /**
   * Same request, asking for the connection to be closed after it (a new connection per call), over
   * HTTPS or, with {@code tls} false, over plain HTTP to {@link #plainHttpServer}.
   */
  Request getAndClose(String host, boolean tls) {
    String url = tls ? url(host) : "http://" + host + ":" + plainHttpServer.port() + METADATA;
    return new Request.Builder().url(url).header("Connection", "close").build();
  }

  TlsTestServer server(boolean tls) {
    return tls ? server : plainHttpServer;
  }

  /**
   * The settings both sides share: TLS trusting only the test CA, and an own pool large enough that
   * 8 busy threads never evict each other's connections.
   */
  OkHttpClient.Builder base() {
    return new OkHttpClient.Builder()
        .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
        .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES));
  }

  /** A resolver over the sandbox with the loopback policy and default caching. */
  PrivateLinkResolver.Builder resolver() {
    return PrivateLinkResolver.builder()
        .nameservers(dns.nameserver())
        .policy(BenchHosts.loopbackPolicy());
  }

  OkHttpClient guarded(PrivateLinkResolver resolver, GuardMetrics metrics) {
    return GuardedHttpClient.builder()
        .resolver(resolver)
        .from(base().build())
        .metrics(metrics)
        .build();
  }

  /**
   * Plain sockets with Nagle off, as the guard's own sockets are: identical TCP settings. OkHttp
   * only calls {@code createSocket()}; the connecting forms make the same socket and connect it.
   */
  private static final javax.net.SocketFactory NO_DELAY_SOCKETS =
      new javax.net.SocketFactory() {
        @Override
        public java.net.Socket createSocket() throws IOException {
          java.net.Socket socket = new java.net.Socket();
          socket.setTcpNoDelay(true);
          return socket;
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws IOException {
          return createSocket(InetAddress.getByName(host), port);
        }

        @Override
        public java.net.Socket createSocket(
            String host, int port, InetAddress localHost, int localPort) throws IOException {
          return createSocket(InetAddress.getByName(host), port, localHost, localPort);
        }

        @Override
        public java.net.Socket createSocket(InetAddress host, int port) throws IOException {
          java.net.Socket socket = createSocket();
          socket.connect(new java.net.InetSocketAddress(host, port));
          return socket;
        }

        @Override
        public java.net.Socket createSocket(
            InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
          java.net.Socket socket = createSocket();
          socket.bind(new java.net.InetSocketAddress(localAddress, localPort));
          socket.connect(new java.net.InetSocketAddress(address, port));
          return socket;
        }
      };

  /** An unguarded client whose {@code Dns} pins {@code host} to {@code ip}, as a user would. */
  OkHttpClient plain(String host, String ip) {
    List<InetAddress> pinned = List.of(BenchHosts.literal(ip));
    return base()
        .socketFactory(NO_DELAY_SOCKETS)
        .dns(
            name -> {
              if (name.equals(host)) {
                return pinned;
              }
              throw new UnknownHostException("not pinned: " + name);
            })
        .build();
  }

  /** Executes and drains one call; fails on anything but a 200 with the whole body. */
  void call(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      // OkHttp 4 types body() nullable; a response execute() returns always has one.
      byte[] body = Objects.requireNonNull(response.body(), "body").bytes();
      if (response.code() != 200 || body.length != capabilityStatement.length()) {
        throw new IOException(
            "unexpected response " + response.code() + ", " + body.length + " bytes");
      }
    }
  }

  private static String resource(String name) {
    try (InputStream in = HttpFixture.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    plainHttpServer.close();
    server.close();
    dns.close();
  }
}
