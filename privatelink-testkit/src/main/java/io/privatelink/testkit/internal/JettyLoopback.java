package io.privatelink.testkit.internal;

import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * The one place that builds a Jetty server for the fixtures: daemon threads, a single connector on
 * a loopback address (TLS or plain HTTP/1.1), the {@link ExchangeLog} attached at accept time, and
 * a start that turns a bind failure into a message naming the address.
 */
public final class JettyLoopback {

  private JettyLoopback() {}

  /**
   * Parses {@code address} and rejects anything that is not a loopback literal: fixtures must never
   * listen where another machine could reach them.
   */
  public static InetAddress loopback(String address) {
    InetAddress parsed = literal(address);
    if (!parsed.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "testkit servers bind only to loopback addresses (127.0.0.0/8, ::1), not " + address);
    }
    return parsed;
  }

  /**
   * Parses {@code address} and accepts it only when a local interface holds it: for tests that run
   * inside a network namespace they created, where that interface reaches no other host.
   */
  public static InetAddress namespaceLocal(String address) {
    InetAddress parsed = literal(address);
    try {
      if (java.net.NetworkInterface.getByInetAddress(parsed) == null) {
        throw new IllegalArgumentException(
            address
                + " is not held by any local interface; create it in the test's namespace first");
      }
    } catch (java.net.SocketException e) {
      throw new IllegalArgumentException("cannot list local interfaces: " + e.getMessage(), e);
    }
    return parsed;
  }

  private static InetAddress literal(String address) {
    InetAddress parsed;
    try {
      // Literals only: a host name would mean a DNS lookup, which a fixture must not do.
      if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        throw new IllegalArgumentException("not an IP literal: " + address);
      }
      parsed = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + address, e);
    }
    return parsed;
  }

  /**
   * A stopped Jetty server with daemon threads and one connector on {@code address:port} ({@code
   * port} 0 picks a free one). {@code sslContext} null means plain HTTP.
   */
  public static Server newServer(
      InetAddress address, int port, @Nullable SSLContext sslContext, ExchangeLog log) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    threads.setDaemon(true);
    threads.setName("testkit-" + address.getHostAddress() + "-" + port);
    Server server = new Server(threads);
    server.setStopTimeout(0); // a fixture stops at once; nothing in flight is worth waiting for

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector;
    if (sslContext == null) {
      connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    } else {
      // Record the SNI name but never reject on it: the fixture observes, the client decides.
      SecureRequestCustomizer secure = new SecureRequestCustomizer(false);
      secure.setSniHostCheck(false);
      http.addCustomizer(secure);
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setSslContext(sslContext);
      connector =
          new ServerConnector(
              server,
              1,
              1,
              new SslConnectionFactory(tls, "http/1.1"),
              new HttpConnectionFactory(http));
    }
    connector.setHost(address.getHostAddress());
    connector.setPort(port);
    connector.addEventListener(log);
    server.addConnector(connector);
    return server;
  }

  /** The port the server's connector is bound to. */
  public static int boundPort(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /**
   * Starts {@code server}. On failure the server is stopped again and an {@link
   * IllegalStateException} names {@code what} and where it tried to listen; when the port was
   * taken, its cause is the {@link BindException} (see {@link #isPortTaken(Throwable)}).
   */
  public static void start(Server server, String what) {
    ServerConnector connector = (ServerConnector) server.getConnectors()[0];
    String where = connector.getHost() + ":" + connector.getPort();
    try {
      server.start();
    } catch (Exception e) {
      stop(server);
      BindException bind = findBindException(e);
      if (bind != null) {
        throw new IllegalStateException(
            what
                + " cannot listen on "
                + where
                + ": the port is already in use there ("
                + bind.getMessage()
                + ")",
            bind);
      }
      throw new IllegalStateException(what + " failed to start on " + where + ": " + e, e);
    }
  }

  /** True when {@code failure} (from {@link #start}) means the address and port were taken. */
  public static boolean isPortTaken(Throwable failure) {
    return findBindException(failure) != null;
  }

  /** Stops {@code server}, releasing its port; never throws. */
  public static void stop(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping a test fixture must not mask the test's own outcome.
    }
  }

  private static @Nullable BindException findBindException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException bind) {
        return bind;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
