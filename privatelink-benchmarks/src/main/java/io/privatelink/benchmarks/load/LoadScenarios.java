package io.privatelink.benchmarks.load;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.util.Configuration;
import com.azure.core.util.Context;
import io.privatelink.azure.GuardedAzureHttpClient;
import io.privatelink.benchmarks.BenchHosts;
import io.privatelink.benchmarks.RawDnsPair;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.internal.zones.ZoneTable;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.xbill.DNS.Type;

/**
 * The load harness's HTTP scenarios, each comparing the guarded {@code OkHttpClient} with what a
 * user would otherwise run: a plain {@code OkHttpClient} with identical pool and TLS settings whose
 * {@code Dns} pins the host. Every loop is bounded in time and count.
 */
public final class LoadScenarios implements AutoCloseable {
  private final Settings settings;
  private final HttpFixture fixture = new HttpFixture();

  /** Starts the DNS sandbox and the HTTPS server on loopback. */
  public LoadScenarios(Settings settings) {
    this.settings = settings;
  }

  /** Scenario 1: warm keep-alive throughput and latency, guarded vs plain, on {@code threads}. */
  public Comparison warm(int threads) throws InterruptedException {
    PrivateLinkResolver resolver = fixture.resolver().build();
    OkHttpClient guarded = fixture.guarded(resolver, new GuardMetrics());
    OkHttpClient plain = fixture.plain(BenchHosts.PRIVATE_HOST, BenchHosts.PRIVATE_ENDPOINT);
    Request request = fixture.get(BenchHosts.PRIVATE_HOST);
    try {
      return warm(
          "", () -> fixture.call(guarded, request), () -> fixture.call(plain, request), threads);
    } finally {
      shutdown(guarded);
      shutdown(plain);
    }
  }

  /** Which Apache HttpClient a warm scenario compares. */
  public enum Apache {
    HTTPCLIENT_4("Apache HttpClient 4"),
    HTTPCLIENT_5("Apache HttpClient 5");

    final String label;

    Apache(String label) {
      this.label = label;
    }
  }

  /**
   * Scenario 1 on Apache HttpClient: the guarded client of {@code privatelink-httpclient4} or
   * {@code -5} against a plain one with the same pool and TLS whose {@code DnsResolver} pins the
   * host.
   */
  public Comparison warm(Apache apache, int threads) throws InterruptedException, IOException {
    PrivateLinkResolver resolver = fixture.resolver().build();
    javax.net.ssl.SSLContext tls = fixture.certs.clientHandshake().sslContext();
    int length = fixture.capabilityStatement.length();
    String url = fixture.url(BenchHosts.PRIVATE_HOST);
    try (ApacheClients.Client guarded =
            switch (apache) {
              case HTTPCLIENT_4 -> ApacheClients.guarded4(resolver, tls, length);
              case HTTPCLIENT_5 -> ApacheClients.guarded5(resolver, tls, length);
            };
        ApacheClients.Client plain =
            switch (apache) {
              case HTTPCLIENT_4 ->
                  ApacheClients.plain4(
                      BenchHosts.PRIVATE_HOST, BenchHosts.PRIVATE_ENDPOINT, tls, length);
              case HTTPCLIENT_5 ->
                  ApacheClients.plain5(
                      BenchHosts.PRIVATE_HOST, BenchHosts.PRIVATE_ENDPOINT, tls, length);
            }) {
      return warm(apache.label + " ", () -> guarded.get(url), () -> plain.get(url), threads);
    }
  }

  /**
   * Scenario 1 on azure-core, the client Azure SDK builders take: {@code GuardedAzureHttpClient}
   * against azure-core's plain OkHttp client over the same pool and TLS, its {@code Dns} pinning
   * the host. Neither reads a proxy from the environment.
   */
  public Comparison warmAzureCore(int threads) throws InterruptedException {
    PrivateLinkResolver resolver = fixture.resolver().build();
    OkHttpClient guardedSource = fixture.guarded(resolver, new GuardMetrics());
    OkHttpClient plainSource = fixture.plain(BenchHosts.PRIVATE_HOST, BenchHosts.PRIVATE_ENDPOINT);
    HttpClient guarded =
        GuardedAzureHttpClient.builder().resolver(resolver).from(guardedSource).build();
    HttpClient plain =
        new OkHttpAsyncHttpClientBuilder(plainSource).configuration(Configuration.NONE).build();
    String url = fixture.url(BenchHosts.PRIVATE_HOST);
    try {
      return warm(
          "azure-core ", () -> azureCall(guarded, url), () -> azureCall(plain, url), threads);
    } finally {
      shutdown(guardedSource);
      shutdown(plainSource);
    }
  }

