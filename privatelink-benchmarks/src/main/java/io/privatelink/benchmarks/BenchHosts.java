package io.privatelink.benchmarks;

import io.privatelink.core.NetworkPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The names and policy every benchmark shares, so JMH and the load harness measure one setup. */
public final class BenchHosts {
  /** A private endpoint: {@code DnsSandbox.privateEndpoint(PRIVATE_HOST, "127.0.0.1")}. */
  public static final String PRIVATE_HOST = "benchfhir.azurehealthcareapis.com";

  /** A host whose privatelink zone is not linked: it falls through to {@link #PUBLIC_STAND_IN}. */
  public static final String UNLINKED_HOST = "unlinkedfhir.azurehealthcareapis.com";

  /**
   * A private endpoint behind a slow forwarder: TTL 1 s, answers delayed {@link
   * #SLOW_DNS_DELAY_MILLIS} ms (the refresh-ahead scenario).
   */
  public static final String SLOW_DNS_HOST = "slowdnsfhir.azurehealthcareapis.com";

  /** How long the sandbox holds each answer for {@link #SLOW_DNS_HOST}. */
  public static final int SLOW_DNS_DELAY_MILLIS = 20;

  /** The loopback address that plays the private endpoint. */
  public static final String PRIVATE_ENDPOINT = "127.0.0.1";

  /** The loopback address that plays the public internet. */
  public static final String PUBLIC_STAND_IN = "127.0.0.2";

  private BenchHosts() {}

  /** Exactly the private endpoint is private, as in the project's integration tests. */
  public static NetworkPolicy loopbackPolicy() {
    return NetworkPolicy.builder().withoutDefaults().allow(PRIVATE_ENDPOINT + "/32").build();
  }

  /**
   * The address an IP literal names ({@code InetAddress.getByName} sends no query for a literal).
   *
   * @throws IllegalArgumentException if {@code ip} is not an IP literal
   */
  public static InetAddress literal(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    }
  }
}
