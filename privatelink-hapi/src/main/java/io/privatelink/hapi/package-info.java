/**
 * The private-link guard for HAPI FHIR clients: {@link io.privatelink.hapi.PrivateLinkFhirClient}
 * builds a HAPI client whose every request goes over a verified private endpoint.
 */
@NullMarked
package io.privatelink.hapi;

import org.jspecify.annotations.NullMarked;
