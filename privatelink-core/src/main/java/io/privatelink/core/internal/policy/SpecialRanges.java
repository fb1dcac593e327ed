package io.privatelink.core.internal.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Well-known address ranges (IANA special-purpose registries and cloud metadata addresses), used
 * only to explain why an address that no rule matched is refused.
 *
 * <p><b>Internal API:</b> public only so {@code io.privatelink.core} can use it; it may change in
 * any release.
 *
 * <p>These are labels, never rules: whether an address is allowed is decided by the policy's rules
 * alone, and a range here is consulted only after none of them matched. So {@code
 * allow("100.64.0.0/10")} does allow carrier-grade NAT addresses.
 */
public final class SpecialRanges {
  private SpecialRanges() {}

  static final String METADATA =
      "it is a cloud metadata or credential endpoint, never a private"
          + " endpoint, so the DNS answer that led here is wrong or was tampered with";
  private static final String LOOPBACK =
      "loopback is allowed only by test policies"
          + " (NetworkPolicy.Builder.allowLoopback()), never in production";
  private static final String LINK_LOCAL =
      "private endpoints have routable VNet addresses, never"
          + " link-local ones, so the DNS answer that led here is wrong";
  private static final String NOT_AN_ENDPOINT =
      "no service can listen there, so the DNS answer" + " that led here is wrong";
  private static final String EXAMPLE =
      "that range is reserved for examples and tests, so the DNS"
          + " record looks like a placeholder that was never replaced";
  private static final String EMBEDDED =
      "traffic to it goes through a translator or tunnel, not"
          + " straight to a private endpoint; allow that prefix explicitly only if your network really"
          + " reaches private endpoints that way";
  private static final String PUBLIC =
      "traffic would cross the public internet; usually the"
          + " privatelink DNS zone is not linked to this network, or the service has no private"
          + " endpoint";

  /** How an IPv6 range carries an IPv4 address, so the reason can show it. */
  enum Embedding {
    NONE,
    /** The last 32 bits (IPv4-compatible, NAT64 /96). */
    LAST_32,
    /**
     * The last 32 bits, if the local-use NAT64 prefix is used as a /96 (RFC 6052 allows others).
     */
    LAST_32_IF_96,
    /** Bits 16..47 (6to4, RFC 3056). */
    SIX_TO_FOUR,
    /** The client is the inverted last 32 bits; the server is bits 32..63 (Teredo, RFC 4380). */
    TEREDO
  }

  private static final List<Map.Entry<Cidr, Basis>> ENTRIES = new ArrayList<>();

