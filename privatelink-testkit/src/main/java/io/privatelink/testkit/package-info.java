/**
 * Test fixtures on real parts: a DNS server on the wire ({@link
 * io.privatelink.testkit.DnsSandbox}), a HAPI FHIR server over TLS ({@link
 * io.privatelink.testkit.EmbeddedFhirServer}) and a canary that must see no traffic ({@link
 * io.privatelink.testkit.CanaryServer}).
 */
@NullMarked
package io.privatelink.testkit;

import org.jspecify.annotations.NullMarked;