  /** Scenario 1's run: the two calls interleaved on warm keep-alive connections. */
  private Comparison warm(
      String client, ClosedLoop.Call guarded, ClosedLoop.Call plain, int threads)
      throws InterruptedException {
    return Interleaved.compare(
        client + "warm keep-alive, " + threads + (threads == 1 ? " thread" : " threads"),
        guarded,
        plain,
        threads,
        settings.rounds,
        settings.warmUp,
        settings.perRun,
        fixture.server::reset);
  }

  private void azureCall(HttpClient client, String url) throws IOException {
    try (HttpResponse response =
        client.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
      byte[] body = response.getBodyAsBinaryData().toBytes();
      if (response.getStatusCode() != 200 || body.length != fixture.capabilityStatement.length()) {
        throw new IOException(
            "unexpected response " + response.getStatusCode() + ", " + body.length + " bytes");
      }
    }
  }

  /**
   * Scenario 2: a new TCP connection per request ({@code Connection: close}), one thread: the
   * guarded client pays a cached verification and the connect-time policy check per request. Over
   * HTTPS ({@code tls}) each request also pays a TLS handshake; over plain HTTP nothing else is
   * added, which makes the guard's share of the cost as large as it gets.
   */
  public Comparison newConnection(boolean tls) throws InterruptedException {
    PrivateLinkResolver resolver = fixture.resolver().build();
    GuardMetrics metrics = new GuardMetrics();
    OkHttpClient guarded = fixture.guarded(resolver, metrics);
    OkHttpClient plain = fixture.plain(BenchHosts.PRIVATE_HOST, BenchHosts.PRIVATE_ENDPOINT);
    Request request = fixture.getAndClose(BenchHosts.PRIVATE_HOST, tls);
    TlsTestServer server = fixture.server(tls);
    server.reset();
    try {
      Comparison result =
          Interleaved.compare(
              "new connection per request, " + (tls ? "https" : "plain http") + ", 1 thread",
              () -> fixture.call(guarded, request),
              () -> fixture.call(plain, request),
              1,
              settings.rounds,
              settings.warmUp,
              settings.perRun,
              () -> {});
      int connections = server.connections();
      int requests = server.requests().size();
      server.reset();
      System.out.printf(
          "  server saw %d connections for %d requests; guard: %s%n",
          connections, requests, metrics);
      if (connections < requests) {
        throw new IllegalStateException(
            "connections were reused (" + connections + " for " + requests + " requests)");
      }
      return result;
    } finally {
      shutdown(guarded);
      shutdown(plain);
    }
  }

  /** How the slow-DNS scenario's clients use connections. */
  public enum Connections {
    /**
     * One pooled connection per thread, reused: the guard's {@code Dns} runs once per connection.
     */
    KEEP_ALIVE("warm keep-alive"),
    /** {@code Connection: close} over HTTPS: every request resolves through the guard. */
    NEW_PER_REQUEST("new connection per request");

    final String label;

    Connections(String label) {
      this.label = label;
    }
  }

  /**
   * Scenario 6: a slow forwarder and a short TTL. {@link BenchHosts#SLOW_DNS_HOST} answers after
   * {@value BenchHosts#SLOW_DNS_DELAY_MILLIS} ms with TTL 1 s; the guarded client (its resolver
   * with refresh ahead on or off, default cache otherwise) against the plain client with the host
   * pinned, which never asks DNS. Before each timed run the guarded resolver's entry is made fresh
   * (untimed), so every run starts alike and sees one expiry per second of its length.
   */
  public Comparison slowDns(Connections connections, int threads, boolean refreshAhead)
      throws InterruptedException {
    String host = BenchHosts.SLOW_DNS_HOST;
    String alias = ZoneTable.privateLinkAlias(host).orElseThrow();
    Duration delay = Duration.ofMillis(BenchHosts.SLOW_DNS_DELAY_MILLIS);
    fixture
        .dns
        .ttl(1)
        .privateEndpoint(host, BenchHosts.PRIVATE_ENDPOINT)
        .ttl(DnsSandbox.DEFAULT_TTL);
    fixture.dns.delay(host, delay).delay(alias, delay);
    PrivateLinkResolver.Builder builder = fixture.resolver();
    PrivateLinkResolver resolver = (refreshAhead ? builder : builder.noRefreshAhead()).build();
    OkHttpClient guarded = fixture.guarded(resolver, new GuardMetrics());
    OkHttpClient plain = fixture.plain(host, BenchHosts.PRIVATE_ENDPOINT);
    boolean keepAlive = connections == Connections.KEEP_ALIVE;
    Request request = keepAlive ? fixture.get(host) : fixture.getAndClose(host, true);
    long[] served = new long[2];
    fixture.server.reset();
    try {
      Comparison result =
          Interleaved.compare(
              "DNS +"
                  + BenchHosts.SLOW_DNS_DELAY_MILLIS
                  + " ms, TTL 1 s, "
                  + connections.label
                  + ", "
                  + threads
                  + (threads == 1 ? " thread" : " threads")
                  + ", refresh ahead "
                  + (refreshAhead ? "on" : "off"),
              () -> fixture.call(guarded, request),
              () -> fixture.call(plain, request),
              threads,
              settings.refreshRounds,
              settings.warmUp,
              settings.refreshPerRun,
              () -> {
                served[0] += fixture.server.connections();
                served[1] += fixture.server.requests().size();
                fixture.server.reset();
                try {
                  resolver.resolve(host);
                } catch (PrivateLinkException e) {
                  throw new IllegalStateException("the slow-DNS host did not verify: " + e, e);
                }
              });
      System.out.printf(
          "  server saw %d connections for %d requests; resolver %s%n",
          served[0], served[1], resolver.stats());
      if (!keepAlive && served[0] < served[1]) {
        throw new IllegalStateException(
            "connections were reused (" + served[0] + " for " + served[1] + " requests)");
      }
      return result;
    } finally {
      shutdown(guarded);
      shutdown(plain);
    }
  }

