package io.privatelink.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.client.api.Header;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpClient;
import ca.uhn.fhir.rest.client.api.IRestfulClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.impl.RestfulClientFactory;
import io.privatelink.hapi.internal.LinkGuard;
import io.privatelink.hapi.internal.OkHttpFhirClient;
import java.io.IOException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A HAPI FHIR client factory whose every request goes through one {@link OkHttpClient}, normally
 * the guarded client from {@code GuardedHttpClient}, so HAPI code keeps the private-link guarantee
 * without changing how it is written.
 *
 * <pre>{@code
 * FhirContext ctx = FhirContext.forR4();
 * OkHttpClient guarded = GuardedHttpClient.builder().resolver(resolver).from(yourClient).build();
 * ctx.setRestfulClientFactory(new PrivateLinkRestfulClientFactory(ctx, guarded));
 * IGenericClient client = ctx.newRestfulGenericClient(serverBase);  // e.g. https://myfhir...
 * Patient patient = client.read().resource(Patient.class).withId("123").execute();
 * }</pre>
 *
 * <p><b>Install it on its context.</b> HAPI looks up the context's factory for every single
 * request, whatever factory created the client; a factory that is not the one installed on its
 * {@link FhirContext} therefore refuses to create clients ({@link IllegalStateException}), rather
 * than let requests slip out through HAPI's default Apache client.
 *
 * <p><b>The client is opaque.</b> It is never replaced, and its {@code Dns}, socket factory, proxy
 * settings, interceptors and event listeners are never touched. HAPI's tuning setters derive a
 * variant with {@link OkHttpClient#newBuilder()} that changes only what they name:
 *
 * <ul>
 *   <li>{@link #setConnectTimeout(int)}: OkHttp's connect timeout;
 *   <li>{@link #setSocketTimeout(int)}: OkHttp's read and write timeouts;
 *   <li>{@link #setPoolMaxTotal(int)} and {@link #setConnectionTimeToLive(int)}: a new {@link
 *       ConnectionPool} holding at most that many idle connections for that long (OkHttp does not
 *       cap open connections of synchronous calls);
 *   <li>{@link #setConnectionRequestTimeout(int)} and {@link #setPoolMaxPerRoute(int)}: recorded
 *       and reported, but OkHttp has no equivalent, so the client is unchanged.
 * </ul>
 *
 * Until a setter is called the handed-in client's own timeouts and pool apply (the getters report
 * them). Timeouts are in milliseconds; {@code 0} means none, as in HAPI.
 *
 * <p><b>No proxy.</b> {@link #setProxy(String, Integer)} and {@link #setProxyCredentials(String,
 * String)} throw {@link UnsupportedOperationException}: a proxy resolves the target host itself, so
 * the private-link check made by this client's {@code Dns} would prove nothing. {@link
 * #setHttpClient(Object)} is refused for the same reason: build a new factory instead.
 *
 * <p><b>Failures.</b> An {@link IOException} from OkHttp, including the {@code
 * PrivateLinkException} (an {@code UnknownHostException}) the guarded client throws for a host that
 * is not private, reaches the caller as HAPI's {@link FhirClientConnectionException} whose cause is
 * that exception; HAPI does not retry it. The same holds when it happens during HAPI's first-use
 * server validation ({@code GET /metadata}, {@code ServerValidationModeEnum.ONCE}): the exception
 * names the failure and carries the same cause, and the server base is validated again on the next
 * request instead of being marked as validated.
 *
 * <p><b>HAPI's Apache-only interceptors do not apply.</b> Interceptors that cast HAPI's request to
 * the Apache implementation, such as {@code GZipContentInterceptor}, fail on this transport (a
 * {@code ClassCastException}). For gzip-compressed request bodies use {@link
 * #setGzipRequestBodies(boolean)} (every client of the context) or {@code
 * PrivateLinkFhirClient.Builder#gzipRequestBodies(boolean)} (one client); responses are always
 * decompressed by OkHttp.
 *
 * <p><b>Links.</b> Every client it creates applies a {@link LinkPolicy} to each request: by default
 * {@link LinkPolicy#sameOrigin()}, so a paging link or {@code Location} that leaves the client's
 * server base is refused before DNS. Change it with {@link #setLinkPolicy(LinkPolicy)} (clients
 * created afterwards) or per client with {@code PrivateLinkFhirClient.Builder}.
 *
 * <p><b>Public servers.</b> Constructed with {@link PublicServers}, https requests for exactly
 * those host names go through a plain client (never guarded, never given Azure tokens by this
 * library); every other request stays on the guarded client. A guarded refusal of a host that
 * resolved to public addresses only (no private-link zone in its chain, not an Azure health host)
 * mentions this option; a mixed or unlinked private-link host never does.
 *
 * <p>Thread-safe; one factory serves every client of its context.
 */
public final class PrivateLinkRestfulClientFactory extends RestfulClientFactory {

  private final OkHttpClient base;
  private final Set<String> validatedServerBases = new HashSet<>();

  // Settings named by HAPI's setters; absent = not set, keep the handed-in client's own value.
  private final Map<Tuning, Integer> tuning = new EnumMap<>(Tuning.class);

  private @Nullable OkHttpClient effective;
  private volatile boolean gzipRequestBodies;
  private volatile LinkPolicy linkPolicy = LinkPolicy.sameOrigin();
  private final PublicServers publicServers;
  private final @Nullable OkHttpClient publicClient;

  /**
   * A factory for {@code context} whose requests all go through {@code client}.
   *
   * @param context the FHIR context this factory will be installed on
   * @param client the client to use, normally the guarded client; treated as opaque
   */
  public PrivateLinkRestfulClientFactory(FhirContext context, OkHttpClient client) {
    this(context, client, PublicServers.none());
  }

  /**
   * A factory for {@code context} whose requests go through {@code client}, except https requests
   * for the {@code publicServers}, which go through their plain client.
   *
   * @param context the FHIR context this factory will be installed on
   * @param client the client to use, normally the guarded client; treated as opaque
   * @param publicServers servers deliberately reached over the public internet; {@link
   *     PublicServers#none()} for none
   */
  public PrivateLinkRestfulClientFactory(
      FhirContext context, OkHttpClient client, PublicServers publicServers) {
    super(Objects.requireNonNull(context, "context"));
    this.base = Objects.requireNonNull(client, "client");
    this.effective = client;
    this.publicServers = Objects.requireNonNull(publicServers, "publicServers");
    OkHttpClient plain = publicServers.client();
    this.publicClient =
        publicServers.hosts().isEmpty() ? null : plain != null ? plain : new OkHttpClient();
  }

  /**
   * The public servers this factory routes around the guard; {@link PublicServers#none()} if none.
   *
   * @return the public servers given at construction
   */
  public PublicServers getPublicServers() {
    return publicServers;
  }

  /**
   * The link policy of clients created from now on (default {@link LinkPolicy#sameOrigin()}).
   *
   * @param policy the link policy; required
   */
  public void setLinkPolicy(LinkPolicy policy) {
    this.linkPolicy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * The link policy given to new clients.
   *
   * @return the current link policy
   */
  public LinkPolicy getLinkPolicy() {
    return linkPolicy;
  }

  /**
   * HAPI's generic client for {@code serverBase}, with this factory's link policy applied to its
   * requests before any interceptor registered later, and again on the final URL.
   */
  @Override
  public synchronized IGenericClient newGenericClient(String serverBase) {
    IGenericClient client = super.newGenericClient(serverBase);
    client.registerInterceptor(new LinkGuard(linkPolicy.ruleFor(serverBase), base));
    return client;
  }

  /**
   * HAPI's annotation client ({@code ctx.newRestfulClient(IMyClient.class, serverBase)}), with this
   * factory's link policy applied to its requests exactly as for generic clients.
   */
  @Override
  public synchronized <T extends IRestfulClient> T newClient(
      Class<T> clientType, String serverBase) {
    T client = super.newClient(clientType, serverBase);
    client.registerInterceptor(new LinkGuard(linkPolicy.ruleFor(serverBase), base));
    return client;
  }

  /**
   * The client requests currently go through: the handed-in client, or a variant derived from it
   * with {@code newBuilder()} after a tuning setter was called.
   *
   * @return the current client
   */
  public synchronized OkHttpClient getOkHttpClient() {
    if (effective == null) {
      effective = derive();
    }
    return effective;
  }

  private OkHttpClient derive() {
    Integer connectTimeoutMillis = tuning.get(Tuning.CONNECT_TIMEOUT);
    Integer socketTimeoutMillis = tuning.get(Tuning.SOCKET_TIMEOUT);
    Integer poolMaxTotal = tuning.get(Tuning.POOL_MAX_TOTAL);
    Integer connectionTimeToLiveMillis = tuning.get(Tuning.CONNECTION_TIME_TO_LIVE);
    if (connectTimeoutMillis == null
        && socketTimeoutMillis == null
        && poolMaxTotal == null
        && connectionTimeToLiveMillis == null) {
      return base;
    }
    OkHttpClient.Builder builder = base.newBuilder();
    if (connectTimeoutMillis != null) {
      builder.connectTimeout(connectTimeoutMillis, TimeUnit.MILLISECONDS);
    }
    if (socketTimeoutMillis != null) {
      builder.readTimeout(socketTimeoutMillis, TimeUnit.MILLISECONDS);
      builder.writeTimeout(socketTimeoutMillis, TimeUnit.MILLISECONDS);
    }
    if (poolMaxTotal != null || connectionTimeToLiveMillis != null) {
      builder.connectionPool(
          new ConnectionPool(
              poolMaxTotal != null ? poolMaxTotal : DEFAULT_POOL_MAX,
              connectionTimeToLiveMillis != null ? connectionTimeToLiveMillis : 5 * 60_000L,
              TimeUnit.MILLISECONDS));
    }
    OkHttpClient derived = builder.build();
    requireGuardKept(derived);
    return derived;
  }

  // newBuilder() copies these by reference; checked anyway, since losing one is a silent bypass.
  private void requireGuardKept(OkHttpClient derived) {
    if (derived.dns() != base.dns()
        || derived.socketFactory() != base.socketFactory()
        || derived.sslSocketFactory() != base.sslSocketFactory()
        || derived.proxy() != base.proxy()
        || derived.proxySelector() != base.proxySelector()
        || derived.eventListenerFactory() != base.eventListenerFactory()
        || !derived.interceptors().equals(base.interceptors())
        || !derived.networkInterceptors().equals(base.networkInterceptors())) {
      throw new IllegalStateException("deriving a client variant lost part of the guard");
    }
  }

  @Override
  protected synchronized IHttpClient getHttpClient(String serverBase) {
    return getHttpClient(new StringBuilder(serverBase), null, null, null, null);
  }

  /** Called by HAPI for every request; see {@code IRestfulClientFactory}. */
  @Override
  public synchronized IHttpClient getHttpClient(
      StringBuilder url,
      @Nullable Map<String, List<String>> ifNoneExistParams,
      @Nullable String ifNoneExistString,
      @Nullable RequestTypeEnum requestType,
      @Nullable List<Header> headers) {
    OkHttpClient publicRoute = publicClient;
    return new OkHttpFhirClient(
        publicRoute != null && publicServers.routesPublic(url.toString())
            ? publicRoute
            : getOkHttpClient(),
        url,
        ifNoneExistParams,
        ifNoneExistString,
        requestType,
        headers,
        gzipRequestBodies);
  }

  /**
   * Whether every client of this context sends non-empty request bodies gzip-compressed, with
   * {@code Content-Encoding: gzip} (default {@code false}). Only for servers that accept it: HAPI's
   * server does; the Azure FHIR service's support is not documented. This replaces HAPI's
   * Apache-only {@code GZipContentInterceptor}, which does not work on this transport.
   *
   * @param gzip {@code true} to compress request bodies
   */
  public void setGzipRequestBodies(boolean gzip) {
    this.gzipRequestBodies = gzip;
  }

  /**
   * Whether request bodies are sent gzip-compressed; see {@link #setGzipRequestBodies(boolean)}.
   *
   * @return {@code true} if request bodies are compressed
   */
  public boolean isGzipRequestBodies() {
    return gzipRequestBodies;
  }

  @Override
  protected synchronized void resetHttpClient() {
    effective = null;
  }

  /**
   * Also requires this factory to be the one installed on its context: HAPI builds every request
   * through the context's factory, so clients made by any other factory would not be guarded.
   */
  @Override
  protected void validateConfigured() {
    super.validateConfigured();
    if (getFhirContext().getRestfulClientFactory() != this) {
      throw new IllegalStateException(
          "This PrivateLinkRestfulClientFactory is not installed on its FhirContext, and HAPI"
              + " sends every request through the context's factory. Install it first:"
              + " ctx.setRestfulClientFactory(factory), then use ctx.newRestfulGenericClient(url).");
    }
  }

  /**
   * Refused: a proxy resolves the target itself, which would bypass the private-link check. Passing
   * a {@code null} host (no proxy) is accepted and changes nothing.
   *
   * @throws UnsupportedOperationException whenever {@code host} is not {@code null}
   */
  @Override
  public void setProxy(String host, Integer port) {
    if (host != null) {
      throw new UnsupportedOperationException(
          "PrivateLinkRestfulClientFactory does not support an HTTP proxy: the proxy would resolve"
              + " the FHIR host itself, bypassing the private-link DNS check. Remove the proxy"
              + " (add the host to your no-proxy list) and reach the private endpoint directly.");
    }
  }

  /**
   * Refused, as {@link #setProxy(String, Integer)} is. Passing two {@code null}s is accepted.
   *
   * @throws UnsupportedOperationException whenever a user name or password is given
   */
  @Override
  public void setProxyCredentials(String username, String password) {
    if (username != null || password != null) {
      throw new UnsupportedOperationException(
          "PrivateLinkRestfulClientFactory does not support an HTTP proxy, so proxy credentials"
              + " have no use: a proxy would bypass the private-link DNS check.");
    }
  }

  /**
   * Refused: replacing the client could drop the guard. Construct a new factory with the client
   * instead.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public <T> void setHttpClient(T httpClient) {
    throw new UnsupportedOperationException(
        "PrivateLinkRestfulClientFactory keeps the client it was constructed with; create a new"
            + " factory with new PrivateLinkRestfulClientFactory(ctx, guardedClient) instead.");
  }

  /** Sets OkHttp's connect timeout on a derived client; the guard is kept. */
  @Override
  public synchronized void setConnectTimeout(int millis) {
    tune(Tuning.CONNECT_TIMEOUT, millis);
  }

  /** OkHttp's connect timeout of the client in use, in milliseconds. */
  @Override
  public synchronized int getConnectTimeout() {
    return getOkHttpClient().connectTimeoutMillis();
  }

  /** Sets OkHttp's read and write timeouts on a derived client; the guard is kept. */
  @Override
  public synchronized void setSocketTimeout(int millis) {
    tune(Tuning.SOCKET_TIMEOUT, millis);
  }

  /** OkHttp's read timeout of the client in use, in milliseconds. */
  @Override
  public synchronized int getSocketTimeout() {
    return getOkHttpClient().readTimeoutMillis();
  }

  /** Recorded only: OkHttp has no timeout for leasing a pooled connection. */
  @Override
  public synchronized void setConnectionRequestTimeout(int millis) {
    tune(Tuning.CONNECTION_REQUEST_TIMEOUT, millis);
  }

  /** Keep-alive of idle pooled connections, on a derived client with its own pool. */
  @Override
  public synchronized void setConnectionTimeToLive(int millis) {
    tune(Tuning.CONNECTION_TIME_TO_LIVE, millis);
  }

  /** At most this many idle pooled connections, on a derived client with its own pool. */
  @Override
  public synchronized void setPoolMaxTotal(int max) {
    tune(Tuning.POOL_MAX_TOTAL, max);
  }

  /** Recorded only: OkHttp does not cap connections per route for synchronous calls. */
  @Override
  public synchronized void setPoolMaxPerRoute(int max) {
    tune(Tuning.POOL_MAX_PER_ROUTE, max);
  }

  /** HAPI's tuning settings, named as in the message for a negative value. */
  private enum Tuning {
    CONNECT_TIMEOUT("connect timeout"),
    SOCKET_TIMEOUT("socket timeout"),
    CONNECTION_REQUEST_TIMEOUT("connection request timeout"),
    CONNECTION_TIME_TO_LIVE("connection time to live"),
    POOL_MAX_TOTAL("pool max total"),
    POOL_MAX_PER_ROUTE("pool max per route");

    private final String label;

    Tuning(String label) {
      this.label = label;
    }
  }

  /**
   * Checks {@code value}, records it in HAPI's settings (which resets the client in use) and here;
   * {@link #derive()} applies the settings OkHttp has an equivalent for.
   */
  private void tune(Tuning setting, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(setting.label + " must not be negative: " + value);
    }
    switch (setting) {
      case CONNECT_TIMEOUT -> super.setConnectTimeout(value);
      case SOCKET_TIMEOUT -> super.setSocketTimeout(value);
      case CONNECTION_REQUEST_TIMEOUT -> super.setConnectionRequestTimeout(value);
      case CONNECTION_TIME_TO_LIVE -> super.setConnectionTimeToLive(value);
      case POOL_MAX_TOTAL -> super.setPoolMaxTotal(value);
      case POOL_MAX_PER_ROUTE -> super.setPoolMaxPerRoute(value);
    }
    tuning.put(setting, value);
  }

  /**
   * HAPI's first-use server validation, with two differences from {@code RestfulClientFactory}: a
   * server base is marked as validated only once validation succeeded, and a connection failure is
   * rethrown as a {@link FhirClientConnectionException} whose message names it and whose cause is
   * the {@link IOException} itself, exactly as an ordinary request would fail, instead of a generic
   * "failed to retrieve the server metadata" message.
   */
  @Override
  public void validateServerBaseIfConfiguredToDoSo(
      String serverBase, IHttpClient httpClient, IRestfulClient client) {
    if (getServerValidationMode() == ServerValidationModeEnum.NEVER) {
      return;
    }
    String key = serverBase.endsWith("/") ? serverBase : serverBase + "/";
    synchronized (validatedServerBases) {
      if (validatedServerBases.contains(key)) {
        return;
      }
      try {
        validateServerBase(serverBase, httpClient, client);
      } catch (FhirClientConnectionException e) {
        IOException cause = findIOException(e);
        if (cause == null) {
          throw e;
        }
        throw new FhirClientConnectionException(
            "Validating the FHIR server at " + serverBase + " (GET metadata) failed: " + cause,
            cause);
      }
      validatedServerBases.add(key);
    }
  }

  private static @Nullable IOException findIOException(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
