package io.privatelink.core.internal.policy;

/**
 * Reads address bytes as the ints and longs the policy compares.
 *
 * <p><b>Internal API:</b> public only so {@code io.privatelink.core} can use it; it may change in
 * any release.
 */
public final class Bits {
  private Bits() {}

  /** The 4 bytes of an IPv4 address as a big-endian int. */
  public static int int4(byte[] b) {
    return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
  }

  /** Bytes 0..7 of an IPv6 address as a big-endian long. */
  public static long hi(byte[] b) {
    return long8(b, 0);
  }

  /** Bytes 8..15 of an IPv6 address as a big-endian long. */
  public static long lo(byte[] b) {
    return long8(b, 8);
  }

  /** Whether the IPv6 bits are IPv4-mapped, {@code ::ffff:a.b.c.d} (RFC 4291 2.5.5.2). */
  public static boolean isIpv4Mapped(long hi, long lo) {
    return hi == 0 && (lo >>> 32) == 0xFFFFL;
  }

  private static long long8(byte[] b, int offset) {
    long v = 0;
    for (int i = offset; i < offset + 8; i++) {
      v = v << 8 | (b[i] & 0xFF);
    }
    return v;
  }
}
