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

  /**
   * The loopback address the server is bound to, e.g. {@code 127.0.0.1}.
   *
   * @return the bound address
   */
  InetAddress address();

  /**
   * The port the server is bound to (the real one when it was started with port 0).
   *
   * @return the bound port
   */
  int port();

  /**
   * True when the server speaks HTTPS, false for plain HTTP.
   *
   * @return {@code true} for HTTPS
   */
  boolean isTls();

  /**
   * The certificates the server presents; for a plain HTTP server, the ones it would present.
   *
   * @return the certificates
   */
  TestCertificates certificates();

  /**
   * The base URL a client should use to reach this server under {@code host}, e.g. {@code
   * baseUrl("myfhir.azurehealthcareapis.com")} is {@code
   * "https://myfhir.azurehealthcareapis.com:PORT/"}. The client must resolve {@code host} to {@link
   * #address()} itself (a pinned {@code Dns}).
   *
   * @param host the host name clients use; it goes into the URL as given
   * @return the base URL, ending in {@code /}
   */
  default String baseUrl(String host) {
    return (isTls() ? "https://" : "http://") + host + ":" + port() + "/";
  }

  /**
   * How many TCP connections the server accepted, counted before any TLS handshake.
   *
   * @return the count since the server started
   */
  default int connections() {
    return connectionLog().size();
  }

  /**
   * Every TCP connection the server accepted, oldest first.
   *
   * @return a snapshot of the connections
   */
  List<RecordedConnection> connectionLog();

  /**
   * Every HTTP request the server received, oldest first.
   *
   * @return a snapshot of the requests
   */
  List<RecordedRequest> requests();

  /**
   * How many HTTP requests the server received.
   *
   * @return the count since the server started
   */
  default int requestCount() {
    return requests().size();
  }

  /**
   * The {@code Authorization} header of every request that carried one, oldest first.
   *
   * @return the headers' values; empty when no request carried one
   */
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
