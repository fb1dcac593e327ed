/**
 * A JPMS application of every published module: it compiles only against what their descriptors
 * export, and its tests run it on the module path.
 */
module io.privatelink.jpms {
  requires io.privatelink.core;
  requires io.privatelink.azure;
  requires io.privatelink.hapi;
  requires io.privatelink.httpclient4;
  requires io.privatelink.httpclient5;
  requires io.privatelink.testkit;
  // Not hapi.fhir.base: HAPI FHIR 8.8.0 cannot run as a named module (FhirContext's HapiLocalizer
  // calls ResourceBundle.getBundle with a Control, which named modules refuse), so HAPI stays on
  // the class path, where the automatic module io.privatelink.hapi reads it.
  requires static org.jspecify;

  uses com.azure.core.http.HttpClientProvider;
// An application: nothing exported (its tests run inside it).
}
