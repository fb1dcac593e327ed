package io.privatelink.core.internal.http;

import io.privatelink.core.ConnectionGuard.RedirectHop;
import java.net.ProtocolException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The guard's redirect rules, free of any HTTP library: whether a hop may be followed, with which
 * method, and which headers it loses. Every guarded transport (OkHttp, Apache HttpClient 4 and 5)
 * asks this class (through {@link io.privatelink.core.ConnectionGuard#redirect}), so the rules
 * cannot drift apart between them. Each hop is then resolved and checked by the transport's own DNS
 * and socket seams like the first request.
 */
public final class RedirectRules {

  /** Headers a hop to another origin (scheme, host or port) never carries. */
  public static final List<String> CROSS_ORIGIN_HEADERS =
      List.of("Authorization", "Cookie", "Proxy-Authorization");

  /** The most hops one request may take, as in OkHttp and browsers. */
  public static final int MAX_HOPS = 20;

  private RedirectRules() {}

  /** Whether {@code status} is a redirect the guard follows (300, 301, 302, 303, 307, 308). */
  public static boolean isRedirect(int status) {
    return switch (status) {
      case 300, 301, 302, 303, 307, 308 -> true;
      default -> false;
    };
  }

  /**
   * The hop from {@code from} to {@code location} (resolved against {@code from}) after a response
   * with {@code status}.
   *
   * @throws ProtocolException if the hop is an https-to-http downgrade and {@code allowDowngrade}
   *     is false, or the location is not an http(s) URL
   */
  public static RedirectHop next(
      URI from, String location, int status, String method, boolean allowDowngrade)
      throws ProtocolException {
    URI target;
    try {
      target = from.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(
          "refused redirect from " + redact(from) + ": malformed Location " + e.getMessage());
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || target.getHost() == null) {
      throw new ProtocolException(
          "refused redirect from " + redact(from) + ": Location is not an http(s) URL with a host");
    }
    if (isHttps(from) && !scheme.equals("https") && !allowDowngrade) {
      throw new ProtocolException(
          "refused redirect from "
              + redact(from)
              + " to "
              + redact(target)
              + ": an https-to-http downgrade would send the request in clear text");
    }
    boolean keepsMethod = status == 307 || status == 308;
    String nextMethod =
        keepsMethod || method.equals("GET") || method.equals("HEAD") ? method : "GET";
    return new RedirectHop(target, nextMethod, keepsMethod, !sameOrigin(from, target));
  }

  /** Whether two URLs share scheme, host (ignoring case) and effective port. */
  public static boolean sameOrigin(URI a, URI b) {
    return scheme(a).equals(scheme(b))
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  /** Whether {@code name} is one of the {@link #CROSS_ORIGIN_HEADERS} (ignoring case). */
  public static boolean isCrossOriginHeader(String name) {
    for (String h : CROSS_ORIGIN_HEADERS) {
      if (h.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHttps(URI uri) {
    return scheme(uri).equals("https");
  }

  private static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return isHttps(uri) ? 443 : 80;
  }

  /** The URL without user info, query and fragment, for messages (tokens hide in queries). */
  private static String redact(URI uri) {
    StringBuilder b = new StringBuilder().append(scheme(uri)).append("://").append(uri.getHost());
    if (uri.getPort() != -1) {
      b.append(':').append(uri.getPort());
    }
    return b.append(uri.getRawPath() == null ? "" : uri.getRawPath()).toString();
  }
}
