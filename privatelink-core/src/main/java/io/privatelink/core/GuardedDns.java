package io.privatelink.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * OkHttp's {@link Dns} for guarded clients: returns only addresses that verified as private, so
 * OkHttp connects to exactly what was checked (no second lookup, no rebinding window). Called by
 * OkHttp on the calling thread before it opens a connection; throws {@link PrivateLinkException}
 * for every other outcome, before any socket exists.
 */
final class GuardedDns implements Dns {
  private final ConnectionGuard guard;

  GuardedDns(ConnectionGuard guard) {
    this.guard = guard;
  }

  PrivateLinkResolver resolver() {
    return guard.resolver();
  }

  ConnectionGuard guard() {
    return guard;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    return guard.verify(hostname);
  }
}
