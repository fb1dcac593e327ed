package io.privatelink.examples.cli;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.Resolution;
import io.privatelink.core.Verdict;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code check} for people, in the spirit of {@code nslookup}: what the nameserver said, then what
 * the private-link rules made of it.
 *
 * <pre>
 * Server:    127.0.0.1:5353
 * Name:      myfhir.azurehealthcareapis.com
 * Chain:     myfhir.azurehealthcareapis.com
 *         -&gt; myfhir.privatelink.azurehealthcareapis.com
 * Address:   127.0.0.1 allowed by allow 127.0.0.1/32, ttl 60
 * Zone:      privatelink.azurehealthcareapis.com
 * Verdict:   PRIVATE
 * </pre>
 *
 * Lines with nothing to say (no zone, no detail, no hints) are left out. Hints are wrapped to fit a
 * terminal.
 */
final class HumanReport {

  private static final String INDENT = "           ";
  private static final int WIDTH = 100;

  private HumanReport() {}

  /**
   * Prints one target's report.
   *
   * @param asked the nameservers the resolver asks, shown when none answered
   * @param verbose also print, for each address, the policy's reason for its decision
   */
  static void print(PrintWriter out, Diagnosis diagnosis, List<String> asked, boolean verbose) {
    Resolution r = diagnosis.resolution();
    out.println("Server:    " + server(r, asked));
    out.println("Name:      " + r.host());
    List<String> chain = r.cnameChain();
    for (int i = 0; i < chain.size(); i++) {
      out.println((i == 0 ? "Chain:     " : "        -> ") + chain.get(i));
    }
    for (Resolution.Address a : r.addresses()) {
      // The decision's own text: the address in RFC 5952 form, then "allowed by" or "denied by".
      out.println("Address:   " + a.decision() + ", ttl " + a.ttlSeconds());
      if (verbose) {
        wrapped(out, INDENT, a.decision().reason());
      }
    }
    r.privateLinkZone().ifPresent(zone -> out.println("Zone:      " + zone));
    r.detail().ifPresent(detail -> wrapped(out, "Detail:    ", detail));
    out.println("Verdict:   " + r.verdict().name());
    for (String hint : diagnosis.hints()) {
      wrapped(out, "Hint:      ", hint);
    }
  }

  private static String server(Resolution r, List<String> asked) {
    if (r.nameserver().isPresent()) {
      return r.nameserver().get();
    }
    // Bad input and IP literals are judged without a query; anything else did ask and got nothing.
    if (r.verdict() == Verdict.REJECTED_INPUT
        || r.verdict() == Verdict.HOST_NOT_ALLOWED
        || !r.addresses().isEmpty()) {
      return "(not asked)";
    }
    return String.join(", ", asked) + " (no usable answer)";
  }

  /** Prints {@code text} word-wrapped to {@link #WIDTH}, the first line after {@code label}. */
  static void wrapped(PrintWriter out, String label, String text) {
    wrapped(out, label, text, INDENT);
  }

  /**
   * Prints {@code text} word-wrapped to {@link #WIDTH}, the first line after {@code label}, the
   * rest after {@code indent}.
   */
  static void wrapped(PrintWriter out, String label, String text, String indent) {
    StringBuilder line = new StringBuilder(label);
    boolean empty = true;
    for (String word : text.split(" ")) {
      if (!empty && line.length() + 1 + word.length() > WIDTH) {
        out.println(line);
        line.setLength(0);
        line.append(indent);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    out.println(line);
  }
}
