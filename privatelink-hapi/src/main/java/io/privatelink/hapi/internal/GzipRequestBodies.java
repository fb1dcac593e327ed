package io.privatelink.hapi.internal;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;

/**
 * Per-client request-body compression on the OkHttp transport, registered by {@code
 * PrivateLinkFhirClient.Builder#gzipRequestBodies(boolean)}; the OkHttp counterpart of HAPI's
 * Apache-only {@code GZipContentInterceptor}. Requests of any other transport are left alone.
 */
public final class GzipRequestBodies implements IClientInterceptor {

  @Override
  public void interceptRequest(IHttpRequest request) {
    if (request instanceof OkHttpFhirRequest okHttp) {
      okHttp.gzipBody();
    }
  }

  @Override
  public void interceptResponse(IHttpResponse response) {
    // Nothing: responses are decompressed by OkHttp itself.
  }
}
