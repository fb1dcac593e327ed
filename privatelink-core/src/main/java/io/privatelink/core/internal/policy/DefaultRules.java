package io.privatelink.core.internal.policy;

import java.util.List;

/**
 * The built-in rules of {@code NetworkPolicy.defaults()}, and the loopback rules for tests.
 *
 * <p><b>Internal API:</b> public only so {@code io.privatelink.core} can use it; it may change in
 * any release.
 */
public final class DefaultRules {
  private DefaultRules() {}

  /**
   * The private ranges (RFC 1918, RFC 4193), minus the metadata and credential endpoints that
   * clouds place inside them. Each deny is a single published address that hands out instance
   * credentials; reaching one with our request would be SSRF, not a private-link call.
   *
   * <p>Deliberately not denied, although they sit in the same AWS block: fd00:ec2::253 (Route 53
   * Resolver) and fd00:ec2::123 (Time Sync). They serve DNS and NTP, hold no credentials, and
   * nothing answers HTTPS there, so a connection simply fails; a deny would add noise, not safety.
   * IPv4 metadata addresses (169.254.169.254, 100.100.100.200, 192.0.0.192) lie outside the default
   * allows, so they need no deny; {@link SpecialRanges} names them in the explanation.
   */
  public static final List<Rule> DEFAULTS =
      List.of(
          Rule.builtInAllow("10.0.0.0/8", "RFC 1918 private"),
          Rule.builtInAllow("172.16.0.0/12", "RFC 1918 private"),
          Rule.builtInAllow("192.168.0.0/16", "RFC 1918 private"),
          Rule.builtInAllow("fc00::/7", "unique local, RFC 4193"),
          // AWS EC2 Instance Metadata Service over IPv6 (Nitro instances,
          // HttpProtocolIpv6=enabled):
          // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
          Rule.builtInDeny(
              "fd00:ec2::254/128", "AWS instance metadata service, IPv6", SpecialRanges.METADATA),
          // Amazon EKS Pod Identity Agent, which serves pod credentials on [fd00:ec2::23]:80:
          // https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html
          Rule.builtInDeny(
              "fd00:ec2::23/128", "AWS EKS Pod Identity Agent, IPv6", SpecialRanges.METADATA),
          // Google Compute Engine metadata server over IPv6 (IPv6-only and dual-stack VMs):
          // https://cloud.google.com/compute/docs/metadata/querying-metadata
          Rule.builtInDeny(
              "fd20:ce::254/128", "Google Cloud metadata server, IPv6", SpecialRanges.METADATA));

  /** Loopback, for tests only: {@code Builder.allowLoopback()}. */
  public static final List<Rule> LOOPBACK =
      List.of(
          Rule.namedAllow("127.0.0.0/8", "loopback, for tests only"),
          Rule.namedAllow("::1/128", "loopback, for tests only"));
}
