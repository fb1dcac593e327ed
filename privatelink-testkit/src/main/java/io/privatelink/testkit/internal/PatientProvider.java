package io.privatelink.testkit.internal;

import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * Patient: the common operations plus search by {@code family} and {@code name}, and {@code
 * Patient/[id]/$everything}.
 */
public final class PatientProvider extends StoredResourceProvider<Patient> {

  /** Serves Patients as part of {@code store}. */
  PatientProvider(ResourceStore store) {
    super(
        store,
        Patient.class,
        List.of(
            new Criterion<>(Patient.SP_FAMILY, value -> family(new StringParam(value))),
            new Criterion<>(Patient.SP_NAME, value -> name(new StringParam(value)))));
  }

  /**
   * {@code GET Patient?family=..&name=..}: string search (starts-with, case-insensitive; {@code
   * :exact} and {@code :contains} honoured); no parameter lists every Patient.
   */
  @Search
  public List<Patient> search(
      @OptionalParam(name = Patient.SP_FAMILY) @Nullable StringParam family,
      @OptionalParam(name = Patient.SP_NAME) @Nullable StringParam name) {
    return current(
        optional(family, PatientProvider::family).and(optional(name, PatientProvider::name)));
  }

  /** Patients with a family name {@code param} matches. */
  private static Predicate<Patient> family(StringParam param) {
    return p -> p.getName().stream().anyMatch(n -> matches(param, n.getFamily()));
  }

  /**
   * Patients with any part of a name (family, given, prefix, suffix, text) {@code param} matches.
   */
  private static Predicate<Patient> name(StringParam param) {
    return p -> p.getName().stream().anyMatch(n -> nameParts(n).anyMatch(s -> matches(param, s)));
  }

  /**
   * {@code GET Patient/[id]/$everything}: a searchset Bundle (paged like a search) with the Patient
   * first, then every Observation whose subject is that Patient; 404 or 410 as a read would.
   */
  @Operation(name = "$everything", idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
  public IBundleProvider everything(@IdParam IdType id) {
    String patientId = id.getIdPart();
    List<Resource> compartment =
        store()
            .inTransaction(
                () -> {
                  List<Resource> found = new ArrayList<>();
                  found.add(read(id.toUnqualifiedVersionless(), null).copy());
                  found.addAll(
                      store()
                          .provider(Observation.class)
                          .current(o -> ObservationProvider.hasSubject(o, "Patient", patientId)));
                  return found;
                });
    return new SimpleBundleProvider(compartment);
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
