package io.privatelink.hapi.internal;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import io.privatelink.core.PrivateLinkException;
import java.util.Objects;

/**
 * Applies a link policy to every request of one client, registered by {@code
 * PrivateLinkRestfulClientFactory} when it creates the client (so before any interceptor the app
 * registers, such as the token interceptor, which then sees the rewritten URL). A refused request
 * fails when HAPI executes it, before DNS, rather than by throwing in HAPI's interceptor chain.
 */
public final class LinkGuard implements IClientInterceptor {

  /** Where a link goes: the URL to request instead, or a refusal. */
  @FunctionalInterface
  public interface Rule {
    /** Returns the URL to request for {@code url}, or throws. */
    String apply(String url, String serverBase) throws PrivateLinkException;
  }

  private final String serverBase;
  private volatile Rule rule;

  /** Guards the requests of the client for {@code serverBase} with {@code rule}. */
  public LinkGuard(String serverBase, Rule rule) {
    this.serverBase = Objects.requireNonNull(serverBase, "serverBase");
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /** Replaces the rule (the builder's per-client policy). */
  public void rule(Rule rule) {
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  @Override
  public void interceptRequest(IHttpRequest request) {
    String url = request.getUri();
    try {
      String target = rule.apply(url, serverBase);
      if (!target.equals(url)) {
        request.setUri(target);
      }
    } catch (PrivateLinkException e) {
      if (!OkHttpFhirClient.refuseOnExecute(request, e)) {
        throw new FhirClientConnectionException(e.getMessage(), e);
      }
    }
  }

  @Override
  public void interceptResponse(IHttpResponse response) {
    // Nothing to do.
  }
}
