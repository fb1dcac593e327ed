package io.privatelink.azure.internal;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.privatelink.azure.TokenRequestException;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.ServiceEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Entra ID token cache behind every token interceptor of this project (OkHttp's {@code
 * EntraTokenInterceptor}, HAPI's {@code AzureTokenInterceptor}): one scope, one host.
 *
 * <p><b>Private first.</b> Before each token request the host is verified; a host that does not
 * verify gets no credential call, and a host that stops verifying gets no refreshed token.
 *
 * <p><b>Caching.</b> The token is reused until {@code refreshBefore} before it expires, or until
 * the credential's own refresh time if that is earlier. Exactly one thread fetches a new token;
 * while a still valid token is being refreshed other threads keep using it, and if the refresh
 * fails they keep using it until it expires. Once it has expired, threads wait for the one fetch in
 * flight.
 *
 * <p>Thread-safe. Not part of the public API: use the interceptors.
 */
public final class TokenCache {

  /** Proves a host private before a token is requested for it; throws otherwise. */
  @FunctionalInterface
  public interface HostVerifier {
    /**
     * Returns normally only if {@code host} verified as private.
     *
     * @throws UnknownHostException (in practice core's {@code PrivateLinkException}) otherwise
     */
    void verify(String host) throws UnknownHostException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);

  private final TokenCredential credential;
  private final String host;
  private final String scope;
  private final HostVerifier verifier;
  private final Duration refreshBefore;
  private final Clock clock;
  private final ReentrantLock refreshLock = new ReentrantLock();
  private volatile @Nullable AccessToken token;

  /**
   * A cache for tokens of {@code scope}, sent to {@code host}; the rest is checked by {@link
   * Builder}, its only caller.
   *
   * @throws IllegalArgumentException if the scope is not a URL ({@code https://.../.default} or
   *     {@code api://.../.default}) or {@code refreshBefore} is negative
   */
  private TokenCache(
      TokenCredential credential,
      String host,
      String scope,
      HostVerifier verifier,
      Duration refreshBefore,
      Clock clock) {
    this.scope = requireUrlScope(scope);
    if (refreshBefore.isNegative()) {
      throw new IllegalArgumentException("refreshBefore must not be negative: " + refreshBefore);
    }
    this.credential = credential;
    this.host = host;
    this.verifier = verifier;
    this.refreshBefore = refreshBefore;
    this.clock = clock;
  }

