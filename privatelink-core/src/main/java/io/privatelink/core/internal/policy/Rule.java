package io.privatelink.core.internal.policy;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One allow or deny rule of a policy: a network, optionally with a note saying what it is.
 *
 * <p><b>Internal API:</b> public only so {@code io.privatelink.core} can use it; it may change in
 * any release. Applications add rules through {@link io.privatelink.core.NetworkPolicy.Builder}.
 *
 * <p>Two rules are equal when action and network are equal; the note is commentary only.
 */
public final class Rule implements Basis {
  /**
   * Evaluation order: IPv4 before IPv6, longest prefix first, deny before allow at equal length (so
   * the first match is the decision), then by network so the order is total.
   */
  public static final Comparator<Rule> EVALUATION_ORDER = new EvaluationOrder();

  // The shortest allow accepted. fc00::/7 (all unique-local space) is the broadest legitimate
  // IPv6 range; for IPv4, 10.0.0.0/8 is. Anything wider is mostly public address space.
  private static final int MIN_ALLOW_PREFIX_V4 = 8;
  private static final int MIN_ALLOW_PREFIX_V6 = 7;

  private final boolean allow;
  private final Cidr cidr;
  private final boolean builtIn;
  private final String text;
  private final @Nullable String denyAdvice;

  private Rule(
      boolean allow,
      Cidr cidr,
      @Nullable String note,
      boolean builtIn,
      @Nullable String denyAdvice) {
    this.allow = allow;
    this.cidr = cidr;
    this.builtIn = builtIn;
    this.text = (allow ? "allow " : "deny ") + cidr + (note == null ? "" : " (" + note + ")");
    this.denyAdvice =
        denyAdvice != null
            ? denyAdvice
            : "if this address really is your private endpoint, remove or narrow that deny rule";
  }

  /** A built-in allow rule (dropped by {@code withoutDefaults()}). */
  static Rule builtInAllow(String cidr, String note) {
    return new Rule(true, Cidr.parse(cidr), note, true, null);
  }

  /** A built-in deny rule (dropped by {@code withoutDefaults()}), with advice for its reason. */
  static Rule builtInDeny(String cidr, String note, String advice) {
    return new Rule(false, Cidr.parse(cidr), note, true, advice);
  }

  /** An allow rule the application asked for by name (e.g. loopback for tests). */
  static Rule namedAllow(String cidr, String note) {
    return new Rule(true, Cidr.parse(cidr), note, false, null);
  }

  /**
   * An application's rule, validated.
   *
   * @throws IllegalArgumentException if the text is not a valid network, names IPv4-mapped IPv6
   *     space, or is an allow broader than /8 (IPv4) or /7 (IPv6)
   */
  public static Rule of(boolean allow, String cidrText) {
    Cidr cidr = Cidr.parse(cidrText);
    if (!cidr.isIpv4() && cidr.prefix() >= 96 && Bits.isIpv4Mapped(cidr.hi(), cidr.lo())) {
      int v4Prefix = cidr.prefix() - 96;
      throw Cidr.invalid(
          cidrText,
          "IPv4-mapped addresses are judged as their IPv4 address, so"
              + " this rule would never match; write it as "
              + AddressText.ipv4((int) cidr.lo())
              + "/"
              + v4Prefix);
    }
    int min = cidr.isIpv4() ? MIN_ALLOW_PREFIX_V4 : MIN_ALLOW_PREFIX_V6;
    if (allow && cidr.prefix() < min) {
      String family = cidr.isIpv4() ? "IPv4" : "IPv6";
      String examples =
          cidr.isIpv4() ? "10.0.0.0/8 or 100.64.0.0/10" : "fc00::/7 or fd12:3456::/48";
      String problem =
          cidr.prefix() == 0 ? "it would allow every address" : "it is mostly public address space";
      throw new IllegalArgumentException(
          "Refusing allow(\""
              + cidrText
              + "\"): "
              + problem
              + " and would make the guard meaningless. Allow only the ranges that hold your private"
              + " endpoints, no broader than /"
              + min
              + " for "
              + family
              + " (e.g. "
              + examples
              + ").");
    }
    return new Rule(allow, cidr, null, false, null);
  }

  /** Whether this is an allow rule. */
  @Override
  public boolean allows() {
    return allow;
  }

  /** The network this rule names. */
  public Cidr cidr() {
    return cidr;
  }

  /** Whether this rule is one of the built-in defaults. */
  public boolean isBuiltIn() {
    return builtIn;
  }

  /** The rule text, e.g. {@code allow 10.0.0.0/8 (RFC 1918 private)}. */
  @Override
  public String rule() {
    return text;
  }

  @Override
  public String reason(InetAddress address) {
    String who = AddressText.of(address);
    if (allow) {
      return who + " matches \"" + text + "\", so this policy treats it as private.";
    }
    return who + " matches \"" + text + "\", so this policy refuses it; " + denyAdvice + ".";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rule other && other.allow == allow && other.cidr.equals(cidr);
  }

  @Override
  public int hashCode() {
    return Objects.hash(allow, cidr);
  }

  @Override
  public String toString() {
    return text;
  }

  /**
   * {@link #EVALUATION_ORDER} written out: a {@code Comparator.comparing(...).thenComparing(...)}
   * chain spins up its lambdas (and their invokedynamic bootstrap) when this class initialises,
   * dozens of classes at every start of the CLI.
   */
  private static final class EvaluationOrder implements Comparator<Rule> {
    @Override
    public int compare(Rule a, Rule b) {
      int c = Boolean.compare(!a.cidr.isIpv4(), !b.cidr.isIpv4());
      if (c == 0) {
        c = Integer.compare(b.cidr.prefix(), a.cidr.prefix()); // longer prefix first
      }
      if (c == 0) {
        c = Boolean.compare(a.allow, b.allow); // deny first
      }
      if (c == 0) {
        c = Long.compareUnsigned(a.cidr.hi(), b.cidr.hi());
      }
      if (c == 0) {
        c = Long.compareUnsigned(a.cidr.lo(), b.cidr.lo());
      }
      return c;
    }
  }
}