  static {
    // Catch-alls first in the source; the table is sorted longest prefix first below.
    add(
        new Label(
            Cidr.parse("0.0.0.0/0"),
            "no rule: public address",
            "a public address",
            PUBLIC,
            Embedding.NONE));
    add(
        new Label(
            Cidr.parse("2000::/3"),
            "no rule: public address",
            "a public address (global unicast 2000::/3)",
            PUBLIC,
            Embedding.NONE));
    add(
        new Label(
            Cidr.parse("::/0"),
            "no rule: IPv6 space reserved by the IETF (outside global unicast 2000::/3) is not private"
                + " by default",
            "in IPv6 space reserved by the IETF (outside global unicast 2000::/3)",
            NOT_AN_ENDPOINT,
            Embedding.NONE));

    // IPv4: RFC 6890 / IANA IPv4 Special-Purpose Address Registry, plus cloud metadata.
    special("0.0.0.0/8", "\"this network\", RFC 791", NOT_AN_ENDPOINT);
    special("0.0.0.0/32", "unspecified address", NOT_AN_ENDPOINT);
    privateRange("10.0.0.0/8", "RFC 1918 private");
    special("100.64.0.0/10", "carrier-grade NAT, RFC 6598", null);
    // Alibaba Cloud ECS metadata service.
    special("100.100.100.200/32", "Alibaba Cloud metadata service", METADATA);
    special("127.0.0.0/8", "loopback, RFC 1122", LOOPBACK);
    special("169.254.0.0/16", "link-local, RFC 3927", LINK_LOCAL);
    // Azure IMDS, AWS IMDS, Google Cloud, OCI, OpenStack and most other clouds.
    special("169.254.169.254/32", "cloud metadata service", METADATA);
    privateRange("172.16.0.0/12", "RFC 1918 private");
    special("192.0.0.0/24", "IETF protocol assignments, RFC 6890", NOT_AN_ENDPOINT);
    special("192.0.0.0/29", "IPv4 service continuity prefix, RFC 7335", NOT_AN_ENDPOINT);
    special("192.0.0.8/32", "IPv4 dummy address, RFC 7600", NOT_AN_ENDPOINT);
    global("192.0.0.9/32", "Port Control Protocol anycast, RFC 7723");
    global("192.0.0.10/32", "TURN anycast, RFC 8155");
    special("192.0.0.170/32", "NAT64/DNS64 discovery, RFC 8880", NOT_AN_ENDPOINT);
    special("192.0.0.171/32", "NAT64/DNS64 discovery, RFC 8880", NOT_AN_ENDPOINT);
    global("192.31.196.0/24", "AS112-v4, RFC 7535");
    global("192.52.193.0/24", "AMT, RFC 7450");
    global("192.175.48.0/24", "Direct Delegation AS112 service, RFC 7534");
    // Oracle Cloud Infrastructure (Classic) metadata service.
    special("192.0.0.192/32", "Oracle Cloud metadata service", METADATA);
    special("192.0.2.0/24", "documentation TEST-NET-1, RFC 5737", EXAMPLE);
    special("192.88.99.0/24", "6to4 relay anycast, deprecated by RFC 7526", NOT_AN_ENDPOINT);
    privateRange("192.168.0.0/16", "RFC 1918 private");
    special("198.18.0.0/15", "benchmarking, RFC 2544", EXAMPLE);
    special("198.51.100.0/24", "documentation TEST-NET-2, RFC 5737", EXAMPLE);
    special("203.0.113.0/24", "documentation TEST-NET-3, RFC 5737", EXAMPLE);
    special("224.0.0.0/4", "multicast, RFC 5771", NOT_AN_ENDPOINT);
    special("240.0.0.0/4", "reserved, RFC 1112", NOT_AN_ENDPOINT);
    special("255.255.255.255/32", "limited broadcast, RFC 919", NOT_AN_ENDPOINT);

    // IPv6: IANA IPv6 Special-Purpose Address Registry, plus cloud metadata.
    special("::/128", "unspecified address", NOT_AN_ENDPOINT);
    special("::1/128", "loopback, RFC 4291", LOOPBACK);
    embedded("::/96", "IPv4-compatible, deprecated by RFC 4291", Embedding.LAST_32);
    embedded("64:ff9b::/96", "NAT64, RFC 6052", Embedding.LAST_32);
    embedded("64:ff9b:1::/48", "local-use NAT64, RFC 8215", Embedding.LAST_32_IF_96);
    special("100::/64", "discard-only, RFC 6666", NOT_AN_ENDPOINT);
    special("100:0:0:1::/64", "dummy IPv6 prefix, RFC 9780", NOT_AN_ENDPOINT);
    special("2001::/23", "IETF protocol assignments, RFC 2928", NOT_AN_ENDPOINT);
    embedded("2001::/32", "Teredo, RFC 4380", Embedding.TEREDO);
    global("2001:1::1/128", "Port Control Protocol anycast, RFC 7723");
    global("2001:1::2/128", "TURN anycast, RFC 8155");
    global("2001:1::3/128", "DNS-SD service registration anycast, RFC 9665");
    special("2001:2::/48", "benchmarking, RFC 5180", EXAMPLE);
    global("2001:3::/32", "AMT, RFC 7450");
    global("2001:4:112::/48", "AS112-v6, RFC 7535");
    special("2001:10::/28", "ORCHID, deprecated by RFC 7343", NOT_AN_ENDPOINT);
    global("2001:20::/28", "ORCHIDv2, RFC 7343");
    global("2001:30::/28", "Drone Remote ID entity tags, RFC 9374");
    special("2001:db8::/32", "documentation, RFC 3849", EXAMPLE);
    embedded("2002::/16", "6to4, RFC 3056", Embedding.SIX_TO_FOUR);
    global("2620:4f:8000::/48", "Direct Delegation AS112 service, RFC 7534");
    special("3fff::/20", "documentation, RFC 9637", EXAMPLE);
    special("5f00::/16", "SRv6 segment identifiers, RFC 9602", NOT_AN_ENDPOINT);
    privateRange("fc00::/7", "unique local, RFC 4193");
    // The same metadata endpoints DefaultRules denies, so withoutDefaults() still explains them.
    special("fd00:ec2::254/128", "AWS instance metadata service, IPv6", METADATA);
    special("fd00:ec2::23/128", "AWS EKS Pod Identity Agent, IPv6", METADATA);
    special("fd20:ce::254/128", "Google Cloud metadata server, IPv6", METADATA);
    special("fe80::/10", "link-local, RFC 4291", LINK_LOCAL);
    special("fec0::/10", "site-local, deprecated by RFC 3879", NOT_AN_ENDPOINT);
    special("ff00::/8", "multicast, RFC 4291", NOT_AN_ENDPOINT);
    ENTRIES.sort(Comparator.comparing((Map.Entry<Cidr, Basis> e) -> -e.getKey().prefix()));
  }

