package io.privatelink.testkit;

import io.privatelink.testkit.internal.ExchangeLog;
import io.privatelink.testkit.internal.JettyLoopback;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

/**
 * The plumbing every Jetty-backed {@link LoopbackServer} shares: where it listens, what it
 * presents, what it saw, and starting and stopping Jetty. A subclass supplies the {@link Handler}
 * that serves requests and keeps only what is its own. Package-private: the public contract is
 * {@link LoopbackServer}.
 */
abstract class AbstractLoopbackServer implements LoopbackServer {

  private final InetAddress address;
  private final int requestedPort;
  private final TestCertificates certificates;
  private final boolean tls;
  private final ExchangeLog log = new ExchangeLog();
  private @Nullable Server jetty;
  private volatile int port = -1;

  AbstractLoopbackServer(
      InetAddress address, int requestedPort, TestCertificates certificates, boolean tls) {
    this.address = Objects.requireNonNull(address, "address");
    this.requestedPort = requestedPort;
    this.certificates = Objects.requireNonNull(certificates, "certificates");
    this.tls = tls;
  }

  /**
   * The handler that serves requests; called once per {@link #listen()}, after the already-started
   * check. Connections are recorded by the connector; recording requests is the handler's job.
   */
  abstract Handler newHandler();

  /** Where the subclass records requests and waits for connections. */
  final ExchangeLog log() {
    return log;
  }

  /**
   * Starts Jetty with {@link #newHandler()}. Throws {@link IllegalStateException} if already
   * started or the server cannot listen (the message names the address and port).
   */
  final synchronized void listen() {
    if (jetty != null) {
      throw new IllegalStateException("already started");
    }
    Server server =
        JettyLoopback.newServer(
            address, requestedPort, tls ? certificates.serverSslContext() : null, log);
    server.setHandler(newHandler());
    JettyLoopback.start(server, getClass().getSimpleName());
    jetty = server;
    port = JettyLoopback.boundPort(server);
  }

  @Override
  public InetAddress address() {
    return address;
  }

  /** {@inheritDoc} Throws {@link IllegalStateException} before the server was started. */
  @Override
  public int port() {
    if (port < 0) {
      throw new IllegalStateException("not started");
    }
    return port;
  }

  @Override
  public boolean isTls() {
    return tls;
  }

  @Override
  public TestCertificates certificates() {
    return certificates;
  }

  @Override
  public List<RecordedConnection> connectionLog() {
    return log.connections();
  }

  @Override
  public List<RecordedRequest> requests() {
    return log.requests();
  }

  @Override
  public void reset() {
    log.reset();
  }

  @Override
  public synchronized void close() {
    if (jetty != null) {
      JettyLoopback.stop(jetty);
      jetty = null;
    }
  }

  /**
   * E.g. {@code TlsTestServer[https 127.0.0.1:8443]}; the port reads {@code unstarted} before
   * start.
   */
  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "["
        + (tls ? "https " : "http ")
        + address.getHostAddress()
        + ":"
        + (port < 0 ? "unstarted" : String.valueOf(port))
        + "]";
  }
}
