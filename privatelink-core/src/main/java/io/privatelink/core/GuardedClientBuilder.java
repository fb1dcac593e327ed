package io.privatelink.core;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What every guarded client's builder takes, validated in one place: the resolver that verifies
 * each host, the allowed hosts, the redirect downgrade rule and the metrics. {@link
 * GuardedHttpClient.Builder} (OkHttp), {@link ConnectionGuard.Builder} and the Apache HttpClient
 * builders of {@code privatelink-httpclient4} and {@code privatelink-httpclient5} extend it, so the
 * same setting means the same thing on every transport.
 *
 * <p>Not thread-safe: configure on one thread, then build.
 *
 * @param <B> the concrete builder, which every setter returns so that calls chain
 */
public abstract class GuardedClientBuilder<B extends GuardedClientBuilder<B>> {
  private final String clientName;
  // Package-private: ConnectionGuard's constructor reads them.
  @Nullable PrivateLinkResolver resolver;
  @Nullable Set<String> allowedHosts;
  boolean allowHttpsToHttpRedirects;
  @Nullable GuardMetrics metrics;

  /**
   * A builder with no resolver, no allowlist, redirects to http refused.
   *
   * @param clientName what the subclass builds, as its errors name it (for example {@code
   *     "GuardedHttpClient"})
   */
  protected GuardedClientBuilder(String clientName) {
    this.clientName = Objects.requireNonNull(clientName, "clientName");
  }

  /**
   * The resolver that verifies every host. Required.
   *
   * @param resolver the resolver; required
   * @return this builder
   */
  public final B resolver(PrivateLinkResolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    return self();
  }

  /**
   * Refuses requests to any host not named here, before DNS (URLs or host names; compared in
   * canonical form, ports ignored).
   *
   * @param hostsOrUrls the hosts (or URLs) allowed; at least one
   * @return this builder
   * @throws IllegalArgumentException if a host is malformed or none is given
   */
  public final B allowedHosts(String... hostsOrUrls) {
    return allowedHosts(List.of(hostsOrUrls));
  }

  /**
   * Same as {@link #allowedHosts(String...)}.
   *
   * @param hostsOrUrls the hosts (or URLs) allowed; at least one
   * @return this builder
   * @throws IllegalArgumentException if a host is malformed or none is given
   */
  public final B allowedHosts(Collection<String> hostsOrUrls) {
    Set<String> hosts = new LinkedHashSet<>();
    for (String h : hostsOrUrls) {
      try {
        hosts.add(ServiceEndpoint.parse(h).host());
      } catch (PrivateLinkException e) {
        throw new IllegalArgumentException("allowedHosts: " + e.getMessage(), e);
      }
    }
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("allowedHosts needs at least one host");
    }
    this.allowedHosts = Collections.unmodifiableSet(hosts);
    return self();
  }

  /**
   * Follows https-to-http redirects (still verified, but in clear text). Off by default; leave it
   * off unless a private service you trust redirects that way.
   *
   * @param allow {@code true} to follow https-to-http redirects
   * @return this builder
   */
  public final B allowHttpsToHttpRedirects(boolean allow) {
    this.allowHttpsToHttpRedirects = allow;
    return self();
  }

  /**
   * Where to count verifications, refusals and connects. Default: a private, unread instance.
   *
   * @param metrics the counters to update; shared with whoever reads them
   * @return this builder
   */
  public final B metrics(GuardMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return self();
  }

  /**
   * This builder, as its concrete type.
   *
   * @return {@code this}
   */
  @SuppressWarnings("unchecked") // B is the subclass itself, by the class's contract
  protected final B self() {
    return (B) this;
  }

  /**
   * The guard these settings describe; subclasses build their client around it.
   *
   * @return a new guard
   * @throws IllegalStateException if no resolver was set
   */
  protected final ConnectionGuard guard() {
    if (resolver == null) {
      throw new IllegalStateException(clientName + " needs a resolver: call resolver(...)");
    }
    return new ConnectionGuard(this);
  }
}
