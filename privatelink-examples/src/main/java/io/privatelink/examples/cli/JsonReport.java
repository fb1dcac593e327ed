package io.privatelink.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privatelink.core.Diagnosis;
import io.privatelink.core.Resolution;

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
    ObjectNode o = CliJson.object();
    o.put("target", target);
    o.put("host", r.host());
    o.put("verdict", r.verdict().name());
    o.put("nameserver", r.nameserver().orElse(null));
    r.cnameChain().forEach(o.putArray("chain")::add);
    ArrayNode addresses = o.putArray("addresses");
    for (Resolution.Address a : r.addresses()) {
      addresses
          .addObject()
          .put("address", a.text())
          .put("ttl", a.ttlSeconds())
          .put("allowed", a.decision().allowed())
          .put("rule", a.decision().rule());
    }
    o.put("privateLinkZone", r.privateLinkZone().orElse(null));
    o.put("detail", r.detail().orElse(null));
    diagnosis.hints().forEach(o.putArray("hints")::add);
    return CliJson.line(o);
  }
}
