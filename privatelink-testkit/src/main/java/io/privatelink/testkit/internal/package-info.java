/**
 * Internals shared by the testkit fixtures (Jetty wiring, exchange recording, the in-memory FHIR
 * providers). Not API: anything here may change in any release.
 */
@NullMarked
package io.privatelink.testkit.internal;

import org.jspecify.annotations.NullMarked;
