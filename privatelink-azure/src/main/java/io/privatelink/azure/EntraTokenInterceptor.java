package io.privatelink.azure;

import com.azure.core.credential.TokenCredential;
import io.privatelink.azure.internal.TokenCache;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.ServiceEndpoint;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds {@code Authorization: Bearer <token>} from Microsoft Entra ID to OkHttp requests for one
 * service host, after that host verified as private, and to no other request: DICOMweb and any
 * other REST call without an Azure SDK. With {@code resolver}, {@code credential} and your {@code
 * okHttpClient}:
 *
 * <pre>{@code
 * EntraTokenInterceptor tokens = EntraTokenInterceptor.builder()
 *     .credential(credential)
 *     .serviceUrl("https://ws-dicom.dicom.azurehealthcareapis.com/")   // scope: the DICOM audience
 *     .resolver(resolver)
 *     .build();
 * OkHttpClient dicom = GuardedHttpClient.builder().resolver(resolver)
 *     .from(okHttpClient.newBuilder().addInterceptor(tokens).build())
 *     .build();
 * }</pre>
 *
 * <p><b>Which requests.</b> Only https requests whose host equals the service host (port and case
 * ignored) get the header; an {@code Authorization} a caller set is replaced on those and removed
 * from every other request. Add it as an application interceptor of a client guarded by {@link
 * io.privatelink.core.GuardedHttpClient}: the guard follows redirects itself, inside, and drops the
 * header on cross-origin hops.
 *
 * <p><b>Verify, then token.</b> Every request for the service host first verifies the host with the
 * resolver (a cache hit after the first); a host that does not verify fails the call with the
 * {@link PrivateLinkException} before any credential call, and nothing is sent.
 *
 * <p><b>Scope.</b> From {@link ServiceEndpoint#tokenScope()} of the service URL ({@code
 * https://{host}/.default} for FHIR, {@code https://dicom.healthcareapis.azure.com/.default} for
 * DICOM), or {@link Builder#scope(String)}.
 *
 * <p><b>Caching.</b> One token per interceptor, refreshed {@link Builder#refreshBefore(Duration)}
 * (default five minutes) before it expires by exactly one thread, while the others keep using the
 * valid one. The same cache serves HAPI's {@code AzureTokenInterceptor}.
 *
 * <p><b>Failures.</b> A credential failure fails the call with {@link TokenRequestException} (an
 * {@code IOException}, as OkHttp requires), the credential's exception as cause.
 *
 * <p>Called by OkHttp on the calling thread (or the dispatcher's for async calls). Thread-safe.
 */
public final class EntraTokenInterceptor implements Interceptor {

  private static final String AUTHORIZATION = "Authorization";

  private final TokenCache cache;

  private EntraTokenInterceptor(TokenCache cache) {
    this.cache = cache;
  }

  /**
   * A new builder; {@code credential}, {@code serviceUrl} and {@code resolver} are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The scope tokens are requested for.
   *
   * @return the scope, given to the builder or derived from the service URL
   */
  public String scope() {
    return cache.scope();
  }

  /**
   * Sets the token on requests for the service host, strips {@code Authorization} from all others.
   *
   * @throws PrivateLinkException if the service host does not verify as private (nothing sent)
   * @throws TokenRequestException if no token could be obtained (nothing sent)
   */
  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpUrl url = request.url();
    Request.Builder out = request.newBuilder().removeHeader(AUTHORIZATION);
    if (url.isHttps() && cache.host().equalsIgnoreCase(url.host())) {
      cache.verifyHost();
      out.header(AUTHORIZATION, "Bearer " + cache.token());
    }
    return chain.proceed(out.build());
  }

  /** Builds an {@link EntraTokenInterceptor}. Not thread-safe; build once and share. */
  public static final class Builder {
    private final TokenCache.Builder tokens = new TokenCache.Builder("serviceUrl");

    private Builder() {}

    /**
     * Where tokens come from, e.g. {@code DefaultAzureCredential}. Required.
     *
     * @param credential the credential; required
     * @return this builder
     */
    public Builder credential(TokenCredential credential) {
      tokens.credential(credential);
      return this;
    }

    /**
     * The service URL, e.g. {@code https://ws-dicom.dicom.azurehealthcareapis.com/}. Required.
     *
     * @param serviceUrl the https URL of the service whose host must verify before a token is asked
     *     for
     * @return this builder
     */
    public Builder serviceUrl(String serviceUrl) {
      tokens.url(serviceUrl);
      return this;
    }

    /**
     * The scope, a URL such as {@code https://myapi.example/.default}; default: from the URL.
     *
     * @param scope the scope, e.g. {@code https://myapi.example/.default}
     * @return this builder
     */
    public Builder scope(String scope) {
      tokens.scope(scope);
      return this;
    }

    /**
     * The resolver the service host must verify with; use the guarded client's. Required.
     *
     * @param resolver the resolver; required
     * @return this builder
     */
    public Builder resolver(PrivateLinkResolver resolver) {
      tokens.resolver(resolver);
      return this;
    }

    /**
     * How long before expiry a token is refreshed; default five minutes.
     *
     * @param refreshBefore the refresh margin; zero or more (checked by {@link #build()})
     * @return this builder
     */
    public Builder refreshBefore(Duration refreshBefore) {
      tokens.refreshBefore(refreshBefore);
      return this;
    }

    /** Tests' seam for the resolver. */
    Builder verifier(TokenCache.HostVerifier verifier) {
      tokens.verifier(verifier);
      return this;
    }

    /** The clock expiry is judged by; for tests. */
    Builder clock(Clock clock) {
      tokens.clock(clock);
      return this;
    }

    /**
     * Builds the interceptor.
     *
     * @return a new interceptor, with its own token cache
     * @throws IllegalStateException if a required setting is missing, or no scope is known for the
     *     URL and none was given
     * @throws IllegalArgumentException if the service URL is not https or malformed, the scope is
     *     not a URL, or {@code refreshBefore} is negative
     */
    public EntraTokenInterceptor build() {
      return new EntraTokenInterceptor(tokens.build());
    }
  }
}
