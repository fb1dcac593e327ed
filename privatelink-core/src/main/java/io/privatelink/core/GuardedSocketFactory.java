package io.privatelink.core;

import io.privatelink.core.internal.log.RateLimitedWarning;
import io.privatelink.core.internal.policy.AddressText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates sockets that re-check the exact address at {@code connect()} against the policy: the last
 * line for anything that skipped DNS (an IP-literal URL, a future OkHttp route). Sockets never use
 * a SOCKS proxy, whatever {@code socksProxyHost} says.
 */
final class GuardedSocketFactory extends SocketFactory {
  private static final Logger log = LoggerFactory.getLogger(GuardedSocketFactory.class);
  private static final RateLimitedWarning<InetAddress> WARNING =
      new RateLimitedWarning<>(log, TimeUnit.SECONDS.toNanos(30));

  private final PrivateLinkResolver resolver;
  private final GuardMetrics metrics;

  GuardedSocketFactory(PrivateLinkResolver resolver, GuardMetrics metrics) {
    this.resolver = resolver;
    this.metrics = metrics;
  }

  @Override
  public Socket createSocket() {
    return new GuardedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(null, firstAddress(host), port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(localHost, localPort), firstAddress(host), port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(null, host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(localAddress, localPort), address, port);
  }

  /** A guarded socket, bound to {@code local} unless null, connected to {@code address:port}. */
  private Socket connected(@Nullable SocketAddress local, InetAddress address, int port)
      throws IOException {
    Socket socket = new GuardedSocket();
    if (local != null) {
      socket.bind(local);
    }
    socket.connect(new InetSocketAddress(address, port));
    return socket;
  }

  private InetAddress firstAddress(String host) throws PrivateLinkException {
    List<InetAddress> addresses = resolver.resolve(host).allowedAddresses();
    return addresses.get(0);
  }

  private void check(SocketAddress endpoint) throws IOException {
    if (!(endpoint instanceof InetSocketAddress target)) {
      metrics.refusedConnect();
      throw new SocketException("refused to connect to " + endpoint + ": not an IP socket address");
    }
    InetAddress address = target.getAddress();
    if (address == null) {
      // Resolving here would bypass verification.
      metrics.refusedConnect();
      throw new PrivateLinkException(
          Resolution.rejected(
              target.getHostString(),
              "refused to connect to unresolved "
                  + target.getHostString()
                  + "; only verified addresses may be used"));
    }
    NetworkPolicy.Decision decision = resolver.policy().decide(address);
    if (!decision.allowed()) {
      metrics.refusedConnect();
      String host = AddressText.of(address);
      Resolution refused =
          Resolution.ofAddress(
              host,
              new Resolution.Address(address, 0, decision),
              Verdict.PUBLIC_ADDRESS,
              "refused at connect(): " + decision.rule());
      PrivateLinkException e = new PrivateLinkException(refused);
      warn(address, e);
      throw e;
    }
    metrics.connectAttempt();
  }

  private static void warn(InetAddress address, PrivateLinkException e) {
    WARNING.warn(address, 0, "private link violation: {}", e.getMessage());
  }

  /**
   * A plain TCP socket whose connect checks the policy first and never goes through SOCKS. Nagle is
   * off, as in curl and most HTTP clients: otherwise each new TLS connection stalls ~40 ms on a
   * delayed ACK, and the guard owns the socket factory, so users could not turn it off themselves.
   */
  private final class GuardedSocket extends Socket {
    GuardedSocket() {
      super(Proxy.NO_PROXY);
      try {
        setTcpNoDelay(true);
      } catch (SocketException e) {
        // Not fatal: the connection works with Nagle on, only slower to start.
        log.debug("could not disable Nagle's algorithm", e);
      }
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      check(endpoint);
      super.connect(endpoint, timeout);
    }
  }
}
