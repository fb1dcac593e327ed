package io.privatelink.core.internal.host;

import io.privatelink.core.internal.policy.AddressText;
import io.privatelink.core.internal.policy.Cidr;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Strict intake of host names and URL authorities. Internal: not part of the public API.
 *
 * <p>Everything the guard judges first passes through here, so the rules are deliberately narrow: a
 * host is either a DNS name made of letters, digits and hyphens (IDN converted to punycode), a
 * canonical dotted-quad IPv4 address, or an IPv6 literal. Anything another parser could read
 * differently (a decimal, octal or hex address, a short form, non-ASCII digits, a zone id,
 * percent-encoding, a backslash) is refused rather than guessed at.
 */
public final class HostNames {

  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  private HostNames() {}

  /** A host that passed intake: a {@link DnsName} or an {@link IpLiteral}, nothing else. */
  public sealed interface Host permits DnsName, IpLiteral {
    /** The canonical form: lower case, no trailing dot, punycode; IPv6 without brackets. */
    String name();
  }

  /**
   * A DNS name, to be resolved.
   *
   * @param name lower case, no trailing dot, punycode
   */
  public record DnsName(String name) implements Host {}

  /**
   * An IP literal: no DNS involved.
   *
   * @param name the address in its one canonical spelling (dotted quad, or RFC 5952 without
   *     brackets)
   * @param address the address
   */
  public record IpLiteral(String name, InetAddress address) implements Host {}

