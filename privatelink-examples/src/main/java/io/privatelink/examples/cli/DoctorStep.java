package io.privatelink.examples.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One step of {@code privatelink doctor}: what it checked, how it came out, what it observed, and,
 * for a failure, what to do.
 *
 * @param step the step's name ({@code dns}, {@code tcp}, {@code tls}, {@code token}, {@code
 *     service}, {@code public-dns}, {@code public-probe}, {@code watch})
 * @param outcome how it came out
 * @param evidence what was observed, in one line
 * @param fix what to do about a failure; {@code null} unless {@link Outcome#FAIL}
 * @param facts the observed values behind {@code evidence}, for {@code --json} (strings, numbers,
 *     booleans, lists), in a stable order
 */
@JsonPropertyOrder({"step", "outcome", "evidence", "fix", "facts"})
@JsonInclude(JsonInclude.Include.ALWAYS)
record DoctorStep(
    String step,
    Outcome outcome,
    String evidence,
    @Nullable String fix,
    Map<String, Object> facts) {

  /** How a step came out. */
  enum Outcome {
    /** The step observed what a working private link shows. */
    PASS,
    /** The step observed a problem; {@link DoctorStep#fix()} says what to do. */
    FAIL,
    /** The step did not run: an earlier step failed, or an option turned it off. */
    SKIP
  }

  DoctorStep {
    facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  static DoctorStep pass(String step, String evidence, Map<String, Object> facts) {
    return new DoctorStep(step, Outcome.PASS, evidence, null, facts);
  }

  static DoctorStep fail(String step, String evidence, String fix, Map<String, Object> facts) {
    return new DoctorStep(step, Outcome.FAIL, evidence, fix, facts);
  }

  static DoctorStep skip(String step, String why) {
    return new DoctorStep(step, Outcome.SKIP, why, null, Map.of());
  }

  boolean failed() {
    return outcome == Outcome.FAIL;
  }
}
