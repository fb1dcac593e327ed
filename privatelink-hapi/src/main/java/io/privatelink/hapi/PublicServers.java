package io.privatelink.hapi;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.ServiceEndpoint;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * FHIR servers an application deliberately reaches over the public internet (a terminology server,
 * a national API) on the same {@code FhirContext} as its private one. A {@link
 * PrivateLinkRestfulClientFactory} sends https requests for exactly these host names through a
 * plain client, and every other request through the guarded one.
 *
 * <pre>{@code
 * PublicServers terminology = PublicServers.named(terminologyBase)  // e.g. "https://tx.example.org/fhir"
 *     .via(plainClient);                   // optional: default a new OkHttpClient
 * IGenericClient fhir = PrivateLinkFhirClient.builder(ctx)
 *     .serverBase(serverBase)
 *     .resolver(resolver)
 *     .httpClient(httpClient)
 *     .publicServers(terminology)
 *     .build();                            // fhir stays guarded
 * IGenericClient tx = ctx.newRestfulGenericClient(terminologyBase);
 * CapabilityStatement cs = tx.capabilities().ofType(CapabilityStatement.class).execute();
 * }</pre>
 *
 * <p>Names are exact host names stated up front: no wildcards, no IP addresses, and no Azure health
 * hosts (those are reached over Private Link). Only https requests are routed to the plain client;
 * an http request to a named host stays on the guarded client. The plain client never gets Azure
 * tokens: {@link AzureTokenInterceptor} adds one only for its own server host, which must verify as
 * private. Immutable.
 */
public final class PublicServers {

  private static final PublicServers NONE = new PublicServers(Set.of(), null);

  private final Set<String> hosts;
  private final @Nullable OkHttpClient client;

  private PublicServers(Set<String> hosts, @Nullable OkHttpClient client) {
    this.hosts = hosts;
    this.client = client;
  }

  /**
   * No public servers: every request is guarded (the default).
   *
   * @return the empty set of public servers
   */
  public static PublicServers none() {
    return NONE;
  }

  /**
   * The servers at these https URLs or host names.
   *
   * @param httpsUrlsOrHosts one or more https URLs or host names
   * @return these servers, reached through a new plain {@code OkHttpClient} unless {@link
   *     #via(OkHttpClient)} is called
   * @throws IllegalArgumentException for a wildcard, an IP address, a non-https URL, an Azure
   *     health host or a malformed name
   */
  public static PublicServers named(String... httpsUrlsOrHosts) {
    Set<String> hosts = new LinkedHashSet<>();
    for (String given : httpsUrlsOrHosts) {
      Objects.requireNonNull(given, "public server");
      if (given.contains("*")) {
        throw new IllegalArgumentException(
            "public servers are exact host names, not wildcards: " + given);
      }
      String lower = given.toLowerCase(Locale.ROOT);
      if (lower.contains("://") && !lower.startsWith("https://")) {
        throw new IllegalArgumentException("public servers are reached over https only: " + given);
      }
      ServiceEndpoint endpoint;
      try {
        endpoint = ServiceEndpoint.parse(given);
      } catch (PrivateLinkException e) {
        throw new IllegalArgumentException("public server is malformed: " + e.getMessage(), e);
      }
      String host = endpoint.host();
      if (host.matches("[0-9.]+") || host.contains(":")) {
        throw new IllegalArgumentException(
            "public servers are host names, not IP addresses: " + given);
      }
      if (endpoint.kind() != ServiceEndpoint.Kind.OTHER) {
        throw new IllegalArgumentException(
            given
                + " is an Azure health service host: it is reached over its private endpoint,"
                + " never named public");
      }
      hosts.add(host);
    }
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("name at least one public server");
    }
    return new PublicServers(Set.copyOf(hosts), null);
  }

  /**
   * The same servers, reached through {@code plainClient} (timeouts, TLS trust, your DNS).
   *
   * @param plainClient the unguarded client for these servers; required
   * @return a copy reaching the same servers through {@code plainClient}
   * @throws IllegalStateException on {@link #none()}: there is no server to reach
   */
  public PublicServers via(OkHttpClient plainClient) {
    if (hosts.isEmpty()) {
      throw new IllegalStateException("name public servers first: PublicServers.named(...)");
    }
    return new PublicServers(hosts, Objects.requireNonNull(plainClient, "plainClient"));
  }

  /**
   * The named host names, lower case.
   *
   * @return the host names; unmodifiable
   */
  public Set<String> hosts() {
    return hosts;
  }

  /** Whether {@code url} is an https URL of a named host. */
  boolean routesPublic(String url) {
    if (hosts.isEmpty()) {
      return false;
    }
    HttpUrl parsed = HttpUrl.parse(url);
    return parsed != null && parsed.isHttps() && hosts.contains(parsed.host());
  }

  /** The plain client given with {@link #via(OkHttpClient)}, or {@code null}. */
  @Nullable OkHttpClient client() {
    return client;
  }

  @Override
  public String toString() {
    return hosts.isEmpty() ? "PublicServers.none()" : "PublicServers.named(" + hosts + ")";
  }
}
