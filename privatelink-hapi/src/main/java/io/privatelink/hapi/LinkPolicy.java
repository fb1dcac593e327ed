package io.privatelink.hapi;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.hapi.internal.LinkGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * What a guarded HAPI client does with URLs the server hands it to follow: {@code Bundle.link}
 * (next, previous, self), {@code Location} and {@code Content-Location} (async {@code $export}
 * polling), {@code Binary} and attachment URLs. HAPI follows them as given; behind a gateway a
 * server often returns its internal base in them (microsoft/fhir-server#3526), sending the client
 * to a host it was never configured for.
 *
 * <pre>{@code
 * IGenericClient client = PrivateLinkFhirClient.builder(ctx)
 *     .serverBase(gatewayBase)    // e.g. "https://fhir.example.nhs.uk/r4/", the gateway
 *     .resolver(resolver)
 *     .httpClient(httpClient)
 *     .linkPolicy(LinkPolicy.rewriteToBase(internalBase))  // e.g. "https://myfhir.azurehealthcareapis.com/"
 *     .build();
 * Bundle page = client.search().forResource(Patient.class).count(2).returnBundle(Bundle.class).execute();
 * Bundle next = client.loadPage().next(page).execute();   // through the gateway, not around it
 * }</pre>
 *
 * <ul>
 *   <li>{@link #sameOrigin()} (the default): a request to another scheme, host or port than the
 *       configured server base is refused before DNS, with a {@link PrivateLinkException} whose
 *       message says the link leaves the server and names the link and the base;
 *   <li>{@link #rewriteToBase(String...)}: links that start with one of the declared internal bases
 *       are rewritten onto the configured server base (paging works behind a gateway); any other
 *       link to another origin is refused as with {@code sameOrigin()};
 *   <li>{@link #anyVerified()}: links are followed wherever they lead, each host still verified by
 *       the guarded client (the behaviour before link policies existed).
 * </ul>
 *
 * <p>Applies to every request of a client made through a {@link PrivateLinkRestfulClientFactory},
 * generic ({@code ctx.newRestfulGenericClient(url)}) and annotation ({@code
 * ctx.newRestfulClient(IMyClient.class, url)}) clients alike: its requests are compared with the
 * base the client was created for. It is applied twice: before the app's interceptors (so a
 * rewritten link reaches, for example, {@link AzureTokenInterceptor} as the URL that will be
 * requested) and again on the final URL when the transport executes the request, so an interceptor
 * that changes the URL later cannot take the request off the server either. Set it per context with
 * {@link PrivateLinkRestfulClientFactory#setLinkPolicy(LinkPolicy)} or per client with {@link
 * PrivateLinkFhirClient.Builder#linkPolicy(LinkPolicy)}. Immutable.
 */
public final class LinkPolicy {

  private enum Mode {
    SAME_ORIGIN,
    REWRITE_TO_BASE,
    ANY_VERIFIED
  }

  private static final LinkPolicy SAME_ORIGIN = new LinkPolicy(Mode.SAME_ORIGIN, List.of());
  private static final LinkPolicy ANY_VERIFIED = new LinkPolicy(Mode.ANY_VERIFIED, List.of());

  private final Mode mode;
  private final List<HttpUrl> internalBases;

  private LinkPolicy(Mode mode, List<HttpUrl> internalBases) {
    this.mode = mode;
    this.internalBases = internalBases;
  }

  /**
   * Refuses, before DNS, any request to another scheme, host or port than the server base.
   *
   * @return the same-origin policy, the default
   */
  public static LinkPolicy sameOrigin() {
    return SAME_ORIGIN;
  }

  /**
   * Rewrites links that start with one of {@code internalBases} onto the configured server base;
   * other links to another origin are refused as with {@link #sameOrigin()}.
   *
   * @return a policy rewriting those bases
   * @param internalBases the bases the server puts in its links, e.g. {@code
   *     https://myfhir.azurehealthcareapis.com/}; http or https URLs
   * @throws IllegalArgumentException if none is given or one is not an http(s) URL
   */
  public static LinkPolicy rewriteToBase(String... internalBases) {
    if (internalBases.length == 0) {
      throw new IllegalArgumentException("rewriteToBase needs at least one internal base");
    }
    List<HttpUrl> bases = new ArrayList<>();
    for (String base : internalBases) {
      bases.add(withTrailingSlash(Objects.requireNonNull(base, "internal base"), "internal base"));
    }
    return new LinkPolicy(Mode.REWRITE_TO_BASE, List.copyOf(bases));
  }

  /**
   * Follows links wherever they lead; the guarded client still verifies every host.
   *
   * @return the policy that follows any link
   */
  public static LinkPolicy anyVerified() {
    return ANY_VERIFIED;
  }

  /**
   * This policy for the requests of a client of {@code serverBase}: returns the URL to request
   * instead of each URL (itself, or its rewrite), or throws if the policy refuses it. The base is
   * parsed once here; a URL that starts with it is on the server and costs one string comparison.
   *
   * @throws IllegalArgumentException if {@code serverBase} is not an http or https URL
   */
  LinkGuard.Rule ruleFor(String serverBase) {
    if (mode == Mode.ANY_VERIFIED) {
      return url -> url;
    }
    HttpUrl base = withTrailingSlash(serverBase, "server base");
    String prefix = base.toString();
    return url -> url.startsWith(prefix) ? url : apply(url, base);
  }

  /**
   * This policy as an OkHttp {@link Interceptor} for the requests of one server base, for code that
   * calls a FHIR or DICOMweb server with a (guarded) {@link OkHttpClient} directly and follows the
   * URLs it hands out. Each request, and each redirect hop the guard follows, is rewritten or
   * refused before DNS exactly as for a HAPI client; a refusal is the {@link PrivateLinkException}
   * the call throws.
   *
   * <pre>{@code
   * OkHttpClient forServer = guarded.newBuilder()
   *     .addInterceptor(LinkPolicy.sameOrigin().interceptor(serverBase))
   *     .build();
   * }</pre>
   *
   * <p>It is per server base, so derive one client per server from the app's shared guarded client,
   * as above ({@code newBuilder()} keeps the guard). For a guard by host alone, with no rewriting,
   * {@code GuardedHttpClient.builder().allowedHosts(...)} does the same before DNS.
   *
   * @return an interceptor to add to the client with {@code addInterceptor}
   * @param serverBase the base every request must stay on (or be rewritten onto)
   * @throws IllegalArgumentException if {@code serverBase} is not an http or https URL
   */
  public Interceptor interceptor(String serverBase) {
    LinkGuard.Rule rule = ruleFor(Objects.requireNonNull(serverBase, "serverBase"));
    return chain -> {
      Request request = chain.request();
      String url = request.url().toString();
      String target = rule.apply(url);
      return chain.proceed(target.equals(url) ? request : request.newBuilder().url(target).build());
    };
  }

  private String apply(String url, HttpUrl base) throws PrivateLinkException {
    HttpUrl link = HttpUrl.parse(url);
    if (link == null) {
      throw PrivateLinkException.linkLeavesServer(url, base.toString(), "");
    }
    if (mode == Mode.REWRITE_TO_BASE) {
      for (HttpUrl internal : internalBases) {
        if (sameOrigin(link, internal) && link.encodedPath().startsWith(internal.encodedPath())) {
          String rest = link.encodedPath().substring(internal.encodedPath().length());
          String query = link.encodedQuery();
          return base + rest + (query == null ? "" : "?" + query);
        }
      }
    }
    if (sameOrigin(link, base)) {
      return url;
    }
    throw PrivateLinkException.linkLeavesServer(
        url,
        base.toString(),
        mode == Mode.SAME_ORIGIN
            ? "Behind a gateway that leaves the server's own base in its links, use"
                + " LinkPolicy.rewriteToBase(internalBase); to follow links anywhere that verifies,"
                + " LinkPolicy.anyVerified()"
            : "It starts with none of the internal bases " + internalBases);
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  private static HttpUrl withTrailingSlash(String url, String what) {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException(what + " must be an http or https URL: " + url);
    }
    if (!parsed.encodedPath().endsWith("/")) {
      parsed = parsed.newBuilder().encodedPath(parsed.encodedPath() + "/").build();
    }
    return parsed.newBuilder().query(null).fragment(null).build();
  }

  @Override
  public String toString() {
    return switch (mode) {
      case SAME_ORIGIN -> "LinkPolicy.sameOrigin()";
      case ANY_VERIFIED -> "LinkPolicy.anyVerified()";
      case REWRITE_TO_BASE -> "LinkPolicy.rewriteToBase(" + internalBases + ")";
    };
  }
}
