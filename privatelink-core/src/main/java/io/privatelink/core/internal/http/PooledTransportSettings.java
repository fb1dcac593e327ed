package io.privatelink.core.internal.http;

import io.privatelink.core.ConnectionGuard;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PrivateLinkResolver;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * What the builders of the pooled guarded transports (Apache HttpClient 4 and 5) take, validated in
 * one place: the {@link ConnectionGuard}'s settings, the TLS context and the pool size. Each public
 * builder keeps its own typed methods and delegates here.
 */
public final class PooledTransportSettings {

  private final String clientName;
  private final ConnectionGuard.Builder guard = ConnectionGuard.builder();
  private boolean hasResolver;
  private @Nullable SSLContext sslContext;
  private int maxConnections = 20;

  /** Settings for the builder of {@code clientName}, named in its error messages. */
  public PooledTransportSettings(String clientName) {
    this.clientName = clientName;
  }

  /** See the public builders' {@code resolver}. */
  public void resolver(PrivateLinkResolver resolver) {
    guard.resolver(resolver);
    hasResolver = true;
  }

  /** See the public builders' {@code allowedHosts}. */
  public void allowedHosts(Collection<String> hostsOrUrls) {
    guard.allowedHosts(hostsOrUrls);
  }

  /** See the public builders' {@code allowHttpsToHttpRedirects}. */
  public void allowHttpsToHttpRedirects(boolean allow) {
    guard.allowHttpsToHttpRedirects(allow);
  }

  /** See the public builders' {@code metrics}. */
  public void metrics(GuardMetrics metrics) {
    guard.metrics(metrics);
  }

  /** See the public builders' {@code sslContext}. */
  public void sslContext(SSLContext sslContext) {
    this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
  }

  /**
   * See the public builders' {@code maxConnections}.
   *
   * @throws IllegalArgumentException if {@code max} is less than 1
   */
  public void maxConnections(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1, was " + max);
    }
    this.maxConnections = max;
  }

  /**
   * The guard these settings describe.
   *
   * @throws IllegalStateException if no resolver was set
   */
  public ConnectionGuard guard() {
    if (!hasResolver) {
      throw new IllegalStateException(clientName + " needs a resolver: call resolver(...)");
    }
    return guard.build();
  }

  /**
   * The TLS context set, or the JVM's default one.
   *
   * @throws IllegalStateException if none was set and the JVM has no default
   */
  public SSLContext tls() {
    if (sslContext != null) {
      return sslContext;
    }
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "this JVM has no default TLS context; pass sslContext(...)", e);
    }
  }

  /** The most pooled connections, in total and per route. */
  public int maxConnections() {
    return maxConnections;
  }
}
