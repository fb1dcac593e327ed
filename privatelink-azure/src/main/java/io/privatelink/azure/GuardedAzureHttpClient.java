package io.privatelink.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.util.Configuration;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkResolver;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Builds an azure-core {@link HttpClient} whose every connection is proven private before it opens,
 * for any Azure SDK client builder's {@code httpClient(...)}. With {@code resolver}, your {@code
 * okHttpClient} (optional), a {@code credential} and a blob's {@code blobUrl}:
 *
 * <pre>{@code
 * HttpClient guarded = GuardedAzureHttpClient.builder().resolver(resolver).from(okHttpClient).build();
 * BlobClient blob = new BlobClientBuilder()
 *     .endpoint(blobUrl)
 *     .credential(credential)
 *     .httpClient(guarded)
 *     .addPolicy(new HostVerificationPolicy(resolver))   // no token for a host that does not verify
 *     .buildClient();
 * }</pre>
 *
 * <p>It is azure-core's own OkHttp client ({@code azure-core-http-okhttp}) over a {@link
 * GuardedHttpClient}, so it has the same guarantees: verified DNS, a connect-time address check,
 * redirects verified hop by hop (followed by the guard, inside the client), no retry over another
 * route. A refused call fails with an exception whose cause chain holds the {@link
 * io.privatelink.core.PrivateLinkException} ({@code PrivateLinkException.find(e)}); it is logged
 * once per host per interval at WARN by the resolver, not at ERROR per call by azure-core.
 *
 * <p><b>No proxy, whatever the environment says.</b> azure-core reads {@code https.proxyHost},
 * {@code HTTPS_PROXY}/{@code NO_PROXY} (with {@code java.net.useSystemProxies=true}) and its own
 * configuration by itself; a proxy resolves the target itself and would bypass the check. This
 * client reads no azure-core configuration and never uses a proxy.
 *
 * <p>Starting {@link Builder#from(OkHttpClient) from} your OkHttp client keeps its timeouts,
 * interceptors, pool, dispatcher and TLS settings (azure-core's defaults otherwise).
 */
public final class GuardedAzureHttpClient {

  private GuardedAzureHttpClient() {}

  /**
   * A new builder. {@link Builder#resolver} is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a guarded azure-core {@link HttpClient}. Not thread-safe; build once and share. */
  public static final class Builder {
    private @Nullable PrivateLinkResolver resolver;
    private @Nullable OkHttpClient from;

    private Builder() {}

    /**
     * The resolver that verifies every host. Required.
     *
     * @param resolver the resolver; required
     * @return this builder
     */
    public Builder resolver(PrivateLinkResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * The OkHttp client to start from (timeouts, interceptors, pool, TLS). Optional; it may already
     * be guarded, by the same resolver.
     *
     * @param client the client whose settings to keep
     * @return this builder
     */
    public Builder from(OkHttpClient client) {
      this.from = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return an Azure SDK {@code HttpClient} whose every connection is verified
     * @throws IllegalStateException if no resolver was set
     * @throws IllegalArgumentException if the source client has an explicit proxy, or is already
     *     guarded by a different resolver
     */
    public HttpClient build() {
      if (resolver == null) {
        throw new IllegalStateException(
            "GuardedAzureHttpClient needs a resolver: call resolver(PrivateLinkResolver)");
      }
      OkHttpClient guarded =
          QuietRefusalHttpClient.withQuietRefusals(
              guard(from != null ? from : new OkHttpClient(), resolver));
      HttpClient azure =
          new OkHttpAsyncHttpClientBuilder(guarded)
              // Configuration.NONE: azure-core must not install a proxy selector from the
              // environment.
              .configuration(Configuration.NONE)
              // azure-core would replace these with its defaults; keep the caller's.
              .connectionTimeout(Duration.ofMillis(guarded.connectTimeoutMillis()))
              .readTimeout(Duration.ofMillis(guarded.readTimeoutMillis()))
              .writeTimeout(Duration.ofMillis(guarded.writeTimeoutMillis()))
              .callTimeout(Duration.ofMillis(guarded.callTimeoutMillis()))
              .build();
      // azure-core's sendSync logs each failed call at ERROR: refusals pass it unlogged.
      return new QuietRefusalHttpClient(azure);
    }

    private static OkHttpClient guard(OkHttpClient source, PrivateLinkResolver resolver) {
      Optional<PrivateLinkResolver> existing = GuardedHttpClient.resolverOf(source);
      if (existing.isPresent()) {
        if (existing.get() != resolver) {
          throw new IllegalArgumentException(
              "the source client is already guarded by another PrivateLinkResolver ("
                  + existing.get()
                  + "); pass the same resolver to resolver(...), or start from an unguarded client");
        }
        return source; // already guarded by this resolver: guarding twice would add nothing
      }
      return GuardedHttpClient.builder().resolver(resolver).from(source).build();
    }
  }
}
