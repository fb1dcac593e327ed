package io.privatelink.hapi.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.client.api.IHttpRequest;

/**
 * Per-client request-body compression on the OkHttp transport, registered by {@code
 * PrivateLinkFhirClient.Builder#gzipRequestBodies(boolean)}; the OkHttp counterpart of HAPI's
 * Apache-only {@code GZipContentInterceptor}. Requests of any other transport are left alone.
 */
public final class GzipRequestBodies {

  /** Called by HAPI before each request of the client. */
  @Hook(Pointcut.CLIENT_REQUEST)
  public void interceptRequest(IHttpRequest request) {
    if (request instanceof OkHttpFhirRequest okHttp) {
      okHttp.gzipBody();
    }
  }
}
