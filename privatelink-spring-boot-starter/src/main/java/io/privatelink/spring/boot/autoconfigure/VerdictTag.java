package io.privatelink.spring.boot.autoconfigure;

import io.privatelink.core.Verdict;

/**
 * The {@code verdict} tag of meters and observations. Its own class: observations need it where
 * Micrometer's meter classes are absent.
 */
final class VerdictTag {

  private VerdictTag() {}

  /**
   * The {@code verdict} tag of {@code verdict}. Spelled out, not derived from the constant's name:
   * tags are what dashboards and alerts match, and a new verdict must not compile until it has one.
   */
  static String of(Verdict verdict) {
    return switch (verdict) {
      case PRIVATE -> "private";
      case PUBLIC_ADDRESS -> "public_address";
      case MIXED_ADDRESSES -> "mixed_addresses";
      case NOT_VIA_PRIVATE_LINK -> "not_via_private_link";
      case NO_SUCH_HOST -> "no_such_host";
      case NO_ADDRESSES -> "no_addresses";
      case DNS_FAILURE -> "dns_failure";
      case REJECTED_INPUT -> "rejected_input";
      case HOST_NOT_ALLOWED -> "host_not_allowed";
      case LINK_LEAVES_SERVER -> "link_leaves_server";
    };
  }
}
