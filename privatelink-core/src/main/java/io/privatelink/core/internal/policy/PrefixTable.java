package io.privatelink.core.internal.policy;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An ordered table of networks, each with the {@link Basis} it stands for; a lookup returns the
 * first network that contains the address.
 *
 * <p><b>Internal API:</b> public only so {@code io.privatelink.core} can use it; it may change in
 * any release.
 *
 * <p>Callers order the entries most specific first, so the first match is the longest prefix. The
 * tables are plain parallel arrays: a lookup is a few mask-and-compare operations per entry, with
 * no parsing and no allocation. Policies hold tens of rules at most, so a linear scan beats a trie.
 */
public final class PrefixTable {
  private final int[] network4;
  private final int[] mask4;
  private final Basis[] basis4;
  private final long[] networkHi6;
  private final long[] networkLo6;
  private final long[] maskHi6;
  private final long[] maskLo6;
  private final Basis[] basis6;

  /** Compiles {@code entries}, which must already be in lookup order (most specific first). */
  public PrefixTable(List<Map.Entry<Cidr, Basis>> entries) {
    int v4 = 0;
    for (Map.Entry<Cidr, Basis> e : entries) {
      v4 += e.getKey().isIpv4() ? 1 : 0;
    }
    int v6 = entries.size() - v4;
    network4 = new int[v4];
    mask4 = new int[v4];
    basis4 = new Basis[v4];
    networkHi6 = new long[v6];
    networkLo6 = new long[v6];
    maskHi6 = new long[v6];
    maskLo6 = new long[v6];
    basis6 = new Basis[v6];
    int i4 = 0;
    int i6 = 0;
    for (Map.Entry<Cidr, Basis> entry : entries) {
      Cidr cidr = entry.getKey();
      if (cidr.isIpv4()) {
        network4[i4] = cidr.ipv4Network();
        mask4[i4] = cidr.ipv4Mask();
        basis4[i4++] = entry.getValue();
      } else {
        networkHi6[i6] = cidr.hi();
        networkLo6[i6] = cidr.lo();
        maskHi6[i6] = cidr.maskHi();
        maskLo6[i6] = cidr.maskLo();
        basis6[i6++] = entry.getValue();
      }
    }
  }

  /** The basis of the first IPv4 network containing {@code address}, or null. */
  public @Nullable Basis find4(int address) {
    for (int i = 0; i < network4.length; i++) {
      if ((address & mask4[i]) == network4[i]) {
        return basis4[i];
      }
    }
    return null;
  }

  /** The basis of the first IPv6 network containing the address {@code hi:lo}, or null. */
  public @Nullable Basis find6(long hi, long lo) {
    for (int i = 0; i < networkHi6.length; i++) {
      if ((hi & maskHi6[i]) == networkHi6[i] && (lo & maskLo6[i]) == networkLo6[i]) {
        return basis6[i];
      }
    }
    return null;
  }
}
