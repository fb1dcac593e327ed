package io.privatelink.core;

import io.privatelink.core.internal.policy.AddressText;
import io.privatelink.core.internal.policy.Bits;
import io.privatelink.core.internal.policy.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A verdict plus what was observed and the hints a person or an app can act on: which Azure setting
 * or DNS link is most likely wrong, what to do about it, and the facts each hint rests on.
 *
 * <pre>{@code
 * Diagnosis d = resolver.diagnose("myfhir.azurehealthcareapis.com");
 * System.out.println(d);   // verdict, chain, addresses, then one hint per line
 * for (Diagnosis.Hint hint : d.hintsWithEvidence()) {
 *   if (hint.cause() == Diagnosis.Cause.ZONE_NOT_LINKED) {
 *     System.out.println("link the private DNS zone: " + hint.evidence());
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #facts()} are what the resolution shows (the chain reached a privatelink zone, an
 * address was refused, a query failed); hints are the usual causes of those facts, not certainties,
 * and are worded that way. Each hint's text starts from its evidence.
 */
public final class Diagnosis {

  /** An observation from the resolution: what DNS answered, never a guess. */
  public record Fact(Kind kind, String subject) {

    /** What was observed. */
    public enum Kind {
      /** The chain passed the known privatelink zone named by the subject. */
      CHAIN_REACHES_PRIVATELINK_ZONE,
      /** The chain went on to Traffic Manager or a public cloud service name (the subject). */
      CHAIN_REACHES_PUBLIC_SERVICE_NAME,
      /** The chain never passed a known privatelink zone; the subject is the host. */
      CHAIN_MISSES_PRIVATELINK_ZONE,
      /** The policy allowed the address (subject: address and rule). */
      ADDRESS_ALLOWED,
      /** The policy refused the address (subject: address and rule). */
      ADDRESS_DENIED,
      /** An AAAA address is a NAT64 synthesis of a private IPv4 address (subject says which). */
      DNS64_SYNTHESIZED_ADDRESS,
      /** The last name of the chain does not exist (subject: that name). */
      NXDOMAIN,
      /** The last name of the chain exists but has no A or AAAA record (subject: that name). */
      NO_ADDRESS_RECORDS,
      /** A query gave no usable answer (subject: e.g. {@code "AAAA query: REFUSED"}). */
      QUERY_FAILED,
      /** The answers came from a recursive resolver, RA set (subject: the nameserver). */
      RECURSIVE_RESOLVER,
      /** The input was refused before any DNS query (subject: why). */
      INPUT_REJECTED,
      /** The host is not among the client's allowed hosts (subject: the detail). */
      HOST_NOT_ALLOWED,
      /** A URL the server handed out leaves the configured server base (subject: the detail). */
      LINK_LEAVES_SERVER
    }

    /**
     * A fact; both parts required.
     *
     * @param kind what kind of fact; required
     * @param subject what the fact is about; required
     * @throws NullPointerException if {@code kind} or {@code subject} is null
     */
    public Fact {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(subject, "subject");
    }

    /** E.g. {@code "ADDRESS_DENIED 52.1.2.3 denied by no rule: public address"}. */
    @Override
    public String toString() {
      return kind + " " + subject;
    }
  }

  /** The cause a hint points at. */
  public enum Cause {
    /** The privatelink zone is not linked to the resolver's VNet (or no conditional forwarder). */
    ZONE_NOT_LINKED,
    /** The chain reaches the privatelink zone but ends at a public address. */
    NO_RECORD_IN_PRIVATE_ZONE,
    /** No privatelink CNAME at all: no private endpoint, or a resolver outside Azure. */
    NO_PRIVATE_ENDPOINT,
    /** A public address answered: public network access may still be on. */
    PUBLIC_NETWORK_ACCESS,
    /** Private and public addresses in one answer: split-horizon DNS is broken. */
    SPLIT_HORIZON_BROKEN,
    /** A DNS64 resolver synthesized AAAA records from the private IPv4 address. */
    DNS64_SYNTHESIS,
    /** A private address is answered outside any privatelink zone (hosts file, custom record). */
    RECORD_OUTSIDE_PRIVATELINK_ZONE,
    /** The privatelink zone has no record for this name (new service, deleted record). */
    PRIVATE_ENDPOINT_RECORD_MISSING,
    /** A resolver's DNS-rebinding protection removed the private addresses from the answer. */
    REBINDING_PROTECTION,
    /** The name does not exist. */
    NAME_DOES_NOT_EXIST,
    /** The name exists but has no address records. */
    NO_ADDRESS_RECORDS,
    /** The nameserver gave no usable answer. */
    NAMESERVER_FAILED,
    /** One query failed and was ignored, because the other family's addresses verified. */
    QUERY_FAILURE_IGNORED,
    /** The input was refused before any DNS query. */
    INPUT_REJECTED,
    /** The client only calls an allow-list of hosts. */
    HOST_NOT_ALLOWED,
    /** The client follows the server's links only while they stay on its configured server base. */
    LINK_LEAVES_SERVER
  }

  /**
   * A likely cause, what to do about it, and the facts it rests on.
   *
   * @param cause the cause it points at
   * @param text one sentence for a person: the evidence first, then the cause and the fix
   * @param evidence the facts (from {@link Diagnosis#facts()}) this hint rests on
   */
  public record Hint(Cause cause, String text, List<Fact> evidence) {
    /**
     * A hint; evidence is copied.
     *
     * @param cause the cause; required
     * @param text the sentence for a person; required
     * @param evidence the facts it rests on; copied, so later changes to the list do not show
     * @throws NullPointerException if any part, or any element of {@code evidence}, is null
     */
    public Hint {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(text, "text");
      evidence = List.copyOf(evidence);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static final Cidr WELL_KNOWN_NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr LOCAL_USE_NAT64 = Cidr.parse("64:ff9b:1::/96");

  private final Resolution resolution;
  private final List<Fact> facts;
  private final List<Hint> hints;

  private Diagnosis(Resolution resolution, List<Fact> facts, List<Hint> hints) {
    this.resolution = resolution;
    this.facts = List.copyOf(facts);
    this.hints = List.copyOf(hints);
  }

  /**
   * Diagnoses a resolution. Not public: applications get a diagnosis from {@link
   * Resolution#diagnosis()}, {@link PrivateLinkException#diagnosis()} or {@link
   * PrivateLinkResolver#diagnose(String)}.
   */
  static Diagnosis of(Resolution resolution) {
    Objects.requireNonNull(resolution, "resolution");
    Observed observed = observe(resolution);
    return new Diagnosis(resolution, observed.all, hintsFor(resolution, observed));
  }

  /**
   * The verdict being explained.
   *
   * @return the resolution's verdict
   */
  public Verdict verdict() {
    return resolution.verdict();
  }

  /**
   * The resolution being explained.
   *
   * @return the resolution this diagnosis was made from
   */
  public Resolution resolution() {
    return resolution;
  }

  /**
   * Everything observed, in the order of the resolution (chain, addresses, failures).
   *
   * @return the facts; unmodifiable
   */
  public List<Fact> facts() {
    return facts;
  }

  /**
   * The hints with their causes and evidence, most likely first. Empty for {@link Verdict#PRIVATE},
   * unless a query failed and was ignored.
   *
   * @return the hints; unmodifiable
   */
  public List<Hint> hintsWithEvidence() {
    return hints;
  }

  /**
   * The hints' texts, most likely cause first (what {@link #toString()} and the CLI print).
   *
   * @return the hint sentences, in the order of {@link #hintsWithEvidence()}; unmodifiable
   */
  public List<String> hints() {
    List<String> texts = new ArrayList<>(hints.size());
    for (Hint hint : hints) {
      texts.add(hint.text());
    }
    return Collections.unmodifiableList(texts);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(resolution.toString());
    for (Hint hint : hints) {
      out.append(System.lineSeparator()).append("  hint: ").append(hint.text());
    }
    return out.toString();
  }

  /** The facts, and the ones hints refer to by role. */
  private static final class Observed {
    final List<Fact> all = new ArrayList<>();
    @Nullable Fact zone;
    @Nullable Fact publicName;
    @Nullable Fact noZone;
    @Nullable Fact nxdomain;
    @Nullable Fact noRecords;
    @Nullable Fact recursive;
    final List<Fact> allowed = new ArrayList<>();
    final List<Fact> denied = new ArrayList<>();
    final List<Fact> dns64 = new ArrayList<>();
    final List<Fact> failed = new ArrayList<>();

    Fact add(Fact fact) {
      all.add(fact);
      return fact;
    }
  }

  private static Observed observe(Resolution r) {
    Observed o = new Observed();
    Verdict v = r.verdict();
    String detail = r.detail().orElse("");
    Fact.Kind refusedBeforeDns =
        switch (v) {
          case REJECTED_INPUT -> Fact.Kind.INPUT_REJECTED;
          case HOST_NOT_ALLOWED -> Fact.Kind.HOST_NOT_ALLOWED;
          case LINK_LEAVES_SERVER -> Fact.Kind.LINK_LEAVES_SERVER;
          case PRIVATE,
              PUBLIC_ADDRESS,
              MIXED_ADDRESSES,
              NOT_VIA_PRIVATE_LINK,
              NO_SUCH_HOST,
              NO_ADDRESSES,
              DNS_FAILURE ->
              null;
        };
    if (refusedBeforeDns != null) {
      o.add(new Fact(refusedBeforeDns, detail));
      return o;
    }
    r.privateLinkZone()
        .ifPresent(z -> o.zone = o.add(new Fact(Fact.Kind.CHAIN_REACHES_PRIVATELINK_ZONE, z)));
    for (String name : r.cnameChain()) {
      if (o.publicName == null && isPublicServiceName(name)) {
        o.publicName = o.add(new Fact(Fact.Kind.CHAIN_REACHES_PUBLIC_SERVICE_NAME, name));
      }
    }
    if (o.zone == null && !r.cnameChain().isEmpty()) {
      o.noZone = o.add(new Fact(Fact.Kind.CHAIN_MISSES_PRIVATELINK_ZONE, r.host()));
    }
    for (Resolution.Address a : r.addresses()) {
      Fact f =
          o.add(
              new Fact(
                  a.decision().allowed() ? Fact.Kind.ADDRESS_ALLOWED : Fact.Kind.ADDRESS_DENIED,
                  a.decision().toString()));
      (a.decision().allowed() ? o.allowed : o.denied).add(f);
      if (!a.decision().allowed()) {
        String synthesis = dns64(a.address(), r);
        if (synthesis != null) {
          o.dns64.add(o.add(new Fact(Fact.Kind.DNS64_SYNTHESIZED_ADDRESS, synthesis)));
        }
      }
    }
    String last =
        r.cnameChain().isEmpty() ? r.host() : r.cnameChain().get(r.cnameChain().size() - 1);
    if (v == Verdict.NO_SUCH_HOST) {
      o.nxdomain = o.add(new Fact(Fact.Kind.NXDOMAIN, last));
    }
    if (v == Verdict.NO_ADDRESSES) {
      o.noRecords = o.add(new Fact(Fact.Kind.NO_ADDRESS_RECORDS, last));
    }
    for (Resolution.FailedQuery f : r.failedQueries()) {
      o.failed.add(o.add(new Fact(Fact.Kind.QUERY_FAILED, f.toString())));
    }
    if (v == Verdict.DNS_FAILURE && o.failed.isEmpty()) {
      o.failed.add(
          o.add(new Fact(Fact.Kind.QUERY_FAILED, detail.isEmpty() ? "no answer" : detail)));
    }
    if (r.recursive()) {
      o.recursive = o.add(new Fact(Fact.Kind.RECURSIVE_RESOLVER, r.nameserver().orElse("?")));
    }
    return o;
  }

  private static boolean isPublicServiceName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".trafficmanager.net")
        || n.endsWith(".cloudapp.azure.com")
        || n.endsWith(".cloudapp.net")
        || n.endsWith(".usgovtrafficmanager.net")
        || n.endsWith(".cloudapp.usgovcloudapi.net");
  }

  /**
   * "64:ff9b::a00:4 embeds 10.0.0.4 (NAT64 prefix 64:ff9b::/96)" when {@code address} is in a NAT64
   * prefix and embeds an IPv4 address that is private (RFC 1918) or allowed in this answer.
   */
  private static @Nullable String dns64(InetAddress address, Resolution r) {
    byte[] b = address.getAddress();
    if (b.length != 16) {
      return null;
    }
    long hi = Bits.hi(b);
    long lo = Bits.lo(b);
    Cidr prefix = null;
    List<Cidr> candidates = new ArrayList<>(List.of(WELL_KNOWN_NAT64, LOCAL_USE_NAT64));
    candidates.addAll(r.nat64Prefixes());
    for (Cidr c : candidates) {
      if (c.hi() == hi && (c.lo() >>> 32) == (lo >>> 32)) {
        prefix = c;
        break;
      }
    }
    if (prefix == null) {
      return null;
    }
    InetAddress v4;
    try {
      v4 = InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
    } catch (UnknownHostException e) {
      throw new AssertionError(e); // four bytes are always an address
    }
    boolean answeredAllowed = false;
    for (Resolution.Address a : r.addresses()) {
      answeredAllowed |= a.address().equals(v4) && a.decision().allowed();
    }
    if (!answeredAllowed && !NetworkPolicy.defaults().decide(v4).allowed()) {
      return null;
    }
    return AddressText.of(address)
        + " embeds "
        + AddressText.of(v4)
        + " (NAT64 prefix "
        + prefix
        + ")";
  }

  private static List<Hint> hintsFor(Resolution r, Observed o) {
    String ns = r.nameserver().orElse("the nameserver");
    return switch (r.verdict()) {
      case PRIVATE ->
          o.failed.isEmpty()
              ? List.of()
              : List.of(
                  new Hint(
                      Cause.QUERY_FAILURE_IGNORED,
                      join(o.failed)
                          + ", ignored: the other address family verified, and only its addresses"
                          + " are used; if this resolver ("
                          + ns
                          + ") should answer both, check its forwarding for the missing type",
                      o.failed));
      case PUBLIC_ADDRESS, MIXED_ADDRESSES -> addressHints(r, o, ns);
      case NOT_VIA_PRIVATE_LINK ->
          List.of(
              new Hint(
                  Cause.RECORD_OUTSIDE_PRIVATELINK_ZONE,
                  "the addresses are private but the chain never passes a privatelink zone: a"
                      + " hosts-file entry, a custom DNS record or a forwarder answers instead of"
                      + " the Azure private DNS zone; point the name at the private endpoint"
                      + " through privatelink.* (or, if you manage this record on purpose, build"
                      + " the resolver with requirePrivateLinkZone(FOR_NO_HOST))",
                  evidence(single(o.noZone), o.allowed)));
      case NO_SUCH_HOST -> List.of(noSuchHostHint(o));
      case NO_ADDRESSES -> List.of(noAddressesHint(o, ns));
      case DNS_FAILURE ->
          List.of(
              new Hint(
                  Cause.NAMESERVER_FAILED,
                  join(o.failed)
                      + ": "
                      + ns
                      + " did not give a usable answer; check that it is reachable and that it"
                      + " forwards privatelink zones to Azure DNS (168.63.129.16); the guard never"
                      + " falls back to another resolver",
                  o.failed));
      case REJECTED_INPUT ->
          List.of(
              new Hint(
                  Cause.INPUT_REJECTED,
                  "write the host as a DNS name (e.g. myfhir.azurehealthcareapis.com) or a"
                      + " canonical IP address; the input was refused before any DNS query",
                  List.of(o.all.get(0))));
      case HOST_NOT_ALLOWED ->
          List.of(
              new Hint(
                  Cause.HOST_NOT_ALLOWED,
                  "this client only calls the hosts given to allowedHosts(...); add the host there"
                      + " if the application is meant to call it",
                  List.of(o.all.get(0))));
      case LINK_LEAVES_SERVER ->
          List.of(
              new Hint(
                  Cause.LINK_LEAVES_SERVER,
                  "a URL the server returned (a paging link, a Location) is not under the server"
                      + " base this client was configured for, so it was refused before any DNS"
                      + " query; behind a gateway that leaves the server's own base in its links,"
                      + " or for links meant to go elsewhere, set the client's link policy (HAPI:"
                      + " LinkPolicy.rewriteToBase(...) or LinkPolicy.anyVerified())",
                  List.of(o.all.get(0))));
    };
  }

  private static List<Hint> addressHints(Resolution r, Observed o, String ns) {
    List<Hint> hints = new ArrayList<>();
    if (!o.dns64.isEmpty()) {
      hints.add(
          new Hint(
              Cause.DNS64_SYNTHESIS,
              o.dns64.get(0).subject()
                  + ": "
                  + ns
                  + " is a DNS64 resolver synthesizing AAAA records from the private IPv4"
                  + " address, and traffic to them goes through a NAT64 translator, not"
                  + " straight to the private endpoint; exclude the privatelink zones from DNS64"
                  + " (or use a resolver without it), or allow the NAT64 prefix in the policy"
                  + " only if the translator really reaches the private network",
              evidence(o.dns64, o.allowed)));
    }
    if (r.verdict() == Verdict.MIXED_ADDRESSES && o.dns64.size() < o.denied.size()) {
      hints.add(
          new Hint(
              Cause.SPLIT_HORIZON_BROKEN,
              "the answer mixes allowed ("
                  + join(o.allowed)
                  + ") and refused ("
                  + join(o.denied)
                  + ") addresses, so the split-horizon DNS is broken: look for both a private"
                  + " zone and a public record answering for this name, or a resolver"
                  + " forwarding to two sources; the guard never filters the public ones out",
              evidence(o.allowed, o.denied)));
    }
    if (r.verdict() == Verdict.PUBLIC_ADDRESS && o.dns64.isEmpty()) {
      publicHints(r, o, ns, hints);
    }
    return hints;
  }

  private static Hint noSuchHostHint(Observed o) {
    Fact nxdomain = Objects.requireNonNull(o.nxdomain, "observed for every NO_SUCH_HOST");
    if (o.zone != null) {
      return new Hint(
          Cause.PRIVATE_ENDPOINT_RECORD_MISSING,
          "the privatelink name "
              + nxdomain.subject()
              + " does not exist in "
              + o.zone.subject()
              + ": a newly added service may need its private endpoint refreshed to get"
              + " its A record, or the record was deleted from the private DNS zone",
          evidence(single(o.zone), single(nxdomain)));
    }
    return new Hint(
        Cause.NAME_DOES_NOT_EXIST,
        nxdomain.subject() + " does not exist (NXDOMAIN): check the spelling of the service URL",
        List.of(nxdomain));
  }

  private static Hint noAddressesHint(Observed o, String ns) {
    Fact noRecords = Objects.requireNonNull(o.noRecords, "observed for every NO_ADDRESSES");
    if (o.zone == null) {
      return new Hint(
          Cause.NO_ADDRESS_RECORDS,
          noRecords.subject() + " exists but has no A or AAAA record",
          List.of(noRecords));
    }
    String stripped =
        o.recursive != null
            ? ", or the recursive resolver "
                + ns
                + " strips private addresses from answers (DNS-rebinding protection:"
                + " Unbound private-address, dnsmasq stop-dns-rebind, many home and"
                + " corporate resolvers); exempt the zone there (Unbound private-domain:"
                + " \""
                + o.zone.subject()
                + "\", dnsmasq rebind-domain-ok=/"
                + o.zone.subject()
                + "/)"
            : "";
    return new Hint(
        o.recursive != null ? Cause.REBINDING_PROTECTION : Cause.PRIVATE_ENDPOINT_RECORD_MISSING,
        "the chain reaches "
            + o.zone.subject()
            + " but "
            + noRecords.subject()
            + " has no A or AAAA record (NOERROR, no address)"
            + (o.recursive != null ? ", from a recursive resolver: either" : ":")
            + " a newly added service may need its private endpoint refreshed to get its"
            + " A record"
            + stripped,
        evidence(single(o.zone), single(noRecords), single(o.recursive)));
  }

  private static void publicHints(Resolution r, Observed o, String ns, List<Hint> hints) {
    if (o.zone != null && o.publicName != null) {
      String zone = o.zone.subject();
      hints.add(
          new Hint(
              Cause.ZONE_NOT_LINKED,
              "the chain reaches "
                  + zone
                  + " and then Traffic Manager: the private DNS zone "
                  + zone
                  + " is not linked to the VNet this resolver serves (add a virtual network link,"
                  + " including for peered VNets), or an on-premises resolver lacks a conditional"
                  + " forwarder for it to Azure DNS (168.63.129.16)",
              evidence(single(o.zone), single(o.publicName), o.denied)));
    } else if (o.zone != null) {
      hints.add(
          new Hint(
              Cause.NO_RECORD_IN_PRIVATE_ZONE,
              "the chain reaches "
                  + o.zone.subject()
                  + " but ends at a public address: the private DNS zone has no A record for this"
                  + " name, or it is not linked to the VNet this resolver serves",
              evidence(single(o.zone), o.denied)));
    } else {
      hints.add(
          new Hint(
              Cause.NO_PRIVATE_ENDPOINT,
              "no privatelink CNAME in the chain: this service has no private endpoint, or you are"
                  + " asking a resolver outside Azure ("
                  + ns
                  + ") that cannot see the private zone",
              evidence(single(o.noZone), o.denied)));
    }
    hints.add(
        new Hint(
            Cause.PUBLIC_NETWORK_ACCESS,
            "DNS answered "
                + refusedAddresses(r)
                + ", outside the policy: if the service still has public network access enabled, unguarded clients"
                + " reach it over the internet; disabling public access takes up to 5 minutes to"
                + " apply",
            o.denied));
  }

  private static String refusedAddresses(Resolution r) {
    List<String> texts = new ArrayList<>();
    for (Resolution.Address a : r.addresses()) {
      if (!a.decision().allowed()) {
        texts.add(a.text());
      }
    }
    return String.join(", ", texts);
  }

  private static List<Fact> single(@Nullable Fact fact) {
    return fact == null ? List.of() : List.of(fact);
  }

  @SafeVarargs
  private static List<Fact> evidence(List<Fact>... parts) {
    List<Fact> all = new ArrayList<>();
    for (List<Fact> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  private static String join(List<Fact> facts) {
    List<String> subjects = new ArrayList<>();
    for (Fact f : facts) {
      subjects.add(f.subject());
    }
    return String.join(", ", subjects);
  }
}
