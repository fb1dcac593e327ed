package io.privatelink.core;

import io.privatelink.core.internal.policy.AddressText;
import io.privatelink.core.internal.policy.Basis;
import io.privatelink.core.internal.policy.Bits;
import io.privatelink.core.internal.policy.Cidr;
import io.privatelink.core.internal.policy.DefaultRules;
import io.privatelink.core.internal.policy.PrefixTable;
import io.privatelink.core.internal.policy.Rule;
import io.privatelink.core.internal.policy.SpecialRanges;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which addresses count as private, and therefore which ones this library will connect to.
 * It is the only place that makes that decision: DNS verification and the guarded socket factory
 * both ask it.
 *
 * <p>{@link #defaults()} allows the private ranges 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 and
 * fc00::/7, minus the cloud metadata endpoints that live inside them (such as {@code
 * fd00:ec2::254}). Everything else is refused: no matching rule means denied.
 *
 * <pre>{@code
 * NetworkPolicy policy = NetworkPolicy.builder()
 *     .allow("100.64.0.0/10")      // this network's endpoints sit in carrier-grade NAT space
 *     .deny("10.99.0.0/16")        // a peered VNet that must never be reached
 *     .build();
 *
 * NetworkPolicy.Decision decision = policy.decide(address);
 * if (!decision.allowed()) {
 *   throw new IllegalStateException(decision.reason());
 * }
 * }</pre>
 *
 * <p><b>Precedence.</b> The most specific matching rule (longest prefix) wins; at equal length,
 * deny wins. Default and added rules compete on the same terms, so {@code deny("10.99.0.0/16")}
 * carves a hole in 10.0.0.0/8 and {@code allow("10.99.1.0/24")} re-opens part of that hole.
 *
 * <p><b>IPv6 that embeds IPv4.</b> IPv4-mapped addresses ({@code ::ffff:a.b.c.d}) are judged
 * exactly as their IPv4 address. Every other form that carries an IPv4 address (NAT64 64:ff9b::/96
 * and 64:ff9b:1::/48, 6to4 2002::/16, Teredo 2001::/32, IPv4-compatible ::/96) is refused unless a
 * rule names it, even when the embedded address is private: the packets would go through a
 * translator or tunnel, not straight to the private endpoint. A scope id ({@code fe80::1%eth0}) is
 * ignored; the address bits decide.
 *
 * <p>Instances are immutable and thread-safe; share one per application. {@link #decide} parses
 * nothing; it allocates the returned {@link Decision} and the copy of the address bytes the JDK's
 * {@code getAddress()} makes (about 8 ns for IPv4 and 28 ns for IPv6 on a 2-core machine; see
 * docs/BENCHMARKS.md).
 */
public final class NetworkPolicy {
  private static final NetworkPolicy DEFAULTS = new NetworkPolicy(DefaultRules.DEFAULTS);

  /** Rules in evaluation order: the first match decides. */
  private final List<Rule> rules;

  private final PrefixTable table;
  private final List<String> ruleTexts;

  private NetworkPolicy(List<Rule> unordered) {
    List<Rule> ordered = new ArrayList<>(unordered);
    ordered.sort(Rule.EVALUATION_ORDER);
    this.rules = List.copyOf(ordered);
    // Loops, not streams: every CLI run builds a policy, and streams cost it their classes.
    List<Map.Entry<Cidr, Basis>> entries = new ArrayList<>(rules.size());
    List<String> texts = new ArrayList<>(rules.size());
    for (Rule r : rules) {
      entries.add(Map.entry(r.cidr(), r));
      texts.add(r.rule());
    }
    this.table = new PrefixTable(entries);
    this.ruleTexts = List.copyOf(texts);
  }

  /**
   * The default policy: RFC 1918 and unique-local (fc00::/7) addresses are private, except known
   * cloud metadata endpoints inside them. A single shared, immutable instance.
   *
   * @return the shared default policy
   */
  public static NetworkPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * A builder that starts from the {@linkplain #defaults() default rules}; rules added to it
   * compete with the defaults by specificity. Call {@link Builder#withoutDefaults()} to start
   * empty.
   *
   * @return a new builder holding the default rules
   */
  public static Builder builder() {
    return new Builder(DefaultRules.DEFAULTS);
  }

  /**
   * A builder holding this policy's rules, to derive a variant; this policy is not changed.
   *
   * @return a new builder holding this policy's rules
   */
  public Builder newBuilder() {
    return new Builder(rules);
  }

  /**
   * Judges one address. The address bits alone decide: no DNS lookup, no reverse lookup.
   *
   * @param address an {@code Inet4Address} or {@code Inet6Address}, as resolved or as connected to
   * @return the decision, never null; for an address no rule matched, it names the well-known range
   *     the address falls in (loopback, link-local, cloud metadata, NAT64, public, ...)
   * @throws NullPointerException if {@code address} is null; never throws otherwise
   */
  public Decision decide(InetAddress address) {
    // getAddress() returns a short-lived copy; it is the only public accessor the JDK offers.
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return decide4(address, Bits.int4(b));
    }
    long hi = Bits.hi(b);
    long lo = Bits.lo(b);
    if (Bits.isIpv4Mapped(hi, lo)) {
      return decide4(address, (int) lo);
    }
    Basis basis = table.find6(hi, lo);
    return new Decision(address, basis != null ? basis : SpecialRanges.explain6(hi, lo));
  }

  private Decision decide4(InetAddress address, int bits) {
    Basis basis = table.find4(bits);
    return new Decision(address, basis != null ? basis : SpecialRanges.explain4(bits));
  }

  /**
   * The rules, as people read them, in evaluation order (IPv4 first, most specific first, deny
   * before allow): e.g. {@code "allow 10.0.0.0/8 (RFC 1918 private)"}. Unmodifiable.
   *
   * @return the rules in evaluation order; unmodifiable
   */
  public List<String> rules() {
    return ruleTexts;
  }

  /** Equal when both policies hold the same rules (action and network; notes are ignored). */
  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkPolicy other && other.rules.equals(rules);
  }

  @Override
  public int hashCode() {
    return rules.hashCode();
  }

  /** E.g. {@code NetworkPolicy[allow 10.0.0.0/8 (RFC 1918 private), ...]}. */
  @Override
  public String toString() {
    return "NetworkPolicy" + ruleTexts;
  }

  /**
   * Builds a {@link NetworkPolicy}. Not thread-safe; each {@link #build()} returns an independent,
   * immutable policy. Adding a rule that is already present (same action and network) keeps one
   * copy, owned by the application, so {@link #withoutDefaults()} keeps it.
   */
  public static final class Builder {
    private final List<Rule> rules;

    private Builder(List<Rule> start) {
      this.rules = new ArrayList<>(start);
    }

    /**
     * Treats {@code cidr} as private, e.g. {@code "100.64.0.0/10"}, {@code "fd12:3456::/48"} or
     * {@code "10.1.2.3"} (a single address, /32 or /128). A more specific deny still wins.
     *
     * @param cidr an IPv4 or IPv6 network in canonical CIDR form, or a single address
     * @return this builder
     * @throws IllegalArgumentException if {@code cidr} is not a canonical IP network (a host name,
     *     host bits set, a zone id, a prefix out of range, IPv4 with leading zeros or fewer than
     *     four parts, IPv4-mapped IPv6), or is broader than /8 for IPv4 or /7 for IPv6, which would
     *     make the guard meaningless
     */
    public Builder allow(String cidr) {
      return add(Rule.of(true, cidr));
    }

    /**
     * Refuses {@code cidr}, in the same forms as {@link #allow(String)}; any prefix length is
     * accepted. A deny of IPv6 space (even {@code ::/0}) does not cover IPv4-mapped addresses,
     * which are judged as IPv4.
     *
     * @param cidr an IPv4 or IPv6 network in canonical CIDR form, or a single address
     * @return this builder
     * @throws IllegalArgumentException if {@code cidr} is not a canonical IP network
     */
    public Builder deny(String cidr) {
      return add(Rule.of(false, cidr));
    }

    /**
     * Allows loopback, 127.0.0.0/8 and ::1/128. <b>For tests only; never use it in production</b>:
     * a DNS answer of 127.0.0.1 for a cloud service is a misconfiguration or an attack, and this
     * would let it through. Prefer {@code allow("127.0.0.1/32")} in tests that use another loopback
     * address as a stand-in for the public internet.
     *
     * @return this builder
     */
    public Builder allowLoopback() {
      DefaultRules.LOOPBACK.forEach(this::add);
      return this;
    }

    /**
     * Drops the built-in default rules, including the metadata denies, keeping rules added by the
     * application. With no rule added afterwards the policy denies everything.
     *
     * @return this builder
     */
    public Builder withoutDefaults() {
      rules.removeIf(Rule::isBuiltIn);
      return this;
    }

    /**
     * An immutable policy with the rules added so far.
     *
     * @return the policy; later changes to this builder do not affect it
     */
    public NetworkPolicy build() {
      return new NetworkPolicy(rules);
    }

    private Builder add(Rule rule) {
      int existing = rules.indexOf(rule);
      if (existing < 0) {
        rules.add(rule);
      } else if (rules.get(existing).isBuiltIn() && !rule.isBuiltIn()) {
        // The application asked for this rule itself, so withoutDefaults() must not drop it.
        rules.set(existing, rule);
      }
      return this;
    }
  }

  /**
   * The outcome of {@link NetworkPolicy#decide}: whether the address is allowed, the rule that
   * decided, and a reason a person can act on. Immutable; {@link #reason()} and {@link #toString()}
   * are built on demand, so deciding stays cheap.
   */
  public static final class Decision {
    private final InetAddress address;
    private final Basis basis;

    private Decision(InetAddress address, Basis basis) {
      this.address = address;
      this.basis = basis;
    }

    /**
     * Whether a connection to {@link #address()} is permitted.
     *
     * @return {@code true} if the policy permits connecting to the address
     */
    public boolean allowed() {
      return basis.allows();
    }

    /**
     * The address that was judged, exactly as given to {@link NetworkPolicy#decide}.
     *
     * @return the judged address
     */
    public InetAddress address() {
      return address;
    }

    /**
     * The rule that decided, e.g. {@code "allow 10.0.0.0/8 (RFC 1918 private)"}; when no rule
     * matched, a text starting with {@code "no rule: "} that names the well-known range, e.g.
     * {@code "no rule: 100.64.0.0/10 (carrier-grade NAT, RFC 6598) is not private by default"}.
     *
     * @return the deciding rule, as {@link NetworkPolicy#rules()} prints it
     */
    public String rule() {
      return basis.rule();
    }

    /**
     * One sentence saying why, and what to do about it, e.g. {@code "169.254.169.254 is in
     * 169.254.169.254/32 (cloud metadata service), which no rule of this policy allows; ..."}.
     *
     * @return the reason, for logs and error messages
     */
    public String reason() {
      return basis.reason(address);
    }

    /** Equal when address, outcome and deciding rule are equal. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Decision other
          && other.address.equals(address)
          && other.allowed() == allowed()
          && other.rule().equals(rule());
    }

    @Override
    public int hashCode() {
      return Objects.hash(address, allowed(), rule());
    }

    /** E.g. {@code "10.1.2.3 allowed by allow 10.0.0.0/8 (RFC 1918 private)"}. */
    @Override
    public String toString() {
      return AddressText.of(address) + (allowed() ? " allowed by " : " denied by ") + rule();
    }
  }
}
