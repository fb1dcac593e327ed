package io.privatelink.core.internal.policy;

import java.net.InetAddress;

/**
 * What a policy decision rests on: the rule that matched, or, when none did, the well-known range
 * that explains why the address is not private.
 *
 * <p><b>Internal API:</b> public only so {@code io.privatelink.core} can use it; it may change in
 * any release.
 *
 * <p>Sealed: a decision rests on a rule or on a well-known range, nothing else. Both are immutable
 * and precompute {@link #rule()}, so deciding allocates nothing; {@link #reason(InetAddress)}
 * builds its sentence only when someone asks for it.
 */
public sealed interface Basis permits Rule, SpecialRanges.Label {
  /** Whether an address decided on this basis may be connected to. */
  boolean allows();

  /** The rule text, e.g. {@code allow 10.0.0.0/8 (RFC 1918 private)}. */
  String rule();

  /** One sentence about {@code address} (the address that was judged) that a person can act on. */
  String reason(InetAddress address);
}
