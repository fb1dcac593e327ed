package io.privatelink.hapi;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import com.azure.core.credential.TokenCredential;
import io.privatelink.azure.TokenRequestException;
import io.privatelink.azure.internal.TokenCache;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.ServiceEndpoint;
import io.privatelink.hapi.internal.OkHttpFhirClient;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;

/**
 * Adds {@code Authorization: Bearer <token>} from an Azure {@link TokenCredential} to requests for
 * the FHIR server's own host, and to no other.
 *
 * <pre>{@code
 * AzureTokenInterceptor tokens = AzureTokenInterceptor.builder()
 *     .credential(credential)         // e.g. new DefaultAzureCredentialBuilder().build()
 *     .serverBase(serverBase)         // e.g. "https://myfhir.azurehealthcareapis.com/"
 *     .resolver(resolver)             // the same resolver the guarded client uses
 *     .build();
 * client.registerInterceptor(tokens);
 * }</pre>
 *
 * <p><b>Which requests.</b> Only https requests whose host equals the server base's host (case does
 * not matter, nor does the port) get the header; any {@code Authorization} header a caller set is
 * replaced on those and removed from every other request, so a paging link or a reference to
 * another server never carries the token. (OkHttp itself drops the header when it follows a
 * redirect to another host.)
 *
 * <p><b>Scope.</b> By default the scope {@link ServiceEndpoint#tokenScope()} derives from the
 * server base ({@code https://{host}/.default} for Azure API for FHIR and AHDS FHIR, the DICOM
 * scope for DICOM hosts); set {@link Builder#scope(String)} for any other host.
 *
 * <p><b>Private first.</b> Before each token request the server host is verified with {@link
 * PrivateLinkResolver#resolve(String)} (cached by the resolver, so cheap); a host that does not
 * verify fails the request with a {@link FhirClientConnectionException} whose cause is the {@link
 * PrivateLinkException}, and Entra ID is never asked for a token. On the guarded transport ({@link
 * PrivateLinkRestfulClientFactory}) the request gets no token and the transport refuses it when
 * HAPI executes it, before any connection, so the caller sees exactly what the guarded client's own
 * refusal looks like and HAPI does not log an interceptor failure (an ERROR with a stack trace) per
 * request; on any other transport the interceptor throws.
 *
 * <p><b>Caching.</b> The same token cache as privatelink-azure's {@code EntraTokenInterceptor}. The
 * token is reused until {@link Builder#refreshBefore(Duration)} (default five minutes) before it
 * expires, or until the credential's own refresh time if that is earlier. Exactly one thread
 * fetches a new token; while a still valid token is being refreshed other threads keep using it,
 * and if the refresh fails they keep using it until it expires. Once it has expired, threads wait
 * for the one fetch in flight.
 *
 * <p><b>Failures.</b> When the credential fails (or returns nothing) the request fails with a
 * {@link FhirClientConnectionException} naming the scope and host, with the credential's exception
 * as cause; nothing is sent. A client-side failure to get a token is deliberately not HAPI's {@code
 * AuthenticationException}, which stands for a 401 answer from the server.
 *
 * <p>Thread-safe. Register one instance per server base.
 */
public final class AzureTokenInterceptor implements IClientInterceptor {

  private static final String AUTHORIZATION = "Authorization";

  private final String serverHost;
  private final TokenCache cache;

  private AzureTokenInterceptor(TokenCache cache) {
    this.serverHost = cache.host();
    this.cache = cache;
  }

  /**
   * Starts a builder; {@code credential}, {@code serverBase} and {@code resolver} are required,
   * {@code scope} only for hosts whose scope cannot be derived.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Called by HAPI before every request: sets the bearer token on requests for the server host and
   * strips {@code Authorization} from all others.
   *
   * @throws FhirClientConnectionException if the host does not verify as private or no token can be
   *     obtained; the request is then not sent
   */
  @Override
  public void interceptRequest(IHttpRequest request) {
    request.removeHeaders(AUTHORIZATION);
    HttpUrl url = HttpUrl.parse(request.getUri());
    if (url == null || !url.isHttps() || !serverHost.equalsIgnoreCase(url.host())) {
      return;
    }
    String bearer;
    try {
      bearer = currentToken();
    } catch (HostNotVerified e) {
      if (OkHttpFhirClient.refuseOnExecute(request, e.refusal)) {
        return; // no token; the transport refuses it before any byte (see the class comment)
      }
      throw e;
    }
    request.addHeader(AUTHORIZATION, "Bearer " + bearer);
  }

  /** The server host did not verify as private: no token for it. */
  private static final class HostNotVerified extends FhirClientConnectionException {
    private static final long serialVersionUID = 1L;
    private final transient UnknownHostException refusal;

    HostNotVerified(String message, UnknownHostException refusal) {
      super(message, refusal);
      this.refusal = refusal;
    }
  }

  /** Does nothing. */
  @Override
  public void interceptResponse(IHttpResponse response) {
    // Nothing to do: a 401 is HAPI's to report.
  }

  private String currentToken() {
    try {
      return cache.token();
    } catch (UnknownHostException e) {
      throw new HostNotVerified(
          "Not requesting an access token for "
              + serverHost
              + ": the host did not verify as private. "
              + e.getMessage(),
          e);
    } catch (TokenRequestException e) {
      throw new FhirClientConnectionException(e.getMessage(), e.getCause());
    }
  }

  /**
   * Builds an {@link AzureTokenInterceptor}.
   *
   * <p>Not thread-safe; build once and share the interceptor.
   */
  public static final class Builder {
    private final TokenCache.Builder tokens = new TokenCache.Builder("serverBase");

    private Builder() {}

    /**
     * The credential tokens come from, e.g. {@code DefaultAzureCredential}. Required.
     *
     * @param credential the credential; required
     * @return this builder
     */
    public Builder credential(TokenCredential credential) {
      tokens.credential(credential);
      return this;
    }

    /**
     * The FHIR server base URL, e.g. {@code https://myfhir.azurehealthcareapis.com/}. Required.
     *
     * @param serverBase the https server base; required
     * @return this builder
     */
    public Builder serverBase(String serverBase) {
      tokens.url(serverBase);
      return this;
    }

    /**
     * The scope to request, e.g. {@code https://myfhir.azurehealthcareapis.com/.default}. Default:
     * {@code ServiceEndpoint.parse(serverBase).tokenScope()}; required when that is empty.
     *
     * @param scope the scope
     * @return this builder
     */
    public Builder scope(String scope) {
      tokens.scope(scope);
      return this;
    }

    /**
     * How long before expiry a token is refreshed; default five minutes.
     *
     * @param refreshBefore the refresh margin; zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder refreshBefore(Duration refreshBefore) {
      if (refreshBefore.isNegative()) {
        throw new IllegalArgumentException("refreshBefore must not be negative: " + refreshBefore);
      }
      tokens.refreshBefore(refreshBefore);
      return this;
    }

    /**
     * The resolver that must verify the server host as private before each token request; use the
     * one the guarded client uses. Required.
     *
     * @param resolver the resolver; required
     * @return this builder
     */
    public Builder resolver(PrivateLinkResolver resolver) {
      tokens.resolver(resolver);
      return this;
    }

    /**
     * The check a host must pass before a token is requested for it (tests' seam for the resolver).
     */
    Builder verifier(HostVerifier verifier) {
      tokens.verifier(verifier::verify);
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
     *     server base and none was given
     * @throws IllegalArgumentException if the server base is not an https URL or is malformed, or
     *     the scope is not a URL
     */
    public AzureTokenInterceptor build() {
      return new AzureTokenInterceptor(tokens.build());
    }
  }
}
