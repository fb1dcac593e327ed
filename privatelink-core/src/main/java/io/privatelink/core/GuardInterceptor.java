package io.privatelink.core;

import io.privatelink.core.internal.host.HostNames;
import io.privatelink.core.internal.http.RedirectRules;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The guarded client's innermost application interceptor: refuses hosts outside the allowlist
 * before any DNS query, and follows redirects itself by the {@link RedirectRules} (downgrade
 * refused, cross-origin hops lose credentials), so that every hop is decided before it connects.
 * Each hop still goes through the guarded {@code Dns} and socket factory.
 *
 * <p>OkHttp's own following cannot take over, whatever a derived client's {@code followRedirects}
 * and {@code followSslRedirects} say: {@link #HOLD} (a network interceptor) moves each redirect's
 * {@code Location} aside before OkHttp's follow-up logic sees the response, and this interceptor
 * puts it back.
 */
final class GuardInterceptor implements Interceptor {
  /** Where {@link #HOLD} parks a redirect's Location on its way up to this interceptor. */
  static final String HELD_LOCATION = "Privatelink-Held-Location";

  /**
   * A network interceptor that hides redirect targets from OkHttp's own follow-up (which would
   * follow with OkHttp's rules: https-to-http allowed, {@code Cookie} kept cross-origin).
   */
  static final Interceptor HOLD =
      chain -> {
        Response response = chain.proceed(chain.request());
        String location = response.header("Location");
        if (location == null || !RedirectRules.isRedirect(response.code())) {
          return response;
        }
        return response
            .newBuilder()
            .removeHeader("Location")
            .header(HELD_LOCATION, location)
            .build();
      };

  private final ConnectionGuard guard;
  private final boolean followRedirects;
  private final boolean followSslRedirects;

  GuardInterceptor(ConnectionGuard guard, boolean followRedirects, boolean followSslRedirects) {
    this.guard = guard;
    this.followRedirects = followRedirects;
    this.followSslRedirects = followSslRedirects;
  }

  static void checkAllowed(String host, Set<String> allowedHosts, GuardMetrics metrics)
      throws PrivateLinkException {
    if (allowedHosts.contains(host)) {
      return; // the set holds canonical names only, so an exact hit needs no intake
    }
    String canonical;
    try {
      canonical = HostNames.canonicalHost(host).name();
    } catch (IllegalArgumentException e) {
      metrics.refusal();
      throw new PrivateLinkException(
          Resolution.rejected(HostNames.printable(host), e.getMessage()));
    }
    if (!allowedHosts.contains(canonical)) {
      metrics.refusal();
      throw new PrivateLinkException(
          Resolution.notAllowed(
              canonical,
              "not in the client's allowed hosts "
                  + allowedHosts
                  + "; refused before any DNS query"));
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    guard.checkAllowedHost(request.url().host());
    WatchdogPacer.callStarting();
    for (int hops = 0; ; hops++) {
      Response response;
      try {
        response = restoreLocation(chain.proceed(request));
      } catch (PrivateLinkException e) {
        if (e.verdict() == Verdict.LINK_LEAVES_SERVER) {
          // A link policy's interceptor inside this guard refused, before any DNS: count it here.
          guard.refused(e);
        }
        throw e;
      }
      Request next = followUp(request, response);
      if (next == null) {
        return response;
      }
      response.close();
      if (hops + 1 > RedirectRules.MAX_HOPS) {
        throw new ProtocolException("Too many follow-up requests: " + (hops + 1));
      }
      request = next;
    }
  }

  private static Response restoreLocation(Response response) {
    String held = response.header(HELD_LOCATION);
    if (held == null) {
      return response;
    }
    return response.newBuilder().removeHeader(HELD_LOCATION).header("Location", held).build();
  }

  /** The next hop, or null when the response is final. Throws when a hop must be refused. */
  private @Nullable Request followUp(Request request, Response response) throws IOException {
    if (!followRedirects || !RedirectRules.isRedirect(response.code())) {
      return null;
    }
    String location = response.header("Location");
    if (location == null) {
      return null;
    }
    HttpUrl url = request.url().resolve(location);
    if (url == null) {
      return null; // not an http(s) URL: hand the redirect to the caller, as OkHttp does
    }
    ConnectionGuard.RedirectHop hop;
    try {
      hop = guard.redirect(request.url().uri(), url.toString(), response.code(), request.method());
    } catch (IOException e) {
      response.close();
      throw e;
    }
    if (!url.scheme().equals(request.url().scheme()) && !followSslRedirects) {
      return null;
    }
    Request.Builder next = request.newBuilder().url(url);
    if (!hop.method().equals(request.method())) {
      next.method(hop.method(), null);
      next.removeHeader("Transfer-Encoding");
      next.removeHeader("Content-Length");
      next.removeHeader("Content-Type");
    } else if (hop.keepsBody()) {
      RequestBody body = request.body();
      if (body != null && body.isOneShot()) {
        return null; // the body cannot be replayed: hand the redirect to the caller
      }
    }
    if (hop.crossOrigin()) {
      RedirectRules.CROSS_ORIGIN_HEADERS.forEach(next::removeHeader);
    }
    return next.build();
  }
}
