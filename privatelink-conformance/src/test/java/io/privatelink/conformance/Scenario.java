package io.privatelink.conformance;

import io.privatelink.core.Diagnosis.Cause;
import io.privatelink.core.Verdict;

/**
 * The scenario table: one host per situation from the field, the verdict every server must lead to,
 * and for some the hint cause the diagnosis must name. The records behind each host are in {@link
 * ZoneData}.
 */
enum Scenario {
  LINKED_VIA_CONDITIONAL_FORWARDER("linked.azurehealthcareapis.com", Verdict.PRIVATE),
  UNLINKED_FALLS_THROUGH_TRAFFIC_MANAGER(
      "unlinked.azurehealthcareapis.com", Verdict.PUBLIC_ADDRESS, Cause.ZONE_NOT_LINKED),
  PUBLIC_ONLY(
      "publiconly.azurehealthcareapis.com", Verdict.PUBLIC_ADDRESS, Cause.NO_PRIVATE_ENDPOINT),
  MIXED("mixed.azurehealthcareapis.com", Verdict.MIXED_ADDRESSES, Cause.SPLIT_HORIZON_BROKEN),
  DUAL_STACK("dual.azurehealthcareapis.com", Verdict.PRIVATE),
  AAAA_REFUSED("aaaa-refused.privatelink.azurehealthcareapis.com", Verdict.PRIVATE),
  AAAA_SERVFAIL("aaaa-servfail.privatelink.azurehealthcareapis.com", Verdict.PRIVATE),
  AAAA_DROPPED("aaaa-dropped.privatelink.azurehealthcareapis.com", Verdict.PRIVATE),
  DNS64("linked.azurehealthcareapis.com", Verdict.MIXED_ADDRESSES, Cause.DNS64_SYNTHESIS),
  REBINDING_PROTECTION(
      "linked.azurehealthcareapis.com", Verdict.NO_ADDRESSES, Cause.REBINDING_PROTECTION),
  TRUNCATION_TO_TCP("big.azurehealthcareapis.com", Verdict.PRIVATE),
  DNSSEC_VALID_SIGNATURES("ok.privatelink.dicom.azurehealthcareapis.com", Verdict.PRIVATE),
  DNSSEC_EXPIRED_SIGNATURES(
      "expired.privatelink.workspace.azurehealthcareapis.com", Verdict.DNS_FAILURE),
  NXDOMAIN(
      "missing.azurehealthcareapis.com",
      Verdict.NO_SUCH_HOST,
      Cause.PRIVATE_ENDPOINT_RECORD_MISSING),
  NODATA("nodata.privatelink.azurehealthcareapis.com", Verdict.NO_ADDRESSES),
  LAME_DELEGATION("lame.azurehealthcareapis.us", Verdict.DNS_FAILURE, Cause.NAMESERVER_FAILED),
  DEAD_FIRST_NAMESERVER("linked.azurehealthcareapis.com", Verdict.PRIVATE),
  LONG_CHAIN("long.azurehealthcareapis.com", Verdict.PRIVATE),
  CHAIN_OVER_THE_LIMIT("toolong.azurehealthcareapis.com", Verdict.DNS_FAILURE),
  CNAME_LOOP("loop.azurehealthcareapis.com", Verdict.DNS_FAILURE);

  final String host;
  final Verdict verdict;
  final Cause cause;

  Scenario(String host, Verdict verdict) {
    this(host, verdict, null);
  }

  Scenario(String host, Verdict verdict, Cause cause) {
    this.host = host;
    this.verdict = verdict;
    this.cause = cause;
  }
}
