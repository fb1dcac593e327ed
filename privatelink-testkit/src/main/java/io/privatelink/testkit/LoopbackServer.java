package io.privatelink.testkit;

import java.net.InetAddress;
import java.util.List;

/**
 * What every testkit HTTP fixture offers: where it listens (always a loopback address) and what it
 * saw. Implemented by {@link TlsTestServer}, {@link CanaryServer} and {@link EmbeddedFhirServer},
 * so {@link CanaryServer#beside(LoopbackServer)} and {@link LoopbackPair} work with any of them.
 *
 * <p>All methods are thread-safe; the recorded lists are snapshots.
 */
public interface LoopbackServer extends AutoCloseable {

  /** The loopback address the server is bound to, e.g. {@code 127.0.0.1}. */
  InetAddress address();

  /** The port the server is bound to (the real one when it was started with port 0). */
  int port();

  /** True when the server speaks HTTPS, false for plain HTTP. */
  boolean isTls();

  /** The certificates the server presents; for a plain HTTP server, the ones it would present. */
  TestCertificates certificates();

  /**
   * The base URL a client should use to reach this server under {@code host}, e.g. {@code
   * baseUrl("myfhir.azurehealthcareapis.com")} is {@code
   * "https://myfhir.azurehealthcareapis.com:PORT/"}. The client must resolve {@code host} to {@link
   * #address()} itself (a pinned {@code Dns}).
   */
  default String baseUrl(String host) {
    return (isTls() ? "https://" : "http://") + host + ":" + port() + "/";
  }

  /** How many TCP connections the server accepted, counted before any TLS handshake. */
  default int connections() {
    return connectionLog().size();
  }

  /** Every TCP connection the server accepted, oldest first. */
  List<RecordedConnection> connectionLog();

  /** Every HTTP request the server received, oldest first. */
  List<RecordedRequest> requests();

  /** How many HTTP requests the server received. */
  default int requestCount() {
    return requests().size();
  }

  /** The {@code Authorization} header of every request that carried one, oldest first. */
  default List<String> authorizationHeaders() {
    return requests().stream()
        .map(RecordedRequest::authorization)
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** Forgets every recorded connection and request; routes and data stay. */
  void reset();

  /** Stops the server and releases its port. Idempotent; never throws a checked exception. */
  @Override
  void close();
}
