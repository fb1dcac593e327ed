package io.privatelink.hapi.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkException;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Applies a link policy to every request of one client, registered by {@code
 * PrivateLinkRestfulClientFactory} when it creates the client (generic or annotation), so before
 * any interceptor the app registers (the token interceptor then sees the rewritten URL). On this
 * transport's requests it also hands the rule to the request, which applies it again to the final
 * URL when it executes (after every interceptor). A refused request fails when HAPI executes it,
 * before DNS, rather than by throwing in HAPI's interceptor chain.
 *
 * <p>It hooks {@code CLIENT_REQUEST} only (HAPI calls each registered hook reflectively, on every
 * request, so a do-nothing response hook would cost every call).
 */
public final class LinkGuard {

  /** Where a link goes: the URL to request instead, or a refusal. */
  @FunctionalInterface
  public interface Rule {
    /** Returns the URL to request for {@code url} (itself or its rewrite), or throws. */
    String apply(String url) throws PrivateLinkException;
  }

  private final OkHttpClient transport;
  private volatile Rule rule;

  /**
   * Guards the requests of one client with {@code rule}; each refusal is recorded as a refusal of
   * {@code transport}'s guard (its metrics and its resolver's listener).
   */
  public LinkGuard(Rule rule, OkHttpClient transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.rule = recorded(rule);
  }

  /** Replaces the rule (the builder's per-client policy). */
  public void rule(Rule rule) {
    this.rule = recorded(rule);
  }

  /**
   * {@code rule}, recording each refusal. A request is refused once: either here before the app's
   * interceptors, or when it executes.
   */
  private Rule recorded(Rule rule) {
    Objects.requireNonNull(rule, "rule");
    return url -> {
      try {
        return rule.apply(url);
      } catch (PrivateLinkException e) {
        GuardedHttpClient.recordRefusal(transport, e);
        throw e;
      }
    };
  }

  /** Called by HAPI before each request of the client, before the app's interceptors. */
  @Hook(Pointcut.CLIENT_REQUEST)
  public void interceptRequest(IHttpRequest request) {
    Rule current = rule;
    String url = request.getUri();
    try {
      String target = current.apply(url);
      if (!target.equals(url)) {
        request.setUri(target);
      }
    } catch (PrivateLinkException e) {
      if (!OkHttpFhirClient.refuseOnExecute(request, e)) {
        throw new FhirClientConnectionException(e.getMessage(), e);
      }
      return;
    }
    if (request instanceof OkHttpFhirRequest okHttp) {
      okHttp.linkRule(current);
    }
  }
}
