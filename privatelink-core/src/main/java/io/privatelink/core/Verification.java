package io.privatelink.core;

import io.privatelink.core.internal.dns.DnsAnswer;
import io.privatelink.core.internal.policy.Cidr;
import io.privatelink.core.internal.zones.ZoneTable;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The verdict over one DNS answer: a pure function of the answer, the policy, the zones and the
 * family rule, with no I/O and no clock, so it can be tested and fuzzed without a server. The one
 * place where a {@link Verdict#PRIVATE} result is made from DNS.
 *
 * <p>A and AAAA are judged together: every address either family answered must be allowed (a
 * refused one makes the result {@link Verdict#MIXED_ADDRESSES} or {@link Verdict#PUBLIC_ADDRESS},
 * never filtered away). A family whose query failed contributes no address; unless the rules are
 * strict, it does not sink the other family's verified addresses, and the failure is recorded.
 */
final class Verification {

  /** What a DNS answer is judged against. */
  record Rules(
      NetworkPolicy policy,
      PrivateLinkZones zones,
      PrivateLinkResolver.ZoneRequirement zoneRequirement,
      boolean strictFamilies,
      List<Cidr> nat64Prefixes) {
    Rules {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(zones, "zones");
      Objects.requireNonNull(zoneRequirement, "zoneRequirement");
      nat64Prefixes = List.copyOf(nat64Prefixes);
    }

    /** Whether {@code host}'s chain must pass a known privatelink zone. */
    boolean zoneRequired(String host) {
      return switch (zoneRequirement) {
        case FOR_AZURE_SERVICES ->
            ServiceEndpoint.of(host, false).isAzureHealthService()
                || ZoneTable.privateLinkAlias(host).isPresent();
        case FOR_EVERY_HOST -> true;
        case FOR_NO_HOST -> false;
      };
    }
  }

  private Verification() {}

  /** Judges what DNS answered for {@code host} (a canonical name). Never throws for valid input. */
  static Resolution of(String host, DnsAnswer answer, Rules rules) {
    String zone = null;
    for (String name : answer.chain()) {
      zone = rules.zones().zoneOf(name).orElse(null);
      if (zone != null) {
        break;
      }
    }
    List<Resolution.Address> addresses = new ArrayList<>(2);
    List<Resolution.FailedQuery> failed = List.of(); // made when a query failed
    long minTtl = Long.MAX_VALUE;
    int allowed = 0;
    boolean nxdomain = false;
    for (int i = 0; i < 2; i++) {
      DnsAnswer.Family family = i == 0 ? answer.a() : answer.aaaa();
      switch (family.outcome()) {
        case FAILURE -> {
          if (failed.isEmpty()) {
            failed = new ArrayList<>(2);
          }
          failed.add(
              new Resolution.FailedQuery(
                  family.type(), Objects.requireNonNullElse(family.detail(), "no usable answer")));
        }
        case NXDOMAIN -> nxdomain = true;
        case NODATA -> {}
        case ANSWER -> {
          for (DnsAnswer.Record record : family.records()) {
            NetworkPolicy.Decision decision = rules.policy().decide(record.address());
            if (decision.allowed()) {
              allowed++;
            }
            minTtl = Math.min(minTtl, record.ttl());
            addresses.add(new Resolution.Address(record.address(), record.ttl(), decision));
          }
        }
      }
    }
    Duration ttl = Duration.ofSeconds(minTtl == Long.MAX_VALUE ? 0 : Math.max(0, minTtl));
    Verdict verdict;
    String detail = null;
    if (!failed.isEmpty() && (rules.strictFamilies() || addresses.isEmpty())) {
      verdict = Verdict.DNS_FAILURE;
      detail = describe(failed);
      addresses.clear(); // nothing was verified; never show a partial answer as the result
      ttl = Duration.ZERO;
    } else if (!addresses.isEmpty()) {
      if (allowed == 0) {
        verdict = Verdict.PUBLIC_ADDRESS;
      } else if (allowed < addresses.size()) {
        verdict = Verdict.MIXED_ADDRESSES;
      } else if (zone == null && rules.zoneRequired(host)) {
        verdict = Verdict.NOT_VIA_PRIVATE_LINK;
      } else {
        verdict = Verdict.PRIVATE;
      }
      if (!failed.isEmpty()) {
        detail =
            describe(failed)
                + (verdict == Verdict.PRIVATE
                    ? ", ignored: the " + answeredTypes(answer) + " answer verified"
                    : "");
      }
    } else if (nxdomain) {
      verdict = Verdict.NO_SUCH_HOST;
      detail = "NXDOMAIN";
    } else {
      verdict = Verdict.NO_ADDRESSES;
      detail = "no A or AAAA";
    }
    return new Resolution(
        host,
        answer.chain(),
        addresses,
        answer.nameserver(),
        verdict,
        ttl,
        zone,
        detail,
        failed,
        answer.recursive(),
        rules.nat64Prefixes());
  }

  /** Judges an IP literal: no DNS, so no chain and no privatelink zone. */
  static Resolution ofLiteral(String host, InetAddress address, Rules rules) {
    NetworkPolicy.Decision decision = rules.policy().decide(address);
    Verdict verdict;
    if (!decision.allowed()) {
      verdict = Verdict.PUBLIC_ADDRESS;
    } else if (rules.zoneRequirement() == PrivateLinkResolver.ZoneRequirement.FOR_EVERY_HOST) {
      verdict = Verdict.NOT_VIA_PRIVATE_LINK;
    } else {
      verdict = Verdict.PRIVATE;
    }
    return Resolution.ofAddress(
        host, new Resolution.Address(address, 0, decision), verdict, "IP literal: no DNS query");
  }

  private static String describe(List<Resolution.FailedQuery> failed) {
    if (failed.size() > 1
        && failed.stream().map(Resolution.FailedQuery::reason).distinct().count() == 1) {
      return failed.get(0).reason(); // both queries failed alike: say it once
    }
    List<String> parts = new ArrayList<>();
    for (Resolution.FailedQuery f : failed) {
      parts.add(f.toString());
    }
    return String.join("; ", parts);
  }

  private static String answeredTypes(DnsAnswer answer) {
    List<String> types = new ArrayList<>();
    for (DnsAnswer.Family family : answer.families()) {
      if (family.outcome() == DnsAnswer.Outcome.ANSWER) {
        types.add(family.type());
      }
    }
    return String.join(" and ", types);
  }
}
