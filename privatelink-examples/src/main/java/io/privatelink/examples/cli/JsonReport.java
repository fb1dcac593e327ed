package io.privatelink.examples.cli;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.Resolution;
import java.util.StringJoiner;

/**
 * {@code check --json}: one JSON object per target, on one line, with the same facts as {@link
 * HumanReport}.
 *
 * <pre>
 * {"target":"myfhir.azurehealthcareapis.com","host":"myfhir.azurehealthcareapis.com",
 *  "verdict":"PRIVATE","nameserver":"127.0.0.1:5353","chain":["myfhir...","myfhir.privatelink..."],
 *  "addresses":[{"address":"127.0.0.1","ttl":60,"allowed":true,"rule":"allow 127.0.0.1/32"}],
 *  "privateLinkZone":"privatelink.azurehealthcareapis.com","detail":null,"hints":[]}
 * </pre>
 *
 * (shown wrapped; the real output is one line). Absent facts are JSON {@code null}; lists are
 * always arrays, possibly empty.
 */
final class JsonReport {

  private JsonReport() {}

  /** The JSON line for {@code target} (as the user typed it) and its diagnosis. */
  static String line(String target, Diagnosis diagnosis) {
    Resolution r = diagnosis.resolution();
    return new Json.ObjectBuilder()
        .field("target", target)
        .field("host", r.host())
        .field("verdict", r.verdict().name())
        .field("nameserver", r.nameserver().orElse(null))
        .raw("chain", Json.array(r.cnameChain()))
        .raw("addresses", addresses(r))
        .field("privateLinkZone", r.privateLinkZone().orElse(null))
        .field("detail", r.detail().orElse(null))
        .raw("hints", Json.array(diagnosis.hints()))
        .toString();
  }

  private static String addresses(Resolution r) {
    StringJoiner out = new StringJoiner(",", "[", "]");
    for (Resolution.Address a : r.addresses()) {
      out.add(
          new Json.ObjectBuilder()
              .field("address", a.text())
              .field("ttl", a.ttlSeconds())
              .field("allowed", a.decision().allowed())
              .field("rule", a.decision().rule())
              .toString());
    }
    return out.toString();
  }
}
