package io.privatelink.hapi.internal;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.ServiceEndpoint;
import io.privatelink.core.Verdict;
import java.io.IOException;
import java.util.Locale;

/** Advice appended to refusals, shared by the transport and the builder's preflight. */
public final class Refusals {

  private Refusals() {}

  /**
   * For a host that resolved to public addresses only, outside any private-link zone and not an
   * Azure health host, names the option of routing it as a public server; empty for every other
   * failure (a mixed or unlinked private-link host must be fixed, not routed around the guard).
   */
  public static String publicServerHint(IOException failure) {
    return PrivateLinkException.find(failure)
        .filter(Refusals::isDeliberatelyPublicCandidate)
        .map(
            p ->
                ". If "
                    + p.host()
                    + " is a FHIR server you mean to reach over the public internet (a terminology"
                    + " server, a national API), name it: PublicServers.named(\"https://"
                    + p.host()
                    + "/\") on the PrivateLinkRestfulClientFactory or with"
                    + " PrivateLinkFhirClient.builder(ctx).publicServers(...)")
        .orElse("");
  }

  private static boolean isDeliberatelyPublicCandidate(PrivateLinkException refusal) {
    // Only PUBLIC_ADDRESS: every address public. A mixed or unlinked answer is a broken private
    // setup, and any other verdict (a new one included) never suggests going public.
    return refusal.verdict() == Verdict.PUBLIC_ADDRESS
        && refusal.resolution().cnameChain().stream().noneMatch(Refusals::isPrivateLinkName)
        && isOtherHost(refusal.host());
  }

  private static boolean isPrivateLinkName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.startsWith("privatelink.") || lower.contains(".privatelink.");
  }

  private static boolean isOtherHost(String host) {
    try {
      return ServiceEndpoint.parse(host).kind() == ServiceEndpoint.Kind.OTHER;
    } catch (PrivateLinkException e) {
      return false;
    }
  }
}
