package io.privatelink.spring.boot;

/**
 * What a configured service is ({@code privatelink.services.<name>.kind}): decides which beans it
 * gets (an {@code IGenericClient} for {@link #FHIR}) and, with the URL, its token scope.
 */
public enum ServiceKind {
  /** A FHIR service: Azure API for FHIR or an Azure Health Data Services FHIR service. */
  FHIR,
  /** An Azure Health Data Services DICOM service. */
  DICOM,
  /** Anything else reached through the guarded clients. */
  OTHER
}
