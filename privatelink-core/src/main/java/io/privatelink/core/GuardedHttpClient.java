package io.privatelink.core;

import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link OkHttpClient} whose every connection is proven private before it opens.
 *
 * <pre>{@code
 * OkHttpClient client = GuardedHttpClient.builder().resolver(resolver).from(yourClient).build();
 * try (Response response = client.newCall(new Request.Builder().url(serverBase + "health/check").build()).execute()) {
 *   System.out.println(response.code());
 * }
 * }</pre>
 *
 * <p>({@code resolver} is a {@link PrivateLinkResolver}, {@code yourClient} the {@code
 * OkHttpClient} whose settings you keep.) The result is a real {@code OkHttpClient}, guarded
 * through OkHttp's own seams:
 *
 * <ul>
 *   <li>{@code dns()}: the {@link PrivateLinkResolver}; only verified addresses are returned, so
 *       OkHttp connects to exactly what was checked. A refusal throws {@link PrivateLinkException}
 *       before any socket exists, and no other route is tried.
 *   <li>{@code socketFactory()}: re-checks the exact address at {@code connect()} against the
 *       {@link NetworkPolicy} (IP-literal URLs skip DNS in OkHttp; this catches them), and never
 *       goes through a SOCKS proxy.
 *   <li>{@code proxy()}: {@link Proxy#NO_PROXY}; {@code http(s).proxyHost}, {@code socksProxyHost}
 *       and {@code HTTPS_PROXY}-style settings are ignored (a proxy would resolve the target
 *       itself).
 *   <li>Redirects are followed by the guard, hop by hop: each hop is resolved and checked like the
 *       first, cross-origin hops lose {@code Authorization} and {@code Cookie}, and an
 *       https-to-http downgrade is refused.
 *   <li>Optionally, {@link Builder#allowedHosts} refuses any other host (even a private one) before
 *       DNS.
 * </ul>
 *
 * <p>Starting {@link Builder#from(OkHttpClient) from} your client keeps its timeouts, interceptors,
 * connection pool, dispatcher, TLS settings and event listener; only the pieces above are replaced.
 * Whether redirects are followed at all is taken from that client's {@code followRedirects()} and
 * {@code followSslRedirects()} (http-to-https) when the guard is built.
 *
 * <p>A client derived with {@code newBuilder()} keeps the whole guard, redirect rules included,
 * through any change of timeouts, pool, dispatcher, TLS settings (socket factory, trust manager,
 * hostname verifier, certificate pinner), cache, cookie jar, authenticator, event listener, retry
 * flag, added interceptors and network interceptors, and {@code followRedirects(...)} or {@code
 * followSslRedirects(...)}: OkHttp's own redirect following never runs (the guard hides each
 * redirect's {@code Location} from it), so a derived {@code followRedirects(true)} cannot bring
 * back https-to-http hops or cross-origin {@code Cookie}s, and a derived {@code
 * followRedirects(false)} does not stop the guard from following (build from a client with {@code
 * followRedirects(false)} for that). Interceptors you add on a derived client run inside the
 * guard's and see redirect responses with the {@code Location} moved to {@code
 * Privatelink-Held-Location}. The guard is gone if a derived client replaces {@code dns()}, {@code
 * socketFactory()}, {@code proxy()} or {@code proxySelector()}, or removes the guard's interceptors
 * ({@code interceptors().clear()}, {@code networkInterceptors().clear()}): do not.
 */
public final class GuardedHttpClient {

  private GuardedHttpClient() {}

  /**
   * The resolver that guards {@code client}, if {@code client} (or the client it was derived from)
   * was built here and still has the guard's {@code dns()}; empty for any other client. Adapters
   * use it to refuse a client that is already guarded by a different resolver.
   *
   * @param client any client
   * @return the guarding resolver; empty when {@code client} is not guarded by this library
   */
  public static Optional<PrivateLinkResolver> resolverOf(OkHttpClient client) {
    return client.dns() instanceof GuardedDns guarded
        ? Optional.of(guarded.resolver())
        : Optional.empty();
  }

  /**
   * Records a refusal that an adapter decided for a request of {@code client} before handing the
   * request to it (HAPI's {@code LinkPolicy} refusing a link that leaves the server) as a refusal
   * of {@code client}'s guard: it counts in the guard's {@link GuardMetrics#refusals()} and reaches
   * the resolver's {@link ResolutionListener}, so metrics see every refusal. A {@link
   * Verdict#LINK_LEAVES_SERVER} refusal thrown by an interceptor inside the guard (added to a
   * client derived with {@code newBuilder()}) is recorded by the guard itself. Does nothing for a
   * client not guarded here.
   *
   * @param client the client the request was for
   * @param refusal the refusal the adapter is about to throw
   */
  public static void recordRefusal(OkHttpClient client, PrivateLinkException refusal) {
    Objects.requireNonNull(refusal, "refusal");
    if (client.dns() instanceof GuardedDns guarded) {
      guarded.guard().refused(refusal);
    }
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
   * Builds a guarded {@link OkHttpClient}: the guard's settings are those of {@link
   * GuardedClientBuilder}, plus the client to start {@link #from}.
   */
  public static final class Builder extends GuardedClientBuilder<Builder> {
    private @Nullable OkHttpClient from;

    private Builder() {
      super("GuardedHttpClient");
    }

    /**
     * The client to start from; its settings are kept except what the guard owns. Default: a new
     * {@code OkHttpClient}.
     *
     * @param client the client whose pools, timeouts and interceptors to keep
     * @return this builder
     */
    public Builder from(OkHttpClient client) {
      this.from = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Builds the guarded client.
     *
     * @return a new guarded client; derive variants with {@code newBuilder()}, which keeps the
     *     guard
     * @throws IllegalStateException if no resolver was set
     * @throws IllegalArgumentException if the source client has an explicit proxy
     */
    public OkHttpClient build() {
      ConnectionGuard g = guard();
      OkHttpClient source = from != null ? from : new OkHttpClient();
      Proxy proxy = source.proxy();
      if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
        throw new IllegalArgumentException(
            "the source client uses proxy "
                + proxy
                + "; a proxy resolves the target itself and would bypass the private-link check."
                + " Remove the proxy (private proxies are not supported yet).");
      }
      OkHttpClient.Builder guarded =
          source
              .newBuilder()
              .dns(new GuardedDns(g))
              .socketFactory(g.socketFactory())
              .proxy(Proxy.NO_PROXY)
              .proxySelector(NoProxySelector.INSTANCE)
              // Reported as the source had them; OkHttp itself never follows (see HOLD).
              .followRedirects(source.followRedirects())
              .followSslRedirects(source.followSslRedirects())
              .addInterceptor(
                  new GuardInterceptor(g, source.followRedirects(), source.followSslRedirects()));
      // Outermost network interceptor, so the app's own network interceptors see the real Location.
      guarded.networkInterceptors().add(0, GuardInterceptor.HOLD);
      return guarded.build();
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
