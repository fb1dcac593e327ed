package io.privatelink.testkit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as a fixture server received it, captured before any route or FHIR provider ran,
 * so a test can check exactly what the client sent (and to whom) even when the reply was an error.
 * Only the testkit's servers create them.
 */
public final class RecordedRequest {

  private final String method;
  private final String path;
  private final @Nullable String query;
  private final @Nullable String host;
  private final @Nullable String authorization;
  private final @Nullable String cookie;
  private final @Nullable String sniServerName;
  private final @Nullable InetSocketAddress remoteAddress;
  private final Map<String, List<String>> headers;
  private final String body;

  RecordedRequest(
      String method,
      String path,
      @Nullable String query,
      @Nullable String host,
      @Nullable String authorization,
      @Nullable String cookie,
      @Nullable String sniServerName,
      @Nullable InetSocketAddress remoteAddress,
      Map<String, List<String>> headers,
      @Nullable String body) {
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.query = query;
    this.host = host;
    this.authorization = authorization;
    this.cookie = cookie;
    this.sniServerName = sniServerName;
    this.remoteAddress = remoteAddress;
    this.headers = Map.copyOf(headers);
    this.body = body == null ? "" : body;
  }

  /** {@return the HTTP method, e.g. {@code GET}} */
  public String method() {
    return method;
  }

  /** {@return the decoded request path, e.g. {@code /Patient/1}} */
  public String path() {
    return path;
  }

  /** {@return the raw query string, or {@code null} when the request had none} */
  public @Nullable String query() {
    return query;
  }

  /** {@return the {@code Host} header as sent, or {@code null}} */
  public @Nullable String host() {
    return host;
  }

  /** {@return the {@code Authorization} header as sent, or {@code null}} */
  public @Nullable String authorization() {
    return authorization;
  }

  /** {@return the {@code Cookie} header as sent, or {@code null}} */
  public @Nullable String cookie() {
    return cookie;
  }

  /**
   * {@return the TLS SNI host name the client asked for, or {@code null} for plain HTTP or when the
   * client sent none (for example when it connected to an IP literal)}
   */
  public @Nullable String sniServerName() {
    return sniServerName;
  }

  /**
   * The client's address and port.
   *
   * @return the client's address and port, or {@code null} when unknown
   */
  public @Nullable InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /**
   * Every header, names in lower case, values in arrival order.
   *
   * @return an unmodifiable view of the headers
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * {@return the request body decoded as UTF-8; empty when there was none or when the fixture does
   * not capture bodies ({@link EmbeddedFhirServer} does not)}
   */
  public String body() {
    return body;
  }

  /**
   * The first value of a header (name matched case-insensitively), or {@code null}.
   *
   * @param name the header name, any case
   * @return the first value, or {@code null} when the request had no such header
   */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * One line for failure messages: method, target, Host, SNI, client, and whether it carried
   * credentials.
   */
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