  /**
   * Scenario 4: time from call to exception for an unlinked host. The guard refuses after DNS; the
   * unguarded client, pinned to the "public" address as its DNS would have it, waits out its
   * connect timeout on a black-holed loopback port.
   */
  public FailFastResult failFast() throws IOException, InterruptedException {
    PrivateLinkResolver cold = fixture.resolver().noCache().build();
    PrivateLinkResolver cached = fixture.resolver().build();
    GuardMetrics metrics = new GuardMetrics();
    OkHttpClient guardedCold = fixture.guarded(cold, metrics);
    OkHttpClient guardedCached = fixture.guarded(cached, metrics);
    RawDnsPair raw = new RawDnsPair(fixture.dns.address(), BenchHosts.UNLINKED_HOST);
    Request request = fixture.get(BenchHosts.UNLINKED_HOST);
    int samples = settings.failFastSamples;
    double[] coldMillis = new double[samples];
    double[] cachedMillis = new double[samples];
    double[] rawMillis = new double[samples];
    // Warm the code paths (and the negative cache) before timing.
    for (int i = 0; i < 20; i++) {
      refusedByGuard(guardedCold, request);
      refusedByGuard(guardedCached, request);
      rawPair(raw);
    }
    for (int i = 0; i < samples; i++) {
      coldMillis[i] = refusedByGuard(guardedCold, request);
      rawMillis[i] = rawPair(raw);
      cachedMillis[i] = refusedByGuard(guardedCached, request);
    }
    shutdown(guardedCold);
    shutdown(guardedCached);

    double[] unguardedMillis = new double[settings.blackHoleSamples];
    String failure = "none";
    boolean dropping;
    try (BlackHole hole = new BlackHole(BenchHosts.PUBLIC_STAND_IN)) {
      dropping = hole.dropping();
      OkHttpClient unguarded =
          fixture
              .plain(BenchHosts.UNLINKED_HOST, BenchHosts.PUBLIC_STAND_IN)
              .newBuilder()
              .connectTimeout(settings.unguardedConnectTimeout)
              .build();
      Request toHole =
          new Request.Builder()
              .url(
                  "https://"
                      + BenchHosts.UNLINKED_HOST
                      + ":"
                      + hole.address().getPort()
                      + "/metadata")
              .build();
      for (int i = 0; i < unguardedMillis.length; i++) {
        long start = System.nanoTime();
        try (Response response = unguarded.newCall(toHole).execute()) {
          failure = "got a response: " + response.code();
        } catch (IOException e) {
          failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        unguardedMillis[i] = (System.nanoTime() - start) / 1e6;
      }
      shutdown(unguarded);
      System.out.printf(
          "  black hole %s: %d fillers, dropping=%s%n", hole.address(), hole.fillers(), dropping);
    }
    FailFastResult result =
        new FailFastResult(
            Comparison.median(coldMillis),
            Comparison.median(cachedMillis),
            Comparison.median(rawMillis),
            Comparison.median(unguardedMillis),
            settings.unguardedConnectTimeout.toMillis(),
            dropping,
            metrics.connectAttempts(),
            failure);
    System.out.printf("fail fast%n  %s%n", result);
    return result;
  }

  private static double refusedByGuard(OkHttpClient client, Request request) {
    long start = System.nanoTime();
    try (Response response = client.newCall(request).execute()) {
      throw new IllegalStateException("the guard let an unlinked host through: " + response.code());
    } catch (IOException e) {
      if (PrivateLinkException.find(e) == null) {
        throw new IllegalStateException("expected a PrivateLinkException, got " + e, e);
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static double rawPair(RawDnsPair raw) {
    long start = System.nanoTime();
    try {
      raw.query();
    } catch (Exception e) {
      throw new IllegalStateException("raw DNS query failed: " + e, e);
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /**
   * Scenario 5: {@code callers} concurrent cold requests for one host through one guarded client
   * with an empty cache; the sandbox counts the DNS queries it received for the host. The host's
   * answers are delayed by 100 ms so every caller arrives while the first lookup is in flight.
   */
  public SingleFlightResult singleFlight() throws InterruptedException {
    int callers = settings.singleFlightCallers;
    int succeeded = 0;
    int maxA = 0;
    int maxAaaa = 0;
    int maxAlias = 0;
    String alias = ZoneTable.privateLinkAlias(BenchHosts.PRIVATE_HOST).orElseThrow();
    fixture.dns.delay(BenchHosts.PRIVATE_HOST, Duration.ofMillis(100));
    try {
      for (int rep = 0; rep < settings.singleFlightRepeats; rep++) {
        PrivateLinkResolver resolver = fixture.resolver().build();
        OkHttpClient guarded = fixture.guarded(resolver, new GuardMetrics());
        Request request = fixture.get(BenchHosts.PRIVATE_HOST);
        fixture.dns.resetCounters();
        fixture.server.reset();
        AtomicInteger ok = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(callers);
        for (int i = 0; i < callers; i++) {
          Thread caller =
              new Thread(
                  () -> {
                    ready.countDown();
                    try {
                      go.await();
                      fixture.call(guarded, request);
                      ok.incrementAndGet();
                    } catch (Exception e) {
                      synchronized (failures) {
                        failures.add(e);
                      }
                    } finally {
                      done.countDown();
                    }
                  },
                  "single-flight-" + i);
          caller.setDaemon(true);
          caller.start();
        }
        ready.await();
        go.countDown();
        if (!done.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("single-flight callers did not finish within 60 s");
        }
        int a = fixture.dns.queries(BenchHosts.PRIVATE_HOST, Type.A);
        int aaaa = fixture.dns.queries(BenchHosts.PRIVATE_HOST, Type.AAAA);
        int aliasQueries = fixture.dns.queries(alias);
        System.out.printf(
            "single flight %d/%d: %d callers, %d ok, host A=%d AAAA=%d, alias=%d, resolver %s%s%n",
            rep + 1,
            settings.singleFlightRepeats,
            callers,
            ok.get(),
            a,
            aaaa,
            aliasQueries,
            resolver.stats(),
            failures.isEmpty() ? "" : ", first failure: " + failures.get(0));
        succeeded += ok.get();
        maxA = Math.max(maxA, a);
        maxAaaa = Math.max(maxAaaa, aaaa);
        maxAlias = Math.max(maxAlias, aliasQueries);
        shutdown(guarded);
      }
    } finally {
      fixture.dns.delay(BenchHosts.PRIVATE_HOST, Duration.ZERO);
      fixture.server.reset();
    }
    return new SingleFlightResult(
        callers, settings.singleFlightRepeats, succeeded, maxA, maxAaaa, maxAlias);
  }

  /**
   * The DNS queries one cold verification sends, by name and type, as the sandbox counted them,
   * e.g. {@code "host A 1, host AAAA 1, alias A 0, alias AAAA 1"}.
   */
  public String queriesPerColdVerification() throws PrivateLinkException {
    PrivateLinkResolver resolver = fixture.resolver().noCache().build();
    String alias = ZoneTable.privateLinkAlias(BenchHosts.PRIVATE_HOST).orElseThrow();
    resolver.resolve(BenchHosts.PRIVATE_HOST);
    fixture.dns.resetCounters();
    resolver.resolve(BenchHosts.PRIVATE_HOST);
    return String.format(
        "host A %d, host AAAA %d, alias A %d, alias AAAA %d",
        fixture.dns.queries(BenchHosts.PRIVATE_HOST, Type.A),
        fixture.dns.queries(BenchHosts.PRIVATE_HOST, Type.AAAA),
        fixture.dns.queries(alias, Type.A),
        fixture.dns.queries(alias, Type.AAAA));
  }

  private static void shutdown(OkHttpClient client) {
    client.connectionPool().evictAll();
    client.dispatcher().executorService().shutdown();
  }

  @Override
  public void close() {
    fixture.close();
  }
}
