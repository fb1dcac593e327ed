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
    super(store, Patient.class);
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
        p ->
            (family == null || p.getName().stream().anyMatch(n -> matches(family, n.getFamily())))
                && (name == null
                    || p.getName().stream()
                        .anyMatch(n -> nameParts(n).anyMatch(s -> matches(name, s)))));
  }

  @Override
  protected java.util.function.@Nullable Predicate<Patient> criterion(String name, String value) {
    return switch (name) {
      case Patient.SP_FAMILY ->
          p ->
              search(new StringParam(value), null).stream()
                  .anyMatch(m -> m.getIdElement().getIdPart().equals(p.getIdElement().getIdPart()));
      case Patient.SP_NAME ->
          p ->
              search(null, new StringParam(value)).stream()
                  .anyMatch(m -> m.getIdElement().getIdPart().equals(p.getIdElement().getIdPart()));
      default -> super.criterion(name, value);
    };
  }

  @Override
  protected String supportedCriteria() {
    return ", family, name";
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
