package io.privatelink.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import okhttp3.Dns;

/**
 * OkHttp's {@link Dns} for guarded clients: returns only addresses that verified as private, so
 * OkHttp connects to exactly what was checked (no second lookup, no rebinding window). Called by
 * OkHttp on the calling thread before it opens a connection; throws {@link PrivateLinkException}
 * for every other outcome, before any socket exists.
 */
final class GuardedDns implements Dns {
  private final PrivateLinkResolver resolver;
  private final Set<String> allowedHosts;
  private final GuardMetrics metrics;

  GuardedDns(PrivateLinkResolver resolver, Set<String> allowedHosts, GuardMetrics metrics) {
    this.resolver = resolver;
    this.allowedHosts = allowedHosts;
    this.metrics = metrics;
  }

  PrivateLinkResolver resolver() {
    return resolver;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    metrics.verification();
    if (allowedHosts != null) {
      GuardInterceptor.checkAllowed(hostname, allowedHosts, metrics);
    }
    Resolution resolution = resolver.lookup(hostname);
    if (resolution.verdict() != Verdict.PRIVATE) {
      metrics.refusal();
      throw new PrivateLinkException(resolution);
    }
    return resolution.allowedAddresses();
  }
}
