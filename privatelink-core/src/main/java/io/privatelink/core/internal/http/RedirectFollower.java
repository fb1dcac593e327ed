package io.privatelink.core.internal.http;

import io.privatelink.core.ConnectionGuard;
import io.privatelink.core.ConnectionGuard.RedirectHop;
import java.io.Closeable;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The redirect loop of a guarded transport whose own redirect handling is off (Apache HttpClient 4
 * and 5): each hop is decided by {@link RedirectRules} through {@link ConnectionGuard#redirect},
 * and what the next request keeps (method, body, headers) is decided here, so every transport
 * follows the same hops with the same headers. A subclass only adapts the library's types: sending
 * a request, reading a response ({@link Reply}), reading a request ({@link Body}) and building one.
 * One instance serves one call.
 *
 * @param <Q> the library's request type
 * @param <R> the library's response type
 */
public abstract class RedirectFollower<Q, R extends Closeable> {

  /**
   * What the loop reads of a response.
   *
   * @param status the status code
   * @param location the {@code Location} header, or {@code null}
   */
  public record Reply(int status, @Nullable String location) {}

  /** What the loop needs to know of a request's body. */
  public enum Body {
    /** No body. */
    NONE,
    /** A body that can be sent again. */
    REPLAYABLE,
    /** A body that can be sent only once (a stream). */
    ONE_SHOT;

    /**
     * The kind of {@code entity}.
     *
     * @param entity the library's body, or {@code null} for none
     * @param repeatable whether the library can send that body again
     * @param <E> the library's body type
     */
    public static <E> Body of(@Nullable E entity, Predicate<E> repeatable) {
      if (entity == null) {
        return NONE;
      }
      return repeatable.test(entity) ? REPLAYABLE : ONE_SHOT;
    }
  }

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
      Reply reply = reply(response);
      String location = reply.location();
      if (!RedirectRules.isRedirect(reply.status()) || location == null || !redirectsEnabled()) {
        return response;
      }
      RedirectHop hop;
      try {
        hop = guard.redirect(uri, location, reply.status(), method(current));
      } catch (IOException e) {
        response.close();
        throw e;
      }
      Body body = body(current);
      if (hop.keepsBody() && body == Body.ONE_SHOT) {
        return response; // the body cannot be replayed: hand the redirect to the caller
      }
      consume(response);
      response.close(); // releases the connection for the next hop
      if (hops + 1 > RedirectRules.MAX_HOPS) {
        throw tooManyHops(hops + 1);
      }
      boolean keepBody = hop.keepsBody() && body != Body.NONE;
      current = next(current, hop, keepBody, name -> carriesHeader(name, hop, keepBody));
      uri = hop.target();
    }
  }

  /**
   * Whether a header of the request goes onto the next hop: credentials never cross origins, body
   * headers go when the body does, and {@code Host} and {@code Content-Length} are recomputed.
   */
  private static boolean carriesHeader(String name, RedirectHop hop, boolean keepBody) {
    if (hop.dropsHeader(name)) {
      return false;
    }
    if (!keepBody
        && (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Transfer-Encoding"))) {
      return false;
    }
    return !name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length");
  }

  /** Sends {@code request} (to the first target, or to the hop {@link #next} built it for). */
  protected abstract R execute(Q request) throws IOException;

  /** The response's status and {@code Location}. */
  protected abstract Reply reply(R response);

  /** Reads what is left of a redirect response's body, quietly, so its connection is reusable. */
  protected abstract void consume(R response);

  /** The request's method. */
  protected abstract String method(Q request);

  /** The request's body: none, or whether it can be sent again. */
  protected abstract Body body(Q request);

  /** Whether this call follows redirects at all (the request's config may turn them off). */
  protected abstract boolean redirectsEnabled();

  /**
   * The request for {@code hop}: {@code hop.method()} to {@code hop.target()}, with the headers of
   * {@code current} that {@code carries} accepts, in order, and its body if {@code keepBody}; the
   * library's per-request settings are kept. Sending it must go to the hop's target.
   */
  protected abstract Q next(
      Q current, RedirectHop hop, boolean keepBody, Predicate<String> carries);

  /** The transport's own error for a request that took more than {@link RedirectRules#MAX_HOPS}. */
  protected abstract IOException tooManyHops(int hops);
}
