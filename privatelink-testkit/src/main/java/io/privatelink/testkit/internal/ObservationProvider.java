package io.privatelink.testkit.internal;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.List;
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
    super(store, Observation.class);
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
        o ->
            (subject == null || refersTo(o, subject, null))
                && (patient == null || refersTo(o, patient, "Patient")));
  }

  @Override
  protected java.util.function.@Nullable Predicate<Observation> criterion(
      String name, String value) {
    return switch (name) {
      case Observation.SP_SUBJECT -> o -> refersTo(o, new ReferenceParam(value), null);
      case Observation.SP_PATIENT -> o -> refersTo(o, new ReferenceParam(value), "Patient");
      default -> super.criterion(name, value);
    };
  }

  @Override
  protected String supportedCriteria() {
    return ", subject, patient";
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
