package io.privatelink.testkit;

/**
 * Answers one request to a {@link TlsTestServer} route.
 *
 * <p>Called by the server on one of its (daemon) request threads, possibly concurrently with other
 * calls, after the request was recorded. If it throws, the client gets a 500 whose body is the
 * exception's {@code toString()}.
 *
 * <pre>{@code
 * server.handler("/token", request -> request.body().contains("grant_type")
 *     ? TestResponse.json(200, "{\"access_token\":\"t\"}")
 *     : TestResponse.of(400, "bad request"));
 * }</pre>
 */
@FunctionalInterface
public interface TestRoute {

  /**
   * The response to {@code request}; never {@code null}.
   *
   * @param request the recorded request
   * @return the response to send
   * @throws Exception any failure; the client then gets a 500 naming it
   */
  TestResponse respond(RecordedRequest request) throws Exception;
}
