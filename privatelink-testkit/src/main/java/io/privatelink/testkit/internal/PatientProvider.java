package io.privatelink.testkit.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.StringParam;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;

/** Patient: the common operations plus search by {@code family} and {@code name}. */
public final class PatientProvider extends InMemoryResourceProvider<Patient> {

  /** Serves Patients from {@code store}. */
  public PatientProvider(InMemoryFhirStore store, FhirContext context) {
    super(Patient.class, store, context);
  }

  /**
   * {@code GET Patient?family=..&name=..}: string search (starts-with, case-insensitive; {@code
   * :exact} and {@code :contains} honoured); no parameter lists every Patient.
   */
  @Search
  public List<Patient> search(
      @OptionalParam(name = Patient.SP_FAMILY) StringParam family,
      @OptionalParam(name = Patient.SP_NAME) StringParam name) {
    return store().current(Patient.class).stream()
        .filter(p -> family == null || p.getName().stream().anyMatch(n -> matches(family, n.getFamily())))
        .filter(p -> name == null || p.getName().stream().anyMatch(n -> nameParts(n).anyMatch(s -> matches(name, s))))
        .toList();
  }

  private static Stream<String> nameParts(HumanName name) {
    return Stream.of(
            Stream.of(name.getFamily(), name.getText()),
            name.getGiven().stream().map(PrimitiveType::getValue),
            name.getPrefix().stream().map(PrimitiveType::getValue),
            name.getSuffix().stream().map(PrimitiveType::getValue))
        .flatMap(s -> s);
  }

  private static boolean matches(StringParam param, String value) {
    if (value == null) {
      return false;
    }
    if (param.isExact()) {
      return value.equals(param.getValue());
    }
    String wanted = param.getValue().toLowerCase(Locale.ROOT);
    String actual = value.toLowerCase(Locale.ROOT);
    return param.isContains() ? actual.contains(wanted) : actual.startsWith(wanted);
  }
}
