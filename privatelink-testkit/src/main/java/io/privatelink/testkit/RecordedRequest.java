package io.privatelink.testkit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as a fixture server received it, captured before any route or FHIR provider ran,
 * so a test can check exactly what the client sent (and to whom) even when the reply was an error.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param path the decoded request path, e.g. {@code /Patient/1}
 * @param query the raw query string, or {@code null} when the request had none
 * @param host the {@code Host} header as sent, or {@code null}
 * @param authorization the {@code Authorization} header as sent, or {@code null}
 * @param cookie the {@code Cookie} header as sent, or {@code null}
 * @param sniServerName the TLS SNI host name the client asked for, or {@code null} for plain HTTP or
 *     when the client sent none (for example when it connected to an IP literal)
 * @param remoteAddress the client's address and port
 * @param headers every header, names in lower case, values in arrival order
 * @param body the request body decoded as UTF-8; empty when there was none or when the fixture does
 *     not capture bodies ({@link EmbeddedFhirServer} does not)
 */
public record RecordedRequest(
    String method,
    String path,
    @Nullable String query,
    @Nullable String host,
    @Nullable String authorization,
    @Nullable String cookie,
    @Nullable String sniServerName,
    InetSocketAddress remoteAddress,
    Map<String, List<String>> headers,
    String body) {

  /** Copies {@code headers} so the record stays immutable. */
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
    body = body == null ? "" : body;
  }

  /** The first value of a header (name matched case-insensitively), or {@code null}. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** One line for failure messages: method, target, Host, SNI, client, and whether it carried credentials. */
  @Override
  public String toString() {
    return method
        + " "
        + path
        + (query == null ? "" : "?" + query)
        + " Host="
        + host
        + " SNI="
        + sniServerName
        + " from="
        + remoteAddress
        + (authorization == null ? "" : " Authorization=<present>")
        + (cookie == null ? "" : " Cookie=<present>");
  }
}
