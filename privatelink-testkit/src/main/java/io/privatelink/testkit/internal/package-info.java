/**
 * Internals shared by the testkit fixtures (Jetty wiring, exchange recording, the in-memory FHIR
 * providers). Not API: anything here may change in any release.
 */
package io.privatelink.testkit.internal;
