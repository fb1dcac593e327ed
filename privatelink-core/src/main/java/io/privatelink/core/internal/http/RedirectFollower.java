package io.privatelink.core.internal.http;

import io.privatelink.core.ConnectionGuard;
import java.io.Closeable;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The redirect loop of a guarded transport whose own redirect handling is off (Apache HttpClient 4
 * and 5): each hop is decided by {@link RedirectRules} through {@link ConnectionGuard#redirect}, so
 * every transport follows the same hops with the same headers. A subclass supplies the library's
 * glue: sending a request, reading a response, building the next request. One instance serves one
 * call.
 *
 * @param <Q> the library's request type
 * @param <R> the library's response type
 */
public abstract class RedirectFollower<Q, R extends Closeable> {

  private final ConnectionGuard guard;

  /** Follows redirects checked by {@code guard}. */
  protected RedirectFollower(ConnectionGuard guard) {
    this.guard = guard;
  }

  /**
   * Sends {@code request} to {@code uri} and follows its redirects; returns the last response. A
   * redirect is handed to the caller unfollowed when {@link #redirectsEnabled()} is false or the
   * hop would resend a body that cannot be replayed.
   *
   * @throws IOException a refusal ({@code PrivateLinkException}) of the first host or of a hop, a
   *     refused redirect ({@link ProtocolException}), too many hops, or the transport's own failure
   */
  public final R follow(URI uri, Q request) throws IOException {
    guard.checkAllowedHost(uri.getHost());
    Q current = request;
    for (int hops = 0; ; hops++) {
      R response = execute(current);
      int status = status(response);
      String location = location(response);
      if (!RedirectRules.isRedirect(status) || location == null || !redirectsEnabled()) {
        return response;
      }
      ConnectionGuard.RedirectHop hop;
      try {
        hop = guard.redirect(uri, location, status, method(current));
      } catch (IOException e) {
        response.close();
        throw e;
      }
      if (hop.keepsBody() && !bodyReplayable(current)) {
        return response; // the body cannot be replayed: hand the redirect to the caller
      }
      consume(response);
      response.close(); // releases the connection for the next hop
      if (hops + 1 > RedirectRules.MAX_HOPS) {
        throw tooManyHops(hops + 1);
      }
      current = next(current, hop);
      uri = hop.target();
    }
  }

  /**
   * Whether a header of the request goes onto the next hop: credentials never cross origins, body
   * headers go when the body does, and {@code Host} and {@code Content-Length} are recomputed.
   *
   * @param dropBody whether the hop leaves the body behind
   */
  public static boolean carriesHeader(
      String name, ConnectionGuard.RedirectHop hop, boolean dropBody) {
    if (hop.dropsHeader(name)) {
      return false;
    }
    if (dropBody
        && (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Transfer-Encoding"))) {
      return false;
    }
    return !name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length");
  }

  /** Sends {@code request} (to the first target, or to the hop {@link #next} built it for). */
  protected abstract R execute(Q request) throws IOException;

  /** The response's status code. */
  protected abstract int status(R response);

  /** The response's {@code Location} header, or {@code null}. */
  protected abstract @Nullable String location(R response);

  /** The request's method. */
  protected abstract String method(Q request);

  /** Whether the request has no body or one that can be sent again. */
  protected abstract boolean bodyReplayable(Q request);

  /** Whether this call follows redirects at all (the request's config may turn them off). */
  protected abstract boolean redirectsEnabled();

  /** Reads what is left of a redirect response's body, quietly, so its connection is reusable. */
  protected abstract void consume(R response);

  /**
   * The request for {@code hop}: its method and target, the headers {@link #carriesHeader} keeps.
   */
  protected abstract Q next(Q current, ConnectionGuard.RedirectHop hop);

  /** The transport's own error for a request that took more than {@link RedirectRules#MAX_HOPS}. */
  protected abstract IOException tooManyHops(int hops);
}
