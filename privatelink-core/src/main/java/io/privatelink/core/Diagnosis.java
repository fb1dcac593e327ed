package io.privatelink.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A verdict plus hints a person can act on: which Azure setting or DNS link is most likely wrong,
 * and what to do about it.
 *
 * <pre>{@code
 * Diagnosis d = resolver.diagnose("myfhir.azurehealthcareapis.com");
 * System.out.println(d);   // verdict, chain, addresses, then one hint per line
 * }</pre>
 *
 * <p>Hints are derived from the resolution only (the chain, the addresses, the failure); they are
 * the usual causes, not certainties, and are worded that way.
 */
public final class Diagnosis {

  private final Resolution resolution;
  private final List<String> hints;

  private Diagnosis(Resolution resolution, List<String> hints) {
    this.resolution = resolution;
    this.hints = Collections.unmodifiableList(hints);
  }

  /** Diagnoses a resolution. */
  public static Diagnosis of(Resolution resolution) {
    return new Diagnosis(resolution, hintsFor(resolution));
  }

  /** The verdict being explained. */
  public Verdict verdict() {
    return resolution.verdict();
  }

  /** The resolution being explained. */
  public Resolution resolution() {
    return resolution;
  }

  /** Hints, most likely cause first; empty for {@link Verdict#PRIVATE}. */
  public List<String> hints() {
    return hints;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(resolution.toString());
    for (String hint : hints) {
      out.append(System.lineSeparator()).append("  hint: ").append(hint);
    }
    return out.toString();
  }

  private static List<String> hintsFor(Resolution r) {
    List<String> hints = new ArrayList<>();
    String zone = r.privateLinkZone().orElse(null);
    boolean trafficManager = false;
    for (String name : r.cnameChain()) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.endsWith(".trafficmanager.net") || n.endsWith(".cloudapp.azure.com")
          || n.endsWith(".cloudapp.net") || n.endsWith(".usgovtrafficmanager.net")
          || n.endsWith(".cloudapp.usgovcloudapi.net")) {
        trafficManager = true;
      }
    }
    String ns = r.nameserver().orElse("the nameserver");
    switch (r.verdict()) {
      case PRIVATE:
        break;
      case PUBLIC_ADDRESS:
        if (zone != null && trafficManager) {
          hints.add(
              "the chain reaches "
                  + zone
                  + " and then Traffic Manager: the private DNS zone "
                  + zone
                  + " is not linked to the VNet this resolver serves (add a virtual network link,"
                  + " including for peered VNets), or an on-premises resolver lacks a conditional"
                  + " forwarder for it to Azure DNS (168.63.129.16)");
        } else if (zone != null) {
          hints.add(
              "the chain reaches "
                  + zone
                  + " but ends at a public address: the private DNS zone has no A record for this"
                  + " name, or it is not linked to the VNet this resolver serves");
        } else {
          hints.add(
              "no privatelink CNAME in the chain: this service has no private endpoint, or you are"
                  + " asking a resolver outside Azure (" + ns + ") that cannot see the private zone");
        }
        hints.add(
            "if the service still has public network access enabled, unguarded clients reach it"
                + " over the internet; disabling public access takes up to 5 minutes to apply");
        break;
      case MIXED_ADDRESSES:
        hints.add(
            "the answer mixes private and public addresses, so the split-horizon DNS is broken:"
                + " look for both a private zone and a public record answering for this name, or a"
                + " resolver forwarding to two sources; the guard never filters the public ones out");
        break;
      case NOT_VIA_PRIVATE_LINK:
        hints.add(
            "the addresses are private but the chain never passes a privatelink zone: a hosts-file"
                + " entry, a custom DNS record or a forwarder answers instead of the Azure private"
                + " DNS zone; point the name at the private endpoint through privatelink.* (or, if"
                + " you manage this record on purpose, turn off requirePrivateLinkZone)");
        break;
      case NO_SUCH_HOST:
        if (zone != null) {
          hints.add(
              "the privatelink name does not exist in "
                  + zone
                  + ": a newly added service may need its private endpoint refreshed to get its A"
                  + " record, or the record was deleted from the private DNS zone");
        } else {
          hints.add("the name does not exist (NXDOMAIN): check the spelling of the service URL");
        }
        break;
      case NO_ADDRESSES:
        if (zone != null) {
          hints.add(
              "the chain reaches "
                  + zone
                  + " but there is no A or AAAA record: a newly added service may need its private"
                  + " endpoint refreshed to get its A record");
        } else {
          hints.add("the name exists but has no A or AAAA record");
        }
        break;
      case DNS_FAILURE:
        hints.add(
            ns
                + " did not give a usable answer (timeout, SERVFAIL, REFUSED or a malformed or"
                + " spoofed reply): check that it is reachable and that it forwards privatelink"
                + " zones to Azure DNS (168.63.129.16); the guard never falls back to another"
                + " resolver");
        break;
      case REJECTED_INPUT:
        if (r.detail().orElse("").startsWith(GuardInterceptor.NOT_ALLOWED)) {
          hints.add(
              "this client only calls the hosts given to allowedHosts(...); add the host there if"
                  + " the application is meant to call it");
          break;
        }
        hints.add(
            "write the host as a DNS name (e.g. myfhir.azurehealthcareapis.com) or a canonical"
                + " IP address; the input was refused before any DNS query");
        break;
      default:
        throw new AssertionError(r.verdict());
    }
    return hints;
  }
}
