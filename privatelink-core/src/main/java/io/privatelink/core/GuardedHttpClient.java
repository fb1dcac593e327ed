package io.privatelink.core;

import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * Builds an {@link OkHttpClient} whose every connection is proven private before it opens.
 *
 * <pre>{@code
 * PrivateLinkResolver resolver = PrivateLinkResolver.builder().build();
 * OkHttpClient client = GuardedHttpClient.builder().resolver(resolver).build();
 * client.newCall(new Request.Builder().url("https://ws-dicom.dicom.azurehealthcareapis.com/health/check").build()).execute();
 * }</pre>
 *
 * <p>The result is a real {@code OkHttpClient}, guarded through OkHttp's own seams:
 *
 * <ul>
 *   <li>{@code dns()}: the {@link PrivateLinkResolver}; only verified addresses are returned, so
 *       OkHttp connects to exactly what was checked. A refusal throws {@link PrivateLinkException}
 *       before any socket exists, and no other route is tried.
 *   <li>{@code socketFactory()}: re-checks the exact address at {@code connect()} against the
 *       {@link NetworkPolicy} (IP-literal URLs skip DNS in OkHttp; this catches them), and never
 *       goes through a SOCKS proxy.
 *   <li>{@code proxy()}: {@link Proxy#NO_PROXY}; {@code http(s).proxyHost}, {@code socksProxyHost}
 *       and {@code HTTPS_PROXY}-style settings are ignored (a proxy would resolve the target itself).
 *   <li>Redirects are followed by the guard, hop by hop: each hop is resolved and checked like the
 *       first, cross-origin hops lose {@code Authorization} and {@code Cookie}, and an https-to-http
 *       downgrade is refused.
 *   <li>Optionally, {@link Builder#allowedHosts} refuses any other host (even a private one) before
 *       DNS.
 * </ul>
 *
 * <p>Starting {@link Builder#from(OkHttpClient) from} your client keeps its timeouts, interceptors,
 * connection pool, dispatcher, TLS settings and event listener; only the pieces above are replaced.
 * A client derived later with {@code newBuilder()} keeps the guard unless you replace {@code dns()},
 * {@code socketFactory()}, {@code proxy()} or the interceptors yourself: do not.
 */
public final class GuardedHttpClient {

  private GuardedHttpClient() {}

  /**
   * The resolver that guards {@code client}, if {@code client} (or the client it was derived from)
   * was built here and still has the guard's {@code dns()}; empty for any other client. Adapters use
   * it to refuse a client that is already guarded by a different resolver.
   */
  public static Optional<PrivateLinkResolver> resolverOf(OkHttpClient client) {
    return client.dns() instanceof GuardedDns guarded
        ? Optional.of(guarded.resolver())
        : Optional.empty();
  }

  /** A new builder. {@link Builder#resolver} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a guarded {@link OkHttpClient}. */
  public static final class Builder {
    private PrivateLinkResolver resolver;
    private OkHttpClient from;
    private Set<String> allowedHosts;
    private boolean allowHttpsToHttpRedirects;
    private GuardMetrics metrics;

    private Builder() {}

    /** The resolver that verifies every host. Required. */
    public Builder resolver(PrivateLinkResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * The client to start from; its settings are kept except what the guard owns. Default: a new
     * {@code OkHttpClient}.
     */
    public Builder from(OkHttpClient client) {
      this.from = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Refuses requests to any host not named here, before DNS (URLs or host names; compared in
     * canonical form, ports ignored).
     *
     * @throws IllegalArgumentException if a host is malformed
     */
    public Builder allowedHosts(String... hostsOrUrls) {
      return allowedHosts(List.of(hostsOrUrls));
    }

    /** Same as {@link #allowedHosts(String...)}. */
    public Builder allowedHosts(Collection<String> hostsOrUrls) {
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
      return this;
    }

    /**
     * Follows https-to-http redirects (still verified, but in clear text). Off by default; leave it
     * off unless a private service you trust redirects that way.
     */
    public Builder allowHttpsToHttpRedirects(boolean allow) {
      this.allowHttpsToHttpRedirects = allow;
      return this;
    }

    /** Where to count verifications, refusals and connects. Default: a private, unread instance. */
    public Builder metrics(GuardMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /**
     * Builds the guarded client.
     *
     * @throws IllegalStateException if no resolver was set
     * @throws IllegalArgumentException if the source client has an explicit proxy
     */
    public OkHttpClient build() {
      if (resolver == null) {
        throw new IllegalStateException("GuardedHttpClient needs a resolver: call resolver(...)");
      }
      OkHttpClient source = from != null ? from : new OkHttpClient();
      Proxy proxy = source.proxy();
      if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
        throw new IllegalArgumentException(
            "the source client uses proxy "
                + proxy
                + "; a proxy resolves the target itself and would bypass the private-link check."
                + " Remove the proxy (private proxies are not supported yet).");
      }
      GuardMetrics m = metrics != null ? metrics : new GuardMetrics();
      GuardInterceptor interceptor =
          new GuardInterceptor(
              allowedHosts,
              source.followRedirects(),
              source.followSslRedirects(),
              allowHttpsToHttpRedirects,
              m);
      return source
          .newBuilder()
          .dns(new GuardedDns(resolver, allowedHosts, m))
          .socketFactory(new GuardedSocketFactory(resolver, m))
          .proxy(Proxy.NO_PROXY)
          .proxySelector(NoProxySelector.INSTANCE)
          .followRedirects(false)
          .followSslRedirects(false)
          .addInterceptor(interceptor)
          .build();
    }
  }

  /** Answers "no proxy" for every URI, whatever the system properties say. */
  static final class NoProxySelector extends ProxySelector {
    static final NoProxySelector INSTANCE = new NoProxySelector();

    @Override
    public List<Proxy> select(URI uri) {
      return List.of(Proxy.NO_PROXY);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, java.io.IOException ioe) {}
  }
}
