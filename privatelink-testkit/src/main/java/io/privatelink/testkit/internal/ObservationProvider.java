package io.privatelink.testkit.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;

/** Observation: the common operations plus search by {@code subject} (and its alias {@code patient}). */
public final class ObservationProvider extends InMemoryResourceProvider<Observation> {

  /** Serves Observations from {@code store}. */
  public ObservationProvider(InMemoryFhirStore store, FhirContext context) {
    super(Observation.class, store, context);
  }

  /**
   * {@code GET Observation?subject=Patient/1} (or {@code subject=1}, or {@code patient=1}); no
   * parameter lists every Observation.
   */
  @Search
  public List<Observation> search(
      @OptionalParam(name = Observation.SP_SUBJECT) ReferenceParam subject,
      @OptionalParam(name = Observation.SP_PATIENT) ReferenceParam patient) {
    return store().current(Observation.class).stream()
        .filter(o -> subject == null || refersTo(o, subject, null))
        .filter(o -> patient == null || refersTo(o, patient, "Patient"))
        .toList();
  }

  private static boolean refersTo(Observation observation, ReferenceParam param, String impliedType) {
    String reference = observation.getSubject().getReference();
    if (reference == null) {
      return false;
    }
    IdType actual = new IdType(reference);
    String wantedType = param.getResourceType() != null ? param.getResourceType() : impliedType;
    return param.getIdPart() != null
        && param.getIdPart().equals(actual.getIdPart())
        && (wantedType == null || wantedType.equals(actual.getResourceType()));
  }
}
