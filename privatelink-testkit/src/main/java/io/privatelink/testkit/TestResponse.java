package io.privatelink.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TlsTestServer} route answers: a status, headers and a UTF-8 body. Immutable; {@link
 * #withHeader} returns a copy.
 *
 * <pre>{@code
 * TestResponse busy = TestResponse.of(503, "busy").withHeader("Retry-After", "1");
 * }</pre>
 *
 * @param status the HTTP status code
 * @param headers response headers, in order (a {@code Content-Type} here overrides the default)
 * @param body the body, sent as UTF-8
 */
public record TestResponse(int status, Map<String, String> headers, String body) {

  /**
   * Validates the status and copies the headers.
   *
   * @param status the HTTP status code, 100 to 599
   * @param headers the headers; copied
   * @param body the body; {@code null} means empty
   * @throws IllegalArgumentException if {@code status} is not an HTTP status
   */
  public TestResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = Objects.requireNonNullElse(body, "");
  }

  /**
   * {@code status} with a {@code text/plain} body.
   *
   * @param status the HTTP status code
   * @param body the body
   * @return the response
   */
  public static TestResponse of(int status, String body) {
    return new TestResponse(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
  }

  /**
   * {@code status} with an {@code application/json} body.
   *
   * @param status the HTTP status code
   * @param body the JSON text, sent as is
   * @return the response
   */
  public static TestResponse json(int status, String body) {
    return new TestResponse(
        status, Map.of("Content-Type", "application/json; charset=utf-8"), body);
  }

  /**
   * A redirect: {@code status} (301, 302, 303, 307, 308) with a {@code Location} header.
   *
   * @param status the redirect status
   * @param location the {@code Location} header, absolute or relative
   * @return the response
   */
  public static TestResponse redirect(int status, String location) {
    if (status < 300 || status > 399) {
      throw new IllegalArgumentException("not a redirect status: " + status);
    }
    return of(status, "").withHeader("Location", Objects.requireNonNull(location, "location"));
  }

  /**
   * A copy with {@code name: value} added (replacing a header of the same name).
   *
   * @param name the header name
   * @param value the header value
   * @return a new response; this one is not changed
   */
  public TestResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
    copy.put(name, value);
    return new TestResponse(status, copy, body);
  }
}