  /** Checks that a scope is a URL, as every Entra ID data-plane scope is. */
  private static String requireUrlScope(String scope) {
    Objects.requireNonNull(scope, "scope");
    try {
      URI uri = new URI(scope);
      if (uri.isAbsolute()
          && ("https".equals(uri.getScheme()) || "api".equals(uri.getScheme()))
          && uri.getAuthority() != null) {
        return scope;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "scope '"
            + scope
            + "' is not a URL; an Entra ID data-plane scope looks like"
            + " https://myfhir.azurehealthcareapis.com/.default or"
            + " https://dicom.healthcareapis.azure.com/.default");
  }

  /** The scope tokens are requested for. */
  public String scope() {
    return scope;
  }

  /** The one host tokens are sent to. */
  public String host() {
    return host;
  }

  /**
   * Returns normally only if the host verifies as private now (a cache hit of the resolver after
   * the first).
   *
   * @throws UnknownHostException (in practice core's {@code PrivateLinkException}) otherwise
   */
  public void verifyHost() throws UnknownHostException {
    verifier.verify(host);
  }

  /**
   * A valid token, fetched or refreshed as needed.
   *
   * @throws UnknownHostException if the host did not verify as private when a token had to be
   *     requested (no credential call was made)
   * @throws TokenRequestException if the credential failed or returned nothing
   */
  public String token() throws UnknownHostException, TokenRequestException {
    AccessToken current = token;
    Instant now = clock.instant();
    if (current != null && now.isBefore(refreshAt(current))) {
      return current.getToken();
    }
    if (current != null && isValid(current, now)) {
      // In the refresh window: one thread refreshes, the others keep using the valid token.
      if (!refreshLock.tryLock()) {
        return current.getToken();
      }
      try {
        return refreshOrKeep(current);
      } finally {
        refreshLock.unlock();
      }
    }
    refreshLock.lock();
    try {
      AccessToken latest = token;
      if (latest != null && isValid(latest, clock.instant())) {
        return latest.getToken();
      }
      verifier.verify(host);
      return fetchVerified().getToken();
    } finally {
      refreshLock.unlock();
    }
  }

  // Caller holds refreshLock.
  private String refreshOrKeep(AccessToken current)
      throws UnknownHostException, TokenRequestException {
    AccessToken latest = token;
    if (latest != null && latest != current && clock.instant().isBefore(refreshAt(latest))) {
      return latest.getToken(); // another thread refreshed meanwhile
    }
    verifier.verify(host); // a host that stopped verifying gets no token at all, old or new
    try {
      return fetchVerified().getToken();
    } catch (TokenRequestException e) {
      if (!isValid(current, clock.instant())) {
        throw e;
      }
      LOG.warn(
          "Refreshing the access token for {} failed; using the current one until it expires at {}",
          host,
          current.getExpiresAt(),
          e);
      return current.getToken();
    }
  }

  // Caller holds refreshLock and has verified the host.
  private AccessToken fetchVerified() throws TokenRequestException {
    AccessToken fresh;
    try {
      fresh = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
    } catch (RuntimeException e) {
      throw failure(e.toString(), e);
    }
    if (fresh == null || fresh.getToken() == null || fresh.getExpiresAt() == null) {
      throw failure("the credential returned no token", null);
    }
    LOG.debug(
        "Got an access token for {} (scope {}), expires at {}", host, scope, fresh.getExpiresAt());
    token = fresh;
    return fresh;
  }

  private TokenRequestException failure(String why, @Nullable Throwable cause) {
    return new TokenRequestException(
        "Could not get an access token for scope "
            + scope
            + " from "
            + credential.getClass().getSimpleName()
            + " (Microsoft Entra ID); no request was sent to "
            + host
            + ": "
            + why,
        cause);
  }

  private Instant refreshAt(AccessToken t) {
    Instant at = t.getExpiresAt().toInstant().minus(refreshBefore);
    if (t.getRefreshAt() != null && t.getRefreshAt().toInstant().isBefore(at)) {
      at = t.getRefreshAt().toInstant();
    }
    return at;
  }

  private static boolean isValid(AccessToken t, Instant now) {
    return now.isBefore(t.getExpiresAt().toInstant());
  }

  /**
   * What a token interceptor's builder takes, checked in one place: each public builder keeps its
   * own typed, documented methods and delegates here. Not thread-safe.
   */
  public static final class Builder {
    private final String urlSetting;
    private @Nullable TokenCredential credential;
    private @Nullable String url;
    private @Nullable String scope;
    private @Nullable HostVerifier verifier;
    private Duration refreshBefore = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();

    /**
     * A builder for the interceptor whose URL setter is named {@code urlSetting} (e.g. {@code
     * serviceUrl}), as its error messages say.
     */
    public Builder(String urlSetting) {
      this.urlSetting = urlSetting;
    }

    /** See the interceptors' {@code credential}. */
    public void credential(TokenCredential credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
    }

    /**
     * The service URL tokens are for: see the interceptors' {@code serviceUrl}/{@code serverBase}.
     */
    public void url(String url) {
      this.url = Objects.requireNonNull(url, urlSetting);
    }

    /** See the interceptors' {@code scope}. */
    public void scope(String scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
    }

    /** See the interceptors' {@code resolver}. */
    public void resolver(PrivateLinkResolver resolver) {
      Objects.requireNonNull(resolver, "resolver");
      this.verifier = resolver::resolve;
    }

    /** Tests' seam for {@link #resolver}. */
    public void verifier(HostVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** See the interceptors' {@code refreshBefore}; checked at {@link #build}. */
    public void refreshBefore(Duration refreshBefore) {
      this.refreshBefore = Objects.requireNonNull(refreshBefore, "refreshBefore");
    }

    /** The clock expiry is judged by; for tests. */
    public void clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The cache for the URL's host and the scope set or derived from the URL.
     *
     * @throws IllegalStateException if the credential, URL or resolver is missing, or no scope is
     *     known for the URL and none was given
     * @throws IllegalArgumentException if the URL is not https or malformed, the scope is not a
     *     URL, or {@code refreshBefore} is negative
     */
    public TokenCache build() {
      if (credential == null) {
        throw new IllegalStateException("credential(TokenCredential) is required");
      }
      if (url == null) {
        throw new IllegalStateException(urlSetting + "(String) is required");
      }
      if (verifier == null) {
        throw new IllegalStateException(
            "resolver(PrivateLinkResolver) is required: the host must verify as private before a"
                + " token is requested");
      }
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null || !parsed.isHttps()) {
        throw new IllegalArgumentException(
            urlSetting
                + " must be an https URL (a bearer token is never sent in clear text): "
                + url);
      }
      ServiceEndpoint endpoint;
      try {
        endpoint = ServiceEndpoint.parse(url);
      } catch (PrivateLinkException e) {
        throw new IllegalArgumentException(urlSetting + " is malformed: " + e.getMessage(), e);
      }
      String serviceUrl = url;
      String effectiveScope =
          scope != null
              ? scope
              : endpoint
                  .tokenScope()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "no token scope is known for "
                                  + serviceUrl
                                  + " (not an Azure FHIR or DICOM host): set scope(String)"));
      return new TokenCache(
          credential, endpoint.host(), effectiveScope, verifier, refreshBefore, clock);
    }
  }
}
