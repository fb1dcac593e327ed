package io.privatelink.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.hapi.AzureTokenInterceptor;
import io.privatelink.hapi.PrivateLinkRestfulClientFactory;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.LoopbackPair;
import io.privatelink.testkit.TestCertificates;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Many threads, the guarded OkHttp client and the HAPI client, linked, unlinked and rebinding hosts
 * with TTL 0, and DNS answers changing during the run: the canary sees nothing, every linked
 * request succeeds, and threads and file descriptors return to their baseline.
 *
 * <p>{@code ./mvnw -B verify} runs a short version ({@code soak.requests}, default 2,000); {@code
 * ./mvnw -B verify -Psoak -pl privatelink-it -am} runs 20,000 or more.
 */
class SoakTest {

  private static final String LINKED = "linked.azurehealthcareapis.com";
  private static final String UNLINKED = "unlinked.azurehealthcareapis.com";
  private static final String REBINDING = "rebind.azurehealthcareapis.com";
  private static final String CHANGING = "changing.azurehealthcareapis.com";
  private static final List<String> HOSTS = List.of(LINKED, UNLINKED, REBINDING, CHANGING);
  private static final int THREADS = 32;

  @Test
  void guardHoldsUnderLoadWithChangingDnsAndLeaksNothing() throws Exception {
    int requests = Integer.getInteger("soak.requests", 2_000);
    try (DnsSandbox dns = DnsSandbox.start();
        LoopbackPair<EmbeddedFhirServer> pair =
            LoopbackPair.start(EmbeddedFhirServer.builder()::start)) {
      EmbeddedFhirServer server = pair.server();
      String patientId =
          server
              .seed(new Patient().addName(new HumanName().setFamily("Soak")))
              .get(0)
              .getIdElement()
              .getIdPart();
      dns.ttl(0)
          .privateEndpoint(LINKED, "127.0.0.1")
          .unlinkedZone(UNLINKED, "127.0.0.2")
          .rebindingPrivateEndpoint(REBINDING, "127.0.0.1", "127.0.0.2")
          .privateEndpoint(CHANGING, "127.0.0.1");

      PrivateLinkResolver resolver =
          PrivateLinkResolver.builder()
              .nameservers(dns.nameserver())
              .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
              // Generous: this measures whether the guard holds, not how fast DNS is on a loaded CI
              // box.
              .timeout(Duration.ofSeconds(10))
              .retries(2)
              .build();
      TestCertificates certs = server.certificates();
      GuardMetrics metrics = new GuardMetrics();
      OkHttpClient guarded =
          GuardedHttpClient.builder()
              .resolver(resolver)
              .metrics(metrics)
              .from(
                  new OkHttpClient.Builder()
                      .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
                      .build())
              .build();
      LongAdder tokenCalls = new LongAdder();
      TokenCredential credential =
          request -> {
            tokenCalls.increment();
            return Mono.just(new AccessToken("soak-token", OffsetDateTime.now().plusHours(1)));
          };
      FhirContext ctx = FhirContext.forR4();
      ctx.setRestfulClientFactory(new PrivateLinkRestfulClientFactory(ctx, guarded));
      ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
      Map<String, IGenericClient> fhir = new ConcurrentHashMap<>();
      for (String host : HOSTS) {
        IGenericClient client = ctx.newRestfulGenericClient(server.baseUrl(host));
        client.registerInterceptor(
            AzureTokenInterceptor.builder()
                .credential(credential)
                .serverBase(server.baseUrl(host))
                .resolver(resolver)
                .build());
        fhir.put(host, client);
      }

      // Warm up, then take the baseline.
      fhir.get(LINKED).read().resource(Patient.class).withId(patientId).execute();
      guarded.connectionPool().evictAll();
      int baseThreads = settledThreadCount();
      long baseFds = openFileDescriptors();

      AtomicBoolean running = new AtomicBoolean(true);
      Thread flipper =
          new Thread(
              () -> {
                boolean linked = true;
                while (running.get()) {
                  linked = !linked;
                  if (linked) {
                    dns.privateEndpoint(CHANGING, "127.0.0.1");
                  } else {
                    dns.unlinkedZone(CHANGING, "127.0.0.2");
                  }
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "soak-dns-flipper");
      flipper.setDaemon(true);
      flipper.start();

      Map<String, AtomicInteger> ok = new ConcurrentHashMap<>();
      Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
      List<String> wrong = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger next = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          futures.add(
              pool.submit(
                  () -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                      String host = HOSTS.get(i % HOSTS.size());
                      try {
                        if ((i / HOSTS.size()) % 2 == 0) {
                          okHttpRead(
                              guarded, server.baseUrl(host) + "Patient/" + patientId, i % 3 == 0);
                        } else {
                          fhir.get(host).read().resource(Patient.class).withId(patientId).execute();
                        }
                        ok.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
                      } catch (Exception e) {
                        PrivateLinkException p = PrivateLinkException.find(e).orElse(null);
                        boolean expected =
                            p != null
                                && !host.equals(LINKED)
                                && (!host.equals(UNLINKED)
                                    || p.verdict() == Verdict.PUBLIC_ADDRESS);
                        if (expected) {
                          refused.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
                        } else {
                          wrong.add(host + ": " + e);
                        }
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          f.get(10, TimeUnit.MINUTES);
        }
      } finally {
        running.set(false);
        flipper.join(5_000);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
      }

      System.out.printf(
          "soak: %d requests, ok %s, refused %s, %s, token calls %d%n",
          requests, ok, refused, metrics, tokenCalls.sum());
      assertTrue(
          wrong.isEmpty(),
          () ->
              wrong.size()
                  + " wrong outcomes, e.g. "
                  + wrong.subList(0, Math.min(5, wrong.size())));
      assertEquals(requests / HOSTS.size(), ok.get(LINKED).get(), "every linked request succeeds");
      assertEquals(null, ok.get(UNLINKED), "no unlinked request succeeds");
      assertTrue(
          ok.get(REBINDING) != null && refused.get(REBINDING) != null, "rebinding went both ways");
      pair.canary().assertUntouched();
      assertTrue(pair.canary().authorizationHeaders().isEmpty());

      guarded.connectionPool().evictAll();
      assertEquals(0, guarded.connectionPool().connectionCount(), "pooled connections released");
      int threadsAfter = settledThreadCount();
      long fdsAfter = openFileDescriptors();
      System.out.printf(
          "soak: threads %d -> %d, fds %d -> %d%n", baseThreads, threadsAfter, baseFds, fdsAfter);
      assertTrue(
          threadsAfter <= baseThreads + 4,
          () -> "threads " + baseThreads + " -> " + threadsAfter + ": " + clientThreadNames());
      if (baseFds >= 0) {
        assertTrue(fdsAfter <= baseFds + 8, "file descriptors " + baseFds + " -> " + fdsAfter);
      }
    }
  }

  private static void okHttpRead(OkHttpClient client, String url, boolean newConnection)
      throws IOException {
    Request.Builder request =
        new Request.Builder().url(url).header("Authorization", "Bearer okhttp-token");
    if (newConnection) {
      request.header("Connection", "close");
    }
    try (Response response = client.newCall(request.build()).execute()) {
      if (response.code() != 200) {
        throw new IOException("HTTP " + response.code());
      }
      response.body().string();
    }
  }

  /**
   * The client side's live threads (the test servers' own worker pools grow with load and are not
   * what is measured), once the count has settled.
   */
  private static int settledThreadCount() throws InterruptedException {
    int last = clientThreadNames().size();
    for (int i = 0; i < 50; i++) {
      Thread.sleep(100);
      int now = clientThreadNames().size();
      if (now == last) {
        return now;
      }
      last = now;
    }
    return last;
  }

  private static List<String> clientThreadNames() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String name = t.getName();
      if (t.isAlive() && !name.startsWith("testkit-") && !name.startsWith("dns-sandbox-")) {
        names.add(name);
      }
    }
    Collections.sort(names);
    return names;
  }

  /** Open file descriptors of this JVM (Linux), or -1 where /proc is not there. */
  private static long openFileDescriptors() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }
}