  private static final PrefixTable TABLE = new PrefixTable(ENTRIES);

  /** The explanation for an IPv4 address no rule matched; never null. */
  public static Basis explain4(int address) {
    return Objects.requireNonNull(TABLE.find4(address), "the table covers all of IPv4");
  }

  /** The explanation for an IPv6 address no rule matched; never null. */
  public static Basis explain6(long hi, long lo) {
    return Objects.requireNonNull(TABLE.find6(hi, lo), "the table covers all of IPv6");
  }

  /** A range that is never a private endpoint by default; advice null = "add an allow rule". */
  private static void special(String cidrText, String label, @Nullable String advice) {
    Cidr cidr = Cidr.parse(cidrText);
    notPrivateByDefault(cidr, label, advice != null ? advice : addRule(cidr), Embedding.NONE);
  }

  /**
   * A special-purpose block the IANA registry marks globally reachable: public, named so the label
   * says which service it is.
   */
  private static void global(String cidrText, String label) {
    Cidr cidr = Cidr.parse(cidrText);
    add(
        new Label(
            cidr,
            "no rule: public address (" + cidr + ", " + label + ")",
            "a public address (" + cidr + ", " + label + ")",
            PUBLIC,
            Embedding.NONE));
  }

  /** A private range that this policy does not allow (withoutDefaults(), or a narrower allow). */
  private static void privateRange(String cidrText, String label) {
    Cidr cidr = Cidr.parse(cidrText);
    add(
        new Label(
            cidr,
            "no rule: " + cidr + " (" + label + ") is not allowed by this policy",
            in(cidr, label),
            addRule(cidr),
            Embedding.NONE));
  }

  /** An IPv6 range that carries an IPv4 address through a translator or tunnel. */
  private static void embedded(String cidrText, String label, Embedding embedding) {
    notPrivateByDefault(Cidr.parse(cidrText), label, EMBEDDED, embedding);
  }

  private static void notPrivateByDefault(
      Cidr cidr, String label, String advice, Embedding embedding) {
    add(
        new Label(
            cidr,
            "no rule: " + cidr + " (" + label + ") is not private by default",
            in(cidr, label),
            advice,
            embedding));
  }

  private static String in(Cidr cidr, String label) {
    return "in " + cidr + " (" + label + ")";
  }

  private static String addRule(Cidr cidr) {
    return "if your private endpoint really lives there, add allow(\""
        + cidr
        + "\") or a narrower range to the policy";
  }

  private static void add(Label label) {
    ENTRIES.add(Map.entry(label.cidr(), label));
  }

  /**
   * A no-match explanation: always a refusal.
   *
   * @param cidr the range it explains
   * @param rule the rule text a decision shows, e.g. {@code no rule: public address}
   * @param where where the address is, e.g. {@code in 127.0.0.0/8 (loopback, RFC 1122)}
   * @param advice what to do about it
   * @param embedding how the range carries an IPv4 address, if it does
   */
  record Label(Cidr cidr, String rule, String where, String advice, Embedding embedding)
      implements Basis {
    @Override
    public boolean allows() {
      return false;
    }

    @Override
    public String reason(InetAddress address) {
      return AddressText.of(address)
          + " is "
          + where
          + embeddedText(address)
          + ", which no rule of this policy allows; "
          + advice
          + ".";
    }

    private String embeddedText(InetAddress address) {
      if (embedding == Embedding.NONE) {
        return "";
      }
      byte[] b = address.getAddress();
      long hi = Bits.hi(b);
      long lo = Bits.lo(b);
      switch (embedding) {
        case LAST_32:
          return " and embeds IPv4 " + AddressText.ipv4((int) lo);
        case LAST_32_IF_96:
          return " and embeds IPv4 " + AddressText.ipv4((int) lo) + " (read as a /96 prefix)";
        case SIX_TO_FOUR:
          return " and embeds IPv4 " + AddressText.ipv4((int) (hi >>> 16));
        case TEREDO:
          return " and embeds IPv4 "
              + AddressText.ipv4(~(int) lo)
              + " (Teredo client; server "
              + AddressText.ipv4((int) hi)
              + ")";
        default:
          throw new AssertionError(embedding);
      }
    }

    @Override
    public String toString() {
      return rule;
    }
  }
}
