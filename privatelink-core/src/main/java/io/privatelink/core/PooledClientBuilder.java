package io.privatelink.core;

import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The builder of a guarded client that owns its connection pool (the Apache HttpClient 4 and 5
 * guards): besides the guard's settings, the library's own builder to start from, the TLS context
 * and the pool size, since the guard replaces the library's connection manager.
 *
 * <p>Not thread-safe: configure on one thread, then build.
 *
 * @param <B> the concrete builder, which every setter returns so that calls chain
 * @param <S> the library's own client builder, whose other settings are kept
 */
public abstract class PooledClientBuilder<B extends PooledClientBuilder<B, S>, S>
    extends GuardedClientBuilder<B> {
  private @Nullable S from;
  private @Nullable SSLContext sslContext;
  private int maxConnections = 20;

  /**
   * A builder with the library's defaults, the JVM's TLS context and 20 connections.
   *
   * @param clientName what the subclass builds, as its errors name it
   */
  protected PooledClientBuilder(String clientName) {
    super(clientName);
  }

  /**
   * The library's builder to start from (not reused afterwards): its request config, interceptors,
   * cookie store and user agent are kept; the pieces the guard owns are replaced. Default: a new
   * builder of the library.
   *
   * @param builder the library's builder to start from
   * @return this builder
   */
  public final B from(S builder) {
    this.from = Objects.requireNonNull(builder, "builder");
    return self();
  }

  /**
   * The TLS context for https (trust, client certificates). Default: {@link
   * SSLContext#getDefault()}, the JVM's trust store.
   *
   * @param sslContext the TLS context for https connections
   * @return this builder
   */
  public final B sslContext(SSLContext sslContext) {
    this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
    return self();
  }

  /**
   * The most pooled connections, in total and per route. Default 20.
   *
   * @param max the pool size, in total and per route; at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code max} is less than 1
   */
  public final B maxConnections(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1, was " + max);
    }
    this.maxConnections = max;
    return self();
  }

  /**
   * The builder given to {@link #from}, or a new one.
   *
   * @param library makes the library's default builder, when none was given
   * @return the library's builder to configure further
   */
  protected final S source(Supplier<S> library) {
    return from != null ? from : library.get();
  }

  /**
   * The TLS context set, or the JVM's default one.
   *
   * @return the TLS context for https connections
   * @throws IllegalStateException if none was set and the JVM has no default
   */
  protected final SSLContext tls() {
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

  /**
   * The most pooled connections, in total and per route.
   *
   * @return the pool size, at least 1
   */
  protected final int poolSize() {
    return maxConnections;
  }
}
