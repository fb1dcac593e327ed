package io.privatelink.spring.boot;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One service from {@code privatelink.services.<name>}, checked: an https URL with a host, its kind
 * (given or derived from the URL) and its token scope, if any.
 *
 * <p>Look one up with {@link PrivateLinkServices#get(String)}.
 */
public final class PrivateLinkService {

  private final String name;
  private final URI url;
  private final String host;
  private final ServiceKind kind;
  private final @Nullable String scope;
  private final boolean authenticate;

  PrivateLinkService(
      String name,
      URI url,
      String host,
      ServiceKind kind,
      @Nullable String scope,
      boolean authenticate) {
    this.name = Objects.requireNonNull(name, "name");
    this.url = Objects.requireNonNull(url, "url");
    this.host = Objects.requireNonNull(host, "host");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.scope = scope;
    this.authenticate = authenticate;
  }

  /**
   * The name under {@code privatelink.services}; also the qualifier of its beans.
   *
   * @return the configured name
   */
  public String name() {
    return name;
  }

  /**
   * The base URL, always https.
   *
   * @return the https base URL
   */
  public URI url() {
    return url;
  }

  /**
   * The host name of {@link #url()}, in canonical form: what is verified.
   *
   * @return the canonical host name
   */
  public String host() {
    return host;
  }

  /**
   * The kind, as configured or derived from the URL.
   *
   * @return the kind, never null
   */
  public ServiceKind kind() {
    return kind;
  }

  /**
   * The token scope as configured; empty means derived from the URL where it can be.
   *
   * @return the configured scope; empty when none was configured
   */
  public Optional<String> scope() {
    return Optional.ofNullable(scope);
  }

  /**
   * Whether requests to it carry an Entra ID bearer token.
   *
   * @return {@code true} if requests carry a bearer token
   */
  public boolean authenticate() {
    return authenticate;
  }

  @Override
  public String toString() {
    return name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ", " + url + ")";
  }
}
