package io.privatelink.testkit;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One TCP connection a fixture server accepted. It is recorded at accept time, before any TLS
 * handshake, so a client that connected and then failed (or abandoned) the handshake still leaves a
 * trace.
 *
 * @param remoteAddress the client's address and port
 * @param localAddress the fixture's address and port the client connected to
 * @param acceptedAt when the server accepted the connection
 */
public record RecordedConnection(
    InetSocketAddress remoteAddress, InetSocketAddress localAddress, Instant acceptedAt) {

  @Override
  public String toString() {
    return "connection from " + remoteAddress + " to " + localAddress + " at " + acceptedAt;
  }
}
