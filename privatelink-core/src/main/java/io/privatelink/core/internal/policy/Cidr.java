package io.privatelink.core.internal.policy;

import java.util.Objects;

/**
 * An IPv4 or IPv6 network (address plus prefix length), parsed strictly from literal text.
 *
 * <p><b>Internal API:</b> public only so {@code io.privatelink.core} can use it; it may change in
 * any release. Applications use {@link io.privatelink.core.NetworkPolicy.Builder} instead.
 *
 * <p>Parsing never calls {@code InetAddress.getByName}: a rule must never depend on DNS, and text
 * such as a host name would otherwise trigger a lookup. Only canonical forms are accepted (no
 * leading zeros in IPv4 parts, no shortened IPv4 such as {@code 10.1}, no host bits set, no zone
 * ids), because lenient parsers disagree on what those mean.
 *
 * <p>Bits are held as two longs ({@code hi} = bits 0..63, {@code lo} = bits 64..127); an IPv4
 * network keeps its 32 bits in the low half of {@code lo}.
 */
public final class Cidr {
  private static final String EXPECTED =
      "Expected an IPv4 or IPv6 network in CIDR form such as 10.0.0.0/8 or fd12:3456::/48,"
          + " or a single address such as 10.1.2.3 (= /32) or fd12::1 (= /128)";

  private final boolean ipv4;
  private final long hi;
  private final long lo;
  private final int prefix;

  private Cidr(boolean ipv4, long hi, long lo, int prefix) {
    this.ipv4 = ipv4;
    this.hi = hi;
    this.lo = lo;
    this.prefix = prefix;
  }

