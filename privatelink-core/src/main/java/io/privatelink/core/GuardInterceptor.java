package io.privatelink.core;

import io.privatelink.core.internal.host.HostNames;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The guarded client's innermost application interceptor: refuses hosts outside the allowlist
 * before any DNS query, and follows redirects itself (OkHttp's own following is switched off) so
 * that every hop is checked before it connects, cross-origin hops lose credentials, and an
 * https-to-http downgrade is refused. Each hop still goes through the guarded {@code Dns} and socket
 * factory.
 */
final class GuardInterceptor implements Interceptor {
  static final String NOT_ALLOWED = "not in the client's allowed hosts";
  private static final int MAX_FOLLOW_UPS = 20;

  private final Set<String> allowedHosts;
  private final boolean followRedirects;
  private final boolean followSslRedirects;
  private final boolean allowDowngrade;
  private final GuardMetrics metrics;

  GuardInterceptor(
      Set<String> allowedHosts,
      boolean followRedirects,
      boolean followSslRedirects,
      boolean allowDowngrade,
      GuardMetrics metrics) {
    this.allowedHosts = allowedHosts;
    this.followRedirects = followRedirects;
    this.followSslRedirects = followSslRedirects;
    this.allowDowngrade = allowDowngrade;
    this.metrics = metrics;
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
      throw new PrivateLinkException(Resolution.rejected(HostNames.printable(host), e.getMessage()));
    }
    if (!allowedHosts.contains(canonical)) {
      metrics.refusal();
      throw new PrivateLinkException(
          Resolution.rejected(
              canonical, NOT_ALLOWED + " " + allowedHosts + "; refused before any DNS query"));
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (allowedHosts != null) {
      checkAllowed(request.url().host(), allowedHosts, metrics);
    }
    for (int followUps = 0; ; followUps++) {
      Response response = chain.proceed(request);
      Request next = followUp(request, response);
      if (next == null) {
        return response;
      }
      response.close();
      if (followUps + 1 > MAX_FOLLOW_UPS) {
        throw new ProtocolException("Too many follow-up requests: " + (followUps + 1));
      }
      request = next;
    }
  }

  /** The next hop, or null when the response is final. Throws when a hop must be refused. */
  private Request followUp(Request request, Response response) throws IOException {
    if (!followRedirects) {
      return null;
    }
    int code = response.code();
    if (code != 300 && code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
      return null;
    }
    String location = response.header("Location");
    if (location == null) {
      return null;
    }
    HttpUrl url = request.url().resolve(location);
    if (url == null) {
      return null;
    }
    boolean downgrade = request.url().isHttps() && !url.isHttps();
    if (downgrade && !allowDowngrade) {
      response.close();
      metrics.refusedRedirect();
      throw new ProtocolException(
          "refused redirect from "
              + request.url().redact()
              + " to "
              + url.redact()
              + ": an https-to-http downgrade would send the request in clear text");
    }
    if (!url.scheme().equals(request.url().scheme()) && !followSslRedirects) {
      return null;
    }
    if (allowedHosts != null) {
      try {
        checkAllowed(url.host(), allowedHosts, metrics);
      } catch (PrivateLinkException e) {
        response.close();
        metrics.refusedRedirect();
        throw e;
      }
    }
    Request.Builder next = request.newBuilder().url(url);
    String method = request.method();
    boolean keepsMethod = code == 307 || code == 308;
    if (!keepsMethod && !method.equals("GET") && !method.equals("HEAD")) {
      // As browsers and OkHttp do: 301/302/303 turn a request with a body into a GET.
      next.method("GET", null);
      next.removeHeader("Transfer-Encoding");
      next.removeHeader("Content-Length");
      next.removeHeader("Content-Type");
    } else if (keepsMethod) {
      RequestBody body = request.body();
      if (body != null && body.isOneShot()) {
        return null; // the body cannot be replayed: hand the redirect to the caller
      }
    }
    if (!sameOrigin(request.url(), url)) {
      next.removeHeader("Authorization");
      next.removeHeader("Cookie");
      next.removeHeader("Proxy-Authorization");
    }
    return next.build();
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }
}
