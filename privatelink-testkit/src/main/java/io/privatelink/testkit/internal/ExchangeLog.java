package io.privatelink.testkit.internal;

import io.privatelink.testkit.RecordedConnection;
import io.privatelink.testkit.RecordedRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;

/**
 * What one fixture server saw: accepted connections and received requests, thread-safe.
 *
 * <p>Registered on a Jetty connector as a {@link Connection.Listener}. Jetty opens one {@link
 * Connection} per layer (TLS, then HTTP on top of the decrypted end point); only the outermost one,
 * whose end point is the socket itself, is counted, and it opens at accept time, before the TLS
 * handshake.
 */
public final class ExchangeLog implements Connection.Listener {

  private final List<RecordedConnection> connections = new ArrayList<>();
  private final List<RecordedRequest> requests = new ArrayList<>();

  @Override
  public void onOpened(Connection connection) {
    EndPoint endPoint = connection.getEndPoint();
    if (endPoint instanceof EndPoint.Wrapper) {
      return; // an inner layer (e.g. HTTP over the decrypted TLS end point): same TCP connection
    }
    RecordedConnection recorded =
        new RecordedConnection(
            inet(endPoint.getRemoteSocketAddress()),
            inet(endPoint.getLocalSocketAddress()),
            Instant.now());
    synchronized (this) {
      connections.add(recorded);
      notifyAll();
    }
  }

  /** Records one request. */
  public synchronized void record(RecordedRequest request) {
    requests.add(request);
    notifyAll();
  }

  /** A snapshot of the accepted connections, oldest first. */
  public synchronized List<RecordedConnection> connections() {
    return List.copyOf(connections);
  }

  /** A snapshot of the received requests, oldest first. */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Forgets everything recorded so far. */
  public synchronized void reset() {
    connections.clear();
    requests.clear();
  }

  /**
   * Waits until at least {@code count} connections were accepted or {@code timeout} passed; returns
   * whether the count was reached.
   */
  public synchronized boolean awaitConnections(int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (connections.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private static InetSocketAddress inet(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet;
    }
    throw new IllegalStateException("not a TCP end point: " + address); // testkit servers are TCP
  }
}
