package io.privatelink.benchmarks.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port that silently drops new connections, standing in for a public endpoint behind a
 * firewall that drops packets: a listening socket with backlog 1 that never accepts, whose accept
 * queue is then filled. On Linux a SYN to a listener with a full accept queue is dropped (not
 * refused), so a client's {@code connect()} waits for its timeout. No firewall rules, no address
 * outside 127.0.0.0/8.
 */
final class BlackHole implements AutoCloseable {
  private static final int MAX_FILLERS = 64;

  private final ServerSocket listener;
  private final List<Socket> fillers = new ArrayList<>();
  private final boolean dropping;

  BlackHole(String loopbackIp) throws IOException {
    InetAddress address = InetAddress.getByName(loopbackIp);
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "a black hole is only ever made on loopback: " + loopbackIp);
    }
    listener = new ServerSocket(0, 1, address);
    boolean full = false;
    for (int i = 0; i < MAX_FILLERS && !full; i++) {
      Socket s = new Socket();
      try {
        s.connect(listener.getLocalSocketAddress(), 250);
        fillers.add(s);
      } catch (SocketTimeoutException e) {
        s.close();
        full = true;
      }
    }
    dropping = full;
  }

  /** The address that drops connection attempts. */
  InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /** Whether connects were seen to time out (false: this kernel accepted or refused instead). */
  boolean dropping() {
    return dropping;
  }

  /** How many connections filled the accept queue. */
  int fillers() {
    return fillers.size();
  }

  @Override
  public void close() throws IOException {
    for (Socket s : fillers) {
      s.close();
    }
    listener.close();
  }
}
