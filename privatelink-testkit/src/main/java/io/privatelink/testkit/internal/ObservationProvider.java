package io.privatelink.testkit.internal;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Observation: the common operations plus search by {@code subject} (and its alias {@code
 * patient}).
 */
public final class ObservationProvider extends StoredResourceProvider<Observation> {

  /** Serves Observations as part of {@code store}. */
  ObservationProvider(ResourceStore store) {
    super(
        store,
        Observation.class,
        List.of(
            new Criterion<>(Observation.SP_SUBJECT, value -> subject(new ReferenceParam(value))),
            new Criterion<>(Observation.SP_PATIENT, value -> patient(new ReferenceParam(value)))));
  }

  /**
   * {@code GET Observation?subject=Patient/1} (or {@code subject=1}, or {@code patient=1}); no
   * parameter lists every Observation.
   */
  @Search
  public List<Observation> search(
      @OptionalParam(name = Observation.SP_SUBJECT) @Nullable ReferenceParam subject,
      @OptionalParam(name = Observation.SP_PATIENT) @Nullable ReferenceParam patient) {
    return current(
        optional(subject, ObservationProvider::subject)
            .and(optional(patient, ObservationProvider::patient)));
  }

  /**
   * Observations whose subject is the resource {@code param} names, of any type if it names none.
   */
  private static Predicate<Observation> subject(ReferenceParam param) {
    return o -> refersTo(o, param, null);
  }

  /** Observations whose subject is the Patient {@code param} names. */
  private static Predicate<Observation> patient(ReferenceParam param) {
    return o -> refersTo(o, param, "Patient");
  }

  /**
   * True when {@code observation}'s subject is {@code type/idPart} (any base URL or version); a
   * null {@code type} matches any resource type.
   */
  static boolean hasSubject(
      Observation observation, @Nullable String type, @Nullable String idPart) {
    String reference = observation.getSubject().getReference();
    if (reference == null || idPart == null) {
      return false;
    }
    IdType actual = new IdType(reference);
    return idPart.equals(actual.getIdPart())
        && (type == null || type.equals(actual.getResourceType()));
  }

  private static boolean refersTo(
      Observation observation, ReferenceParam param, @Nullable String impliedType) {
    String wantedType = param.getResourceType() != null ? param.getResourceType() : impliedType;
    return hasSubject(observation, wantedType, param.getIdPart());
  }
}