  /**
   * Parses {@code text} such as {@code "10.0.0.0/8"}, {@code "fd12:3456::/48"} or {@code
   * "10.1.2.3"} (a bare address is a /32 or /128).
   *
   * @throws IllegalArgumentException saying what is wrong and the expected form
   * @throws NullPointerException if {@code text} is null
   */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "cidr");
    if (text.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        throw invalid(text, "it contains whitespace");
      }
    }
    if (text.indexOf('%') >= 0) {
      throw invalid(
          text,
          "zone ids ('%' and an interface) are not allowed: a rule names address"
              + " bits, and the same bits are judged alike on every interface");
    }
    if (text.indexOf('[') >= 0 || text.indexOf(']') >= 0) {
      throw invalid(text, "remove the brackets; they belong in URLs, not in rules");
    }
    int slash = text.indexOf('/');
    if (slash >= 0 && text.indexOf('/', slash + 1) >= 0) {
      throw invalid(text, "it has more than one '/'");
    }
    String address = slash < 0 ? text : text.substring(0, slash);
    boolean ipv4 = address.indexOf(':') < 0;
    if (ipv4 && !asciiDigits(address, true)) {
      throw invalid(
          text,
          "'"
              + address
              + "' is not an IP address literal; host names are never"
              + " accepted, because a rule must not depend on DNS");
    }
    int max = ipv4 ? 32 : 128;
    int prefix = slash < 0 ? max : parsePrefix(text, text.substring(slash + 1), max);

    long hi;
    long lo;
    if (ipv4) {
      hi = 0;
      lo = parseIpv4(text, address) & 0xFFFF_FFFFL;
    } else {
      long[] bits = parseIpv6(text, address);
      hi = bits[0];
      lo = bits[1];
    }
    Cidr cidr = new Cidr(ipv4, hi, lo, prefix);
    if ((hi & ~cidr.maskHi()) != 0 || (lo & ~cidr.maskLo()) != 0) {
      Cidr network = new Cidr(ipv4, hi & cidr.maskHi(), lo & cidr.maskLo(), prefix);
      throw invalid(
          text,
          "host bits are set after the first " + prefix + " bits (did you mean " + network + "?)");
    }
    return cidr;
  }

  /** Whether this is an IPv4 network. */
  public boolean isIpv4() {
    return ipv4;
  }

  /** The prefix length: 0..32 for IPv4, 0..128 for IPv6. */
  public int prefix() {
    return prefix;
  }

  /** Bits 0..63 of the network (IPv6); always 0 for IPv4. */
  public long hi() {
    return hi;
  }

  /** Bits 64..127 of the network (IPv6), or the 32 IPv4 bits in the low half. */
  public long lo() {
    return lo;
  }

  /** The IPv4 network as an int; only meaningful when {@link #isIpv4()}. */
  public int ipv4Network() {
    return (int) lo;
  }

  /** The IPv4 netmask as an int; only meaningful when {@link #isIpv4()}. */
  public int ipv4Mask() {
    // A shift by 32 is a no-op in Java, so /0 needs its own case.
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  /** The IPv6 netmask, bits 0..63. */
  public long maskHi() {
    if (ipv4) {
      return 0;
    }
    return prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
  }

  /** The IPv6 netmask, bits 64..127 (for IPv4: the netmask in the low 32 bits). */
  public long maskLo() {
    if (ipv4) {
      return ipv4Mask() & 0xFFFF_FFFFL;
    }
    return prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
  }

  /** Canonical text: dotted quad, or RFC 5952 IPv6, then {@code /prefix}. */
  @Override
  public String toString() {
    return (ipv4 ? AddressText.ipv4((int) lo) : AddressText.ipv6(hi, lo)) + "/" + prefix;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr other
        && other.ipv4 == ipv4
        && other.hi == hi
        && other.lo == lo
        && other.prefix == prefix;
  }

  @Override
  public int hashCode() {
    return Objects.hash(ipv4, hi, lo, prefix);
  }

  /**
   * Whether {@code s} is made of ASCII digits only (and dots, where {@code dots}); true for "". A
   * loop, not {@code chars().allMatch(...)}: every policy is parsed at start, and the stream
   * classes that loads are some 70 more for each CLI run to load.
   */
  private static boolean asciiDigits(String s, boolean dots) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && !(dots && c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static int parsePrefix(String text, String digits, int max) {
    if (digits.isEmpty() || !asciiDigits(digits, false)) {
      throw invalid(text, "the prefix length after '/' must be a decimal number from 0 to " + max);
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw invalid(text, "the prefix length '" + digits + "' has a leading zero");
    }
    if (digits.length() > 3 || Integer.parseInt(digits) > max) {
      throw invalid(
          text,
          "the prefix length "
              + digits
              + " is out of range: "
              + (max == 32 ? "IPv4" : "IPv6")
              + " allows 0 to "
              + max);
    }
    return Integer.parseInt(digits);
  }

  private static int parseIpv4(String text, String address) {
    String[] parts = address.split("\\.", -1);
    if (parts.length != 4) {
      throw invalid(
          text,
          "an IPv4 address needs exactly four dotted decimal parts (a.b.c.d);"
              + " shortened forms such as 10.1 are ambiguous");
    }
    int bits = 0;
    for (String part : parts) {
      // ASCII digits only: Integer.parseInt also takes a sign and other scripts' digits.
      if (part.isEmpty() || part.length() > 3 || !asciiDigits(part, false)) {
        throw invalid(text, "IPv4 part '" + part + "' must be a decimal number from 0 to 255");
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        throw invalid(
            text,
            "IPv4 part '" + part + "' has a leading zero, which some parsers read" + " as octal");
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        throw invalid(text, "IPv4 part " + part + " is above 255");
      }
      bits = bits << 8 | value;
    }
    return bits;
  }

  private static long[] parseIpv6(String text, String address) {
    int gap = address.indexOf("::");
    if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
      throw invalid(text, "'::' may appear only once in an IPv6 address");
    }
    int[] head = parseGroups(text, gap < 0 ? address : address.substring(0, gap), gap < 0);
    int[] tail = gap < 0 ? new int[0] : parseGroups(text, address.substring(gap + 2), true);
    int count = head.length + tail.length;
    if (gap < 0 && count != 8) {
      throw invalid(text, "an IPv6 address needs 8 groups, or '::' for a run of zero groups");
    }
    if (gap >= 0 && count > 7) {
      throw invalid(text, "an IPv6 address has at most 8 groups, and '::' stands for at least one");
    }
    int[] groups = new int[8];
    System.arraycopy(head, 0, groups, 0, head.length);
    System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 4; i++) {
      hi = hi << 16 | groups[i];
      lo = lo << 16 | groups[i + 4];
    }
    return new long[] {hi, lo};
  }

  /** Parses colon-separated hex groups; a dotted IPv4 quad may end the address (two groups). */
  private static int[] parseGroups(String text, String part, boolean mayEndWithIpv4) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] pieces = part.split(":", -1);
    int[] groups = new int[pieces.length + 1];
    int n = 0;
    for (int i = 0; i < pieces.length; i++) {
      String piece = pieces[i];
      if (piece.indexOf('.') >= 0) {
        if (i != pieces.length - 1 || !mayEndWithIpv4) {
          throw invalid(text, "an embedded IPv4 quad may only end an IPv6 address");
        }
        int v4 = parseIpv4(text, piece);
        groups[n++] = v4 >>> 16;
        groups[n++] = v4 & 0xFFFF;
        continue;
      }
      if (piece.isEmpty() || piece.length() > 4) {
        throw invalid(text, "IPv6 group '" + piece + "' must be 1 to 4 hex digits");
      }
      int value = 0;
      for (int k = 0; k < piece.length(); k++) {
        char c = piece.charAt(k);
        // Not Character.digit: it also takes fullwidth and other scripts' digits.
        int digit =
            c >= '0' && c <= '9'
                ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (digit < 0) {
          throw invalid(text, "IPv6 group '" + piece + "' is not hexadecimal");
        }
        value = value << 4 | digit;
      }
      groups[n++] = value;
    }
    int[] result = new int[n];
    System.arraycopy(groups, 0, result, 0, n);
    return result;
  }

  static IllegalArgumentException invalid(String text, String problem) {
    return new IllegalArgumentException(
        "Invalid network \"" + text + "\": " + problem + ". " + EXPECTED + ".");
  }
}