  /**
   * Canonicalizes a host name or IP literal.
   *
   * @throws IllegalArgumentException with a message saying what was wrong, when the host is refused
   */
  public static Host canonicalHost(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new IllegalArgumentException("the host is empty");
    }
    String host = raw;
    if (host.startsWith("[") && host.endsWith("]")) {
      return ipv6Literal(host.substring(1, host.length() - 1), raw);
    }
    rejectBadCharacters(host, raw);
    if (host.indexOf(':') >= 0) {
      return ipv6Literal(host, raw);
    }
    boolean nonAscii = false;
    for (int i = 0; i < host.length(); i++) {
      if (host.charAt(i) > 0x7e) {
        nonAscii = true;
        break;
      }
    }
    if (nonAscii) {
      rejectNonAsciiDigits(host, raw);
      try {
        host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'"
                + printable(raw)
                + "' is not a valid internationalized host name: "
                + e.getMessage());
      }
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("the host '" + printable(raw) + "' is empty");
    }
    if (host.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "the host name is " + host.length() + " characters long; DNS allows at most 253");
    }
    String[] labels = host.split("\\.", -1);
    for (String label : labels) {
      checkLabel(label, raw);
    }
    if (isNumericLabel(labels[labels.length - 1])) {
      // Whatever ends in a number is read as an IPv4 address by browsers, curl and the JDK alike;
      // only the one unambiguous spelling is accepted.
      if (!nonAscii && isCanonicalDottedQuad(labels)) {
        return new IpLiteral(host, ipv4(labels));
      }
      throw new IllegalArgumentException(
          "'"
              + printable(raw)
              + "' is an ambiguous IP literal (decimal, octal, hex, short or non-ASCII forms are"
              + " read differently by different parsers); write a DNS name or a canonical"
              + " dotted quad such as 10.0.0.4");
    }
    return new DnsName(host);
  }

  /**
   * Extracts and canonicalizes the host a URL would connect to. Only {@code http} and {@code https}
   * URLs are accepted; userinfo is skipped exactly as an HTTP client skips it, so {@code
   * https://good@8.8.8.8/} yields {@code 8.8.8.8}.
   *
   * @throws IllegalArgumentException with a message saying what was wrong
   */
  public static Host hostOfUrl(String url) {
    if (url == null || url.isEmpty()) {
      throw new IllegalArgumentException("the URL is empty");
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(
            "the URL contains " + describe(c) + " at index " + i + "; remove it");
      }
      if (c == '\\') {
        throw new IllegalArgumentException(
            "the URL contains a backslash, which parsers disagree on (some read it as '/'); use '/'");
      }
    }
    int schemeEnd = url.indexOf("://");
    if (schemeEnd <= 0) {
      throw new IllegalArgumentException(
          "'" + printable(url) + "' is not an absolute URL; expected https://host/path");
    }
    String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(
          "unsupported URL scheme '" + scheme + "'; expected https (or http)");
    }
    int authorityStart = schemeEnd + 3;
    int authorityEnd = url.length();
    for (int i = authorityStart; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        authorityEnd = i;
        break;
      }
    }
    String authority = url.substring(authorityStart, authorityEnd);
    int at = authority.lastIndexOf('@');
    String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
    if (hostPort.indexOf('%') >= 0) {
      throw new IllegalArgumentException(
          "the URL host '"
              + printable(hostPort)
              + "' contains '%': percent-encoded hosts and IPv6 zone ids are not accepted");
    }
    String host;
    try {
      host = splitHostPort(hostPort, HostPortForm.URL_AUTHORITY).host();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          e.getMessage() + " (in the URL '" + printable(url) + "')", e);
    }
    return canonicalHost(host);
  }

  /** How {@link #splitHostPort} reads its input. */
  public enum HostPortForm {
    /**
     * The authority of a URL (RFC 3986): an IPv6 literal must be in brackets (is {@code 1::2:3}
     * host {@code 1::2} on port 3?), and an empty port ({@code host:}) means the default.
     */
    URL_AUTHORITY,
    /**
     * A host or address typed by a person or a configuration ({@code host}, {@code host:port},
     * {@code [v6]:port}, or a bare IPv6 address, which then has no port); an empty port is refused.
     */
    HOST_OR_ADDRESS
  }

  /**
   * A host and the port written after it.
   *
   * @param host the host part, as written (brackets of an IPv6 literal kept)
   * @param port the port, or -1 when none was written
   */
  public record HostPort(String host, int port) {}

  /**
   * Splits {@code text} into host and port. The one host:port parser of the library: URLs, service
   * hosts and nameservers all go through it. The host part is not canonicalized here.
   *
   * @throws IllegalArgumentException saying what was wrong (unterminated bracket, text after the
   *     bracket, unbracketed IPv6 in a URL, a port that is not 1..65535)
   */
  public static HostPort splitHostPort(String text, HostPortForm form) {
    String host = text;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException(
            "unterminated IPv6 literal in '" + printable(text) + "'");
      }
      host = text.substring(0, close + 1);
      if (close + 1 < text.length()) {
        if (text.charAt(close + 1) != ':') {
          throw new IllegalArgumentException(
              "unexpected text after ']' in '" + printable(text) + "'; expected ':' and a port");
        }
        port = text.substring(close + 2);
      }
    } else if (text.indexOf(':') != text.lastIndexOf(':')) {
      if (form == HostPortForm.URL_AUTHORITY) {
        // Is "1::2:3" host 1::2 on port 3, or host 1::2:3? Parsers disagree; RFC 3986 wants
        // brackets.
        throw new IllegalArgumentException(
            "an IPv6 address in a URL must be in brackets, as in https://[fd00::4]:443/; got '"
                + printable(text)
                + "'");
      }
      return new HostPort(text, -1); // a bare IPv6 address: no port
    } else {
      int colon = text.indexOf(':');
      if (colon >= 0) {
        host = text.substring(0, colon);
        port = text.substring(colon + 1);
      }
    }
    if (port == null || (port.isEmpty() && form == HostPortForm.URL_AUTHORITY)) {
      return new HostPort(host, -1);
    }
    return new HostPort(host, parsePort(port));
  }

  /**
   * Parses a port number 1..65535.
   *
   * @throws IllegalArgumentException if it is not one
   */
  public static int parsePort(String port) {
    if (port.isEmpty() || port.length() > 5) {
      throw new IllegalArgumentException("'" + printable(port) + "' is not a port (1-65535)");
    }
    for (int i = 0; i < port.length(); i++) {
      char c = port.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("'" + printable(port) + "' is not a port (1-65535)");
      }
    }
    int value = Integer.parseInt(port);
    if (value < 1 || value > 65535) {
      throw new IllegalArgumentException("'" + port + "' is not a port (1-65535)");
    }
    return value;
  }

  private static Host ipv6Literal(String text, String raw) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty IPv6 literal in '" + printable(raw) + "'");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        throw new IllegalArgumentException(
            "'" + printable(raw) + "' has an IPv6 zone id ('%'); zone ids are not accepted");
      }
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F')
              || c == ':'
              || c == '.';
      if (!ok) {
        throw new IllegalArgumentException(
            "'" + printable(raw) + "' is neither a host name nor a valid IPv6 literal");
      }
    }
    if (text.indexOf(':') < 0) {
      throw new IllegalArgumentException("'" + printable(raw) + "' is not a valid IPv6 literal");
    }
    Cidr bits;
    try {
      // Cidr's parser, not InetAddress.getByName: the JDK hands text that does not start with a hex
      // digit or ':' (".::1") to the system resolver and hosts file, and reads embedded IPv4 parts
      // with leading zeros ("::ffff:0127.0.0.1") that other parsers refuse or read as octal.
      bits = Cidr.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + printable(raw) + "' is not a valid IPv6 literal");
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (bits.hi() >>> (56 - 8 * i));
      bytes[i + 8] = (byte) (bits.lo() >>> (56 - 8 * i));
    }
    InetAddress address;
    try {
      // An IPv4-mapped address comes back as the Inet4Address it maps.
      address = InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError("16 bytes are always a valid address", e);
    }
    // One spelling per address (RFC 5952), so "[0:0::1]" and "[::1]" are one host.
    return new IpLiteral(AddressText.of(address), address);
  }

  private static void rejectBadCharacters(String host, String raw) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
        throw new IllegalArgumentException(
            "the host contains " + describe(c) + " at index " + i + "; remove it");
      }
      if (c == '%') {
        throw new IllegalArgumentException(
            "the host '"
                + printable(raw)
                + "' contains '%': percent-encoding and IPv6 zone ids are not accepted");
      }
      if (c == ' ' || c == '/' || c == '\\' || c == '@' || c == '?' || c == '#' || c == '['
          || c == ']') {
        throw new IllegalArgumentException(
            "the host '" + printable(raw) + "' contains '" + c + "'; give a bare host name");
      }
    }
  }

  /**
   * Digits of other scripts (Arabic-Indic, Devanagari, ...) survive IDNA as punycode, yet {@code
   * Integer.parseInt} and other lenient parsers read them as numbers, so {@code ١٢٧.٠.٠.١} would be
   * a DNS name here and 127.0.0.1 elsewhere.
   */
  private static void rejectNonAsciiDigits(String host, String raw) {
    for (int i = 0; i < host.length(); ) {
      int cp = host.codePointAt(i);
      if (cp > 0x7f && Character.isDigit(cp)) {
        throw new IllegalArgumentException(
            "'"
                + printable(raw)
                + "' contains the non-ASCII digit U+"
                + String.format("%04X", cp)
                + ", which some parsers read as a number; write the host with ASCII digits");
      }
      i += Character.charCount(cp);
    }
  }

  private static void checkLabel(String label, String raw) {
    if (label.isEmpty()) {
      throw new IllegalArgumentException("the host '" + printable(raw) + "' has an empty label");
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      throw new IllegalArgumentException(
          "the host '"
              + printable(raw)
              + "' has a label of "
              + label.length()
              + " characters; DNS allows at most 63");
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) {
        throw new IllegalArgumentException(
            "the host '"
                + printable(raw)
                + "' contains '"
                + c
                + "'; host names hold only letters, digits and hyphens");
      }
    }
    if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
      throw new IllegalArgumentException(
          "the host '" + printable(raw) + "' has a label that starts or ends with '-'");
    }
  }

  private static boolean isNumericLabel(String label) {
    if (label.startsWith("0x")) {
      for (int i = 2; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          return false;
        }
      }
      return true;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isCanonicalDottedQuad(String[] labels) {
    if (labels.length != 4) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 3) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
      }
      if (label.length() > 1 && label.charAt(0) == '0') {
        return false;
      }
      if (Integer.parseInt(label) > 255) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress ipv4(String[] labels) {
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      bytes[i] = (byte) Integer.parseInt(labels[i]);
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError("four bytes are always a valid address", e);
    }
  }

  private static String describe(char c) {
    return String.format("a control character (U+%04X)", (int) c);
  }

  /** Renders untrusted input safely for an error message: control characters escaped, capped. */
  public static String printable(String s) {
    StringBuilder out = new StringBuilder();
    int limit = Math.min(s.length(), 300);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (s.length() > limit) {
      out.append("...(").append(s.length()).append(" chars)");
    }
    return out.toString();
  }
}
