package io.privatelink.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpClientProvider;
import com.azure.core.http.okhttp.OkHttpAsyncClientProvider;
import com.azure.core.util.Configuration;
import com.azure.core.util.HttpClientOptions;
import io.privatelink.core.PrivateLinkResolver;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Makes the guarded client the JVM default for every Azure SDK client that is built without an
 * explicit {@code httpClient(...)}. Opt-in: azure-core uses it only when it is selected.
 *
 * <p><b>Selecting it.</b> Set the azure-core configuration {@value #SELECT_PROPERTY} to this
 * class's name, as a system property or environment variable, before the first Azure SDK client is
 * built (azure-core reads it once):
 *
 * <pre>
 * java -DAZURE_HTTP_CLIENT_IMPLEMENTATION=io.privatelink.azure.GuardedHttpClientProvider -jar app.jar
 * </pre>
 *
 * or per client with {@code new
 * HttpClientOptions().setHttpClientProvider(GuardedHttpClientProvider.class)} in the builder's
 * {@code clientOptions(...)}. It is registered with {@link java.util.ServiceLoader} (azure-core
 * requires that even for an explicit selection). When azure-core merely finds it first on the class
 * path without it being selected, it hands out azure-core-http-okhttp's own, unguarded client, as
 * if this library were absent: nothing is guarded, and nothing breaks, until you opt in.
 *
 * <p><b>Which resolver.</b> The one passed to {@link #useResolver(PrivateLinkResolver)} (or {@link
 * #useResolver(PrivateLinkResolver, OkHttpClient)}) at startup, before the first Azure SDK client
 * is built; otherwise {@code PrivateLinkResolver.builder().build()} (the system's nameservers from
 * {@code /etc/resolv.conf}, {@code NetworkPolicy.defaults()}, the default zones), created once on
 * first use. Call {@code useResolver} once: a second call with a different resolver fails, as does
 * a call after the default was created.
 *
 * <p><b>Options.</b> Connect, read and write timeouts from {@link HttpClientOptions} are applied; a
 * proxy in the options is refused ({@link IllegalArgumentException}): the guarded client never uses
 * one.
 */
public final class GuardedHttpClientProvider implements HttpClientProvider {

  /** The azure-core configuration name that selects an {@link HttpClientProvider}. */
  public static final String SELECT_PROPERTY =
      Configuration.PROPERTY_AZURE_HTTP_CLIENT_IMPLEMENTATION;

  private static final AtomicReference<@Nullable Setup> SETUP = new AtomicReference<>();

  private record Setup(PrivateLinkResolver resolver, @Nullable OkHttpClient from) {}

  /** Called by {@link java.util.ServiceLoader}. */
  public GuardedHttpClientProvider() {}

  /**
   * The resolver every client this provider creates will use. Call once, at startup.
   *
   * @param resolver the resolver; required
   * @throws IllegalStateException if a different resolver is already in use
   */
  public static void useResolver(PrivateLinkResolver resolver) {
    use(new Setup(Objects.requireNonNull(resolver, "resolver"), null));
  }

  /**
   * Like {@link #useResolver(PrivateLinkResolver)}, starting every client from {@code from} (its
   * TLS settings, pool, interceptors; see {@link GuardedAzureHttpClient.Builder#from}).
   *
   * @param resolver the resolver; required
   * @param from the client to start from; required
   * @throws IllegalStateException if a different resolver or client is already in use
   */
  public static void useResolver(PrivateLinkResolver resolver, OkHttpClient from) {
    use(
        new Setup(
            Objects.requireNonNull(resolver, "resolver"), Objects.requireNonNull(from, "from")));
  }

  private static void use(Setup setup) {
    Setup current = SETUP.compareAndExchange(null, setup);
    if (current != null && !current.equals(setup)) {
      throw new IllegalStateException(
          "GuardedHttpClientProvider already uses resolver "
              + current.resolver()
              + " (set earlier, or created as the default on first use); call useResolver once,"
              + " at startup, before the first Azure SDK client is built");
    }
  }

  /** Forgets the resolver; tests only. */
  static void forgetResolver() {
    SETUP.set(null);
  }

  private static Setup setup() {
    Setup s = SETUP.get();
    if (s == null) {
      Setup created = new Setup(PrivateLinkResolver.builder().build(), null);
      Setup witness = SETUP.compareAndExchange(null, created);
      s = witness != null ? witness : created;
    }
    return s;
  }

  /** A guarded client, when this provider was selected (see the class comment). */
  @Override
  public HttpClient createInstance() {
    return createInstance(null);
  }

  /**
   * A guarded client with the options' timeouts, when this provider was selected (see the class
   * comment).
   *
   * @throws IllegalArgumentException if the options name a proxy
   */
  @Override
  public HttpClient createInstance(@Nullable HttpClientOptions options) {
    if (!selected(options)) {
      return new OkHttpAsyncClientProvider().createInstance(options);
    }
    Setup setup = setup();
    OkHttpClient.Builder source =
        setup.from() != null ? setup.from().newBuilder() : new OkHttpClient.Builder();
    if (options != null) {
      if (options.getProxyOptions() != null) {
        throw new IllegalArgumentException(
            "HttpClientOptions names proxy "
                + options.getProxyOptions().getAddress()
                + "; the guarded client never uses a proxy (a proxy resolves the target itself and"
                + " would bypass the private-link check). Remove setProxyOptions(...).");
      }
      if (options.getConnectTimeout() != null) {
        source.connectTimeout(options.getConnectTimeout());
      }
      if (options.getReadTimeout() != null) {
        source.readTimeout(options.getReadTimeout());
      }
      if (options.getWriteTimeout() != null) {
        source.writeTimeout(options.getWriteTimeout());
      }
    }
    return GuardedAzureHttpClient.builder().resolver(setup.resolver()).from(source.build()).build();
  }

  private static boolean selected(@Nullable HttpClientOptions options) {
    if (options != null && options.getHttpClientProvider() != null) {
      return options.getHttpClientProvider() == GuardedHttpClientProvider.class;
    }
    return GuardedHttpClientProvider.class
        .getName()
        .equals(Configuration.getGlobalConfiguration().get(SELECT_PROPERTY));
  }
}
