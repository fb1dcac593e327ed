package io.privatelink.core;

import io.privatelink.core.internal.http.RedirectRules;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The checks a guarded transport is made of, independent of any HTTP library: verify a host before
 * DNS answers are used, re-check the exact address at {@code connect()}, and decide each redirect
 * hop. {@link GuardedHttpClient} (OkHttp) and the Apache HttpClient guards of {@code
 * privatelink-httpclient4} and {@code privatelink-httpclient5} are built from one instance each, so
 * every transport applies the same rules and counts into the same {@link GuardMetrics}.
 *
 * <p>Applications use those clients, not this class. A transport author plugs it into the library's
 * seams:
 *
 * <pre>{@code
 * ConnectionGuard guard = ConnectionGuard.builder().resolver(resolver).build();
 * List<InetAddress> addresses = guard.verify("myfhir.azurehealthcareapis.com"); // or throws
 * Socket socket = guard.socketFactory().createSocket();   // connect() re-checks the address
 * }</pre>
 *
 * <p>Immutable and thread-safe; every method may be called from any thread.
 */
public final class ConnectionGuard {
  private final PrivateLinkResolver resolver;
  private final @Nullable Set<String> allowedHosts;
  private final boolean allowHttpsToHttpRedirects;
  private final GuardMetrics metrics;
  private final GuardedSocketFactory socketFactory;

  ConnectionGuard(GuardedClientBuilder<?> b) {
    this.resolver = Objects.requireNonNull(b.resolver, "resolver");
    this.allowedHosts = b.allowedHosts;
    this.allowHttpsToHttpRedirects = b.allowHttpsToHttpRedirects;
    this.metrics = b.metrics != null ? b.metrics : new GuardMetrics();
    this.socketFactory = new GuardedSocketFactory(resolver, metrics);
  }

  /**
   * A new builder. {@link Builder#resolver} is required.
   *
   * @return a builder with no resolver, no allowlist, redirects to http refused
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies {@code host} (allowed hosts first, before any DNS query, then the private-link
   * resolution) and returns the addresses a transport may connect to: all of them verified.
   *
   * @param host the host name or IP literal a transport is about to connect to
   * @return the verified addresses, never empty; unmodifiable
   * @throws PrivateLinkException for every outcome but {@link Verdict#PRIVATE}; no other route is
   *     worth trying
   */
  public List<InetAddress> verify(String host) throws PrivateLinkException {
    metrics.verification();
    checkAllowedHost(host);
    Resolution resolution = resolver.lookup(host);
    if (resolution.verdict() != Verdict.PRIVATE) {
      metrics.refusal();
      throw new PrivateLinkException(resolution);
    }
    return resolution.allowedAddresses();
  }

  /**
   * Refuses a host outside {@link Builder#allowedHosts}, before any DNS query; does nothing when no
   * allowlist was set.
   *
   * @param host the host name or URL host to check
   * @throws PrivateLinkException with {@link Verdict#HOST_NOT_ALLOWED}, or {@link
   *     Verdict#REJECTED_INPUT} for a malformed host
   */
  public void checkAllowedHost(String host) throws PrivateLinkException {
    if (allowedHosts != null) {
      try {
        GuardInterceptor.checkAllowed(host, allowedHosts, metrics);
      } catch (PrivateLinkException e) {
        // The resolver never sees this host, but its listener (metrics, tracing) hears every
        // outcome a caller gets.
        resolver.heard(e.resolution());
        throw e;
      }
    }
  }

  /**
   * Counts a refusal decided above the transport, before the request reached it (a link policy
   * refusing a link that leaves the server), as one of this guard's: in {@link
   * GuardMetrics#refusals()} and to the resolver's {@link ResolutionListener}.
   */
  void refused(PrivateLinkException refusal) {
    metrics.refusal();
    resolver.heard(refusal.resolution());
  }

  /**
   * Sockets that re-check the exact address against the policy at {@code connect()} (the last line
   * for IP-literal URLs, which skip DNS), never use a SOCKS proxy, and have Nagle off.
   *
   * @return the socket factory a transport must use for every connection of this guard
   */
  public SocketFactory socketFactory() {
    return socketFactory;
  }

  /**
   * Decides the hop a redirect response asks for: an https-to-http downgrade is refused (unless
   * {@link Builder#allowHttpsToHttpRedirects}), a target outside the allowed hosts is refused
   * before DNS, and a cross-origin hop must lose its credentials ({@link RedirectHop#dropsHeader}).
   * The target is then verified by the transport's DNS and socket seams like any request.
   *
   * @return the hop to follow, with the method, body and headers it may carry
   * @param from the URL that answered with the redirect
   * @param location its {@code Location} header, absolute or relative
   * @param status the redirect status: 300, 301, 302, 303, 307 or 308
   * @param method the method of the request that got the redirect
   * @throws java.net.ProtocolException for a downgrade or a Location that is not an http(s) URL
   * @throws PrivateLinkException for a target outside the allowed hosts ({@link
   *     Verdict#HOST_NOT_ALLOWED})
   */
  public RedirectHop redirect(URI from, String location, int status, String method)
      throws IOException {
    RedirectHop hop;
    try {
      hop = RedirectRules.next(from, location, status, method, allowHttpsToHttpRedirects);
    } catch (IOException e) {
      metrics.refusedRedirect();
      throw e;
    }
    try {
      checkAllowedHost(hop.target().getHost());
    } catch (PrivateLinkException e) {
      metrics.refusedRedirectAlreadyCounted(); // the allowlist counted this refusal once
      throw e;
    }
    return hop;
  }

  /**
   * One redirect hop the guard allows: where it goes, with which method, and what it must leave
   * behind.
   *
   * @param target where the hop goes (absolute)
   * @param method the method of the hop: 301, 302 and 303 turn anything but GET and HEAD into GET
   * @param keepsBody whether the hop resends the request body (307 and 308 do)
   * @param crossOrigin whether the hop changes scheme, host or port, so credentials must go
   */
  public record RedirectHop(URI target, String method, boolean keepsBody, boolean crossOrigin) {
    /**
     * A hop; target and method required.
     *
     * @param target where the hop goes; required
     * @param method the hop's method; required
     * @param keepsBody whether the request body is resent
     * @param crossOrigin whether scheme, host or port change
     * @throws NullPointerException if {@code target} or {@code method} is null
     */
    public RedirectHop {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(method, "method");
    }

    /**
     * Whether the hop must not carry the request header {@code name} (any case): on a cross-origin
     * hop, {@code Authorization}, {@code Cookie} and {@code Proxy-Authorization}.
     *
     * @param name a header name, in any case
     * @return {@code true} if the header must be removed before the hop
     */
    public boolean dropsHeader(String name) {
      return crossOrigin && RedirectRules.isCrossOriginHeader(name);
    }
  }

  /**
   * The resolver that verifies hosts.
   *
   * @return the resolver given to the builder
   */
  public PrivateLinkResolver resolver() {
    return resolver;
  }

  /**
   * Where verifications, refusals and connects are counted.
   *
   * @return the metrics given to the builder, or the guard's own instance
   */
  public GuardMetrics metrics() {
    return metrics;
  }

  /** Builds a {@link ConnectionGuard}; the settings are those of {@link GuardedClientBuilder}. */
  public static final class Builder extends GuardedClientBuilder<Builder> {
    private Builder() {
      super("a guarded client");
    }

    /**
     * Builds the guard.
     *
     * @return a new guard
     * @throws IllegalStateException if no resolver was set
     */
    public ConnectionGuard build() {
      return guard();
    }
  }
}
