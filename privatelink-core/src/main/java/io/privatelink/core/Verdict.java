package io.privatelink.core;

/**
 * The outcome of verifying one host name against the private-link rules. Only {@link #PRIVATE}
 * lets a connection open; every other verdict is a refusal, with a {@link Diagnosis} that says why.
 */
public enum Verdict {
  /** Every address is allowed by the policy and, where required, the CNAME chain passes a privatelink zone. */
  PRIVATE,
  /** No address is allowed by the policy: traffic would go over the public internet. */
  PUBLIC_ADDRESS,
  /**
   * Some addresses are allowed and some are not. Never filtered down: a public answer next to a
   * private one means the split-horizon DNS is broken.
   */
  MIXED_ADDRESSES,
  /** Every address is allowed, but the CNAME chain never passes a known privatelink zone. */
  NOT_VIA_PRIVATE_LINK,
  /** The name does not exist (NXDOMAIN). */
  NO_SUCH_HOST,
  /** The name exists but has no A or AAAA records (NODATA). */
  NO_ADDRESSES,
  /** The nameserver timed out, failed (SERVFAIL, REFUSED), or sent a malformed or spoofed answer. */
  DNS_FAILURE,
  /** The host name or URL was refused before any DNS query: ambiguous, malformed or over-long. */
  REJECTED_INPUT;

  /** Whether this verdict means the policy was violated (as opposed to DNS failing or bad input). */
  public boolean isViolation() {
    return this == PUBLIC_ADDRESS || this == MIXED_ADDRESSES || this == NOT_VIA_PRIVATE_LINK;
  }
}
