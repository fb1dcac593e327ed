package io.privatelink.core.internal.policy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Formats addresses for people: dotted quads, and IPv6 in the RFC 5952 canonical form ({@code
 * fd00:ec2::254}, not the JDK's {@code fd00:ec2:0:0:0:0:0:254}).
 *
 * <p><b>Internal API:</b> public only so {@code io.privatelink.core} can use it; it may change in
 * any release.
 */
public final class AddressText {
  private AddressText() {}

  /**
   * The address as a person would write it: IPv4-mapped IPv6 as {@code ::ffff:a.b.c.d}, and a scope
   * id, if any, kept after {@code %}. Never performs a DNS lookup.
   */
  public static String of(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return ipv4(Bits.int4(b));
    }
    long hi = Bits.hi(b);
    long lo = Bits.lo(b);
    String text = Bits.isIpv4Mapped(hi, lo) ? "::ffff:" + ipv4((int) lo) : ipv6(hi, lo);
    // getHostAddress() is literal formatting (no lookup); we only borrow its scope suffix.
    if (address instanceof Inet6Address v6
        && (v6.getScopeId() != 0 || v6.getScopedInterface() != null)) {
      String jdk = address.getHostAddress();
      int percent = jdk.indexOf('%');
      if (percent >= 0) {
        text += jdk.substring(percent);
      }
    }
    return text;
  }

  /**
   * The socket address as {@code host:port}, an IPv6 host in brackets ({@code 10.0.0.4:53}, {@code
   * [fd00::4]:53}). Never performs a DNS lookup.
   *
   * @throws NullPointerException if the address is unresolved (it has no IP address to show)
   */
  public static String hostPort(InetSocketAddress address) {
    String host = of(address.getAddress());
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return host + ":" + address.getPort();
  }

  /** Dotted-quad text of a 32-bit IPv4 address. */
  public static String ipv4(int bits) {
    return (bits >>> 24)
        + "."
        + (bits >>> 16 & 0xFF)
        + "."
        + (bits >>> 8 & 0xFF)
        + "."
        + (bits & 0xFF);
  }

  /** RFC 5952 text: lower case, no leading zeros, the longest run (2+) of zero groups as '::'. */
  public static String ipv6(long hi, long lo) {
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
      groups[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
    }
    int bestStart = -1;
    int bestLength = 1; // RFC 5952 4.2.2: never shorten a single zero group
    for (int i = 0; i < 8; i++) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = Math.max(i, j);
    }
    StringBuilder text = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}
