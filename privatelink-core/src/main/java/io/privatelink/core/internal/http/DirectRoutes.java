package io.privatelink.core.internal.http;

/**
 * The guard's proxy rule for the Apache HttpClient transports: every route is direct, because a
 * proxy resolves the target itself, out of the guard's sight. A proxy a request names is refused
 * with this one message, never silently skipped.
 */
public final class DirectRoutes {

  private DirectRoutes() {}

  /** The message refusing {@code proxy}, named in a request's {@code RequestConfig}. */
  public static String proxyRefused(Object proxy) {
    return "refused proxy "
        + proxy
        + " in the request's RequestConfig: a proxy resolves the target itself and would"
        + " bypass the private-link check. Remove it.";
  }
}
