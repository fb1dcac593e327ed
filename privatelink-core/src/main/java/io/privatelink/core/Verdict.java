package io.privatelink.core;

/**
 * The outcome of verifying one host name against the private-link rules. Only {@link #PRIVATE} lets
 * a connection open; every other verdict is a refusal, with a {@link Diagnosis} that says why.
 */
public enum Verdict {
  /**
   * Every address is allowed by the policy and, where required, the CNAME chain passes a
   * privatelink zone.
   */
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
  /**
   * The nameserver timed out, failed (SERVFAIL, REFUSED), or sent a malformed or spoofed answer.
   */
  DNS_FAILURE,
  /** The host name or URL was refused before any DNS query: ambiguous, malformed or over-long. */
  REJECTED_INPUT,
  /**
   * The host is well-formed but not among the client's allowed hosts ({@link
   * ConnectionGuard.Builder#allowedHosts}): refused before any DNS query, as the first request or
   * as a redirect target.
   */
  HOST_NOT_ALLOWED,
  /**
   * A URL the server handed the client (a paging link, a {@code Location}) leaves the server base
   * the client was configured for: refused before any DNS query (privatelink-hapi's {@code
   * LinkPolicy}).
   */
  LINK_LEAVES_SERVER;

  /**
   * Whether this verdict means the network policy was violated: DNS answered, and what it answered
   * is not private ({@link #PUBLIC_ADDRESS}, {@link #MIXED_ADDRESSES}, {@link
   * #NOT_VIA_PRIVATE_LINK}); as opposed to DNS failing, bad input, or a host outside the allowlist.
   *
   * @return {@code true} for the three verdicts a DNS answer itself violates, {@code false}
   *     otherwise
   */
  public boolean isViolation() {
    return switch (this) {
      case PUBLIC_ADDRESS, MIXED_ADDRESSES, NOT_VIA_PRIVATE_LINK -> true;
      case PRIVATE,
          NO_SUCH_HOST,
          NO_ADDRESSES,
          DNS_FAILURE,
          REJECTED_INPUT,
          HOST_NOT_ALLOWED,
          LINK_LEAVES_SERVER ->
          false;
    };
  }
}
