package io.privatelink.testkit;

import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of a guard test, as a JUnit 5 extension: a {@link DnsSandbox}, a server on {@code
 * 127.0.0.1} (the private endpoint: a programmable {@link TlsTestServer}, or any {@link
 * LoopbackServer} such as an {@link EmbeddedFhirServer}) and its {@link CanaryServer} on {@value
 * CanaryServer#ADDRESS} and the same port (the public internet, where a leak would succeed).
 * Started once before all tests of a class; before each test DNS counters and what both servers saw
 * are reset and DNS holds only the attack hosts' records (below); after each test the canary must
 * be {@linkplain CanaryServer#assertUntouched() untouched}, so every test also proves nothing
 * leaked; closed after all. Register it on a static field; the servers are ready in the class's
 * {@code @BeforeEach} methods, and the canary is checked after the class's {@code @AfterEach}
 * methods (close clients there). A {@code @Nested} class shares its enclosing class's servers.
 *
 * <p>The attack hosts, each on the server's port so a leak would reach the canary:
 *
 * <ul>
 *   <li>{@value #LINKED_HOST} and {@value #OTHER_LINKED_HOST}: {@linkplain
 *       DnsSandbox#privateEndpoint linked} private endpoints at {@code 127.0.0.1};
 *   <li>{@value #UNLINKED_HOST}: an {@linkplain DnsSandbox#unlinkedZone unlinked zone} falling
 *       through to the canary;
 *   <li>{@value #PUBLIC_HOST}: {@linkplain DnsSandbox#publicOnly public only}, at the canary;
 *   <li>{@value #MIXED_HOST}: a private endpoint answering both {@code 127.0.0.1} and the canary;
 *   <li>{@value #PUBLIC_ENDPOINT_HOST}: a privatelink CNAME to the canary's public address.
 * </ul>
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PrivateEndpointExtension<TlsTestServer> ENDPOINT = PrivateEndpointExtension.withTlsServer();
 *
 * @Test
 * void linkedHostResolvesToThePrivateEndpoint() throws Exception {
 *   ENDPOINT.dns().privateEndpoint("myfhir.azurehealthcareapis.com", "127.0.0.1");
 *   PrivateLinkResolver resolver = ENDPOINT.newResolver();
 *
 *   assertEquals(Verdict.PRIVATE, resolver.resolve("myfhir.azurehealthcareapis.com").verdict());
 *   // ... call ENDPOINT.url("myfhir.azurehealthcareapis.com", "/ok") through the client under test
 * }
 * }</pre>
 *
 * @param <S> the private server's type
 */
public final class PrivateEndpointExtension<S extends LoopbackServer>
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  /** A linked private endpoint at {@code 127.0.0.1}. */
  public static final String LINKED_HOST = "myfhir.azurehealthcareapis.com";

  /** Another linked private endpoint at {@code 127.0.0.1}: a different origin, same server. */
  public static final String OTHER_LINKED_HOST = "other.azurehealthcareapis.com";

  /** An unlinked zone: the privatelink CNAME, then a public answer (the canary). */
  public static final String UNLINKED_HOST = "unlinked.azurehealthcareapis.com";

  /** A public answer (the canary) and no privatelink CNAME at all. */
  public static final String PUBLIC_HOST = "public.azurehealthcareapis.com";

  /** A private endpoint whose answer mixes {@code 127.0.0.1} and the canary. */
  public static final String MIXED_HOST = "mixed.azurehealthcareapis.com";

  /** A privatelink CNAME whose A record is the canary's public address. */
  public static final String PUBLIC_ENDPOINT_HOST = "evil.azurehealthcareapis.com";

  private static final NetworkPolicy POLICY =
      NetworkPolicy.builder().withoutDefaults().allow(AzureSandbox.PRIVATE_NETWORK).build();

  private @Nullable DnsSandbox dns;
  private final Supplier<S> startServer;
  private @Nullable LoopbackPair<S> pair;
  // A @Nested class runs the enclosing class's callbacks again: it shares the running servers.
  private int openClasses;

  private PrivateEndpointExtension(Supplier<S> startServer) {
    this.startServer = Objects.requireNonNull(startServer, "startServer");
  }

  /**
   * A {@link TlsTestServer} presenting {@link TestCertificates#forAzureHealthHosts()}, to {@link
   * TlsTestServer#respond respond} and {@link TlsTestServer#redirect redirect} as each test needs.
   *
   * @return an extension to register with {@code @RegisterExtension}
   */
  public static PrivateEndpointExtension<TlsTestServer> withTlsServer() {
    return new PrivateEndpointExtension<>(TlsTestServer.builder()::start);
  }

  /**
   * The server {@code startServer} starts on a free port of {@code 127.0.0.1}, e.g. {@code
   * EmbeddedFhirServer.builder()::start}; see {@link LoopbackPair#start}.
   *
   * @param <S> the server type
   * @param startServer starts the server on {@code 127.0.0.1}, once per test class
   * @return an extension to register with {@code @RegisterExtension}
   */
  public static <S extends LoopbackServer> PrivateEndpointExtension<S> with(
      Supplier<S> startServer) {
    return new PrivateEndpointExtension<>(startServer);
  }

  /**
   * The DNS server; {@link DnsSandbox#nameserver()} is what resolvers ask.
   *
   * @return the running sandbox, with the attack hosts written before each test
   * @throws IllegalStateException outside the tests of the class that registered this extension
   */
  public DnsSandbox dns() {
    DnsSandbox running = dns;
    if (running == null) {
      throw notRunning();
    }
    return running;
  }

  /**
   * The private server on {@code 127.0.0.1}.
   *
   * @return the running server
   * @throws IllegalStateException outside the tests of the class that registered this extension
   */
  public S server() {
    return running().server();
  }

  /**
   * The canary on {@value CanaryServer#ADDRESS} and {@link #server()}'s port.
   *
   * @return the running canary, asserted untouched after each test
   * @throws IllegalStateException outside the tests of the class that registered this extension
   */
  public CanaryServer canary() {
    return running().canary();
  }

  /**
   * {@code https://host:PORT} followed by {@code path}, on {@link #server()}'s port (which is also
   * the canary's).
   *
   * @param host the host name the URL carries, e.g. {@link #LINKED_HOST}
   * @param path the path, starting with {@code /}
   * @return the URL
   */
  public String url(String host, String path) {
    return "https://" + host + ":" + server().port() + path;
  }

  /**
   * A new resolver asking {@link #dns()} under a policy that allows exactly {@value
   * AzureSandbox#PRIVATE_NETWORK}, so the canary's address counts as public; two-second timeout.
   *
   * @return a resolver with its own cache
   */
  public PrivateLinkResolver newResolver() {
    return PrivateLinkResolver.builder()
        .nameservers(dns().nameserver())
        .policy(POLICY)
        .timeout(Duration.ofSeconds(2))
        .build();
  }

  /**
   * Asserts that the guard refused before connecting: {@code thrown} is, or has among its causes, a
   * {@link PrivateLinkException} with the verdict {@code expected}, and neither {@link #server()}
   * nor {@link #canary()} has seen a connection. Call it from a test with what the client under
   * test threw, e.g. from {@code assertThrows}; it says which of the three did not hold.
   *
   * @param expected the verdict the refusal must carry, e.g. {@link Verdict#PUBLIC_ADDRESS}
   * @param thrown what the client under test threw
   * @return the refusal found in {@code thrown}, for assertions on its host or diagnosis
   * @throws AssertionError when there is no refusal in {@code thrown}, its verdict is another, or
   *     either server saw a connection
   * @throws IllegalStateException outside the tests of the class that registered this extension
   */
  public PrivateLinkException assertRefusedBeforeConnecting(Verdict expected, Throwable thrown) {
    Objects.requireNonNull(expected, "expected");
    PrivateLinkException refusal =
        PrivateLinkException.find(thrown)
            .orElseThrow(() -> new AssertionError("no PrivateLinkException in " + thrown, thrown));
    if (refusal.verdict() != expected) {
      throw new AssertionError(
          "expected a refusal with verdict " + expected + " but was " + refusal.verdict(), refusal);
    }
    int connections = server().connections();
    if (connections != 0) {
      throw new AssertionError(
          "refused with "
              + expected
              + ", but only after "
              + connections
              + " connection(s) to the private endpoint on 127.0.0.1:"
              + server().port(),
          refusal);
    }
    canary().assertUntouched();
    return refusal;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (openClasses++ > 0) {
      return;
    }
    DnsSandbox started = DnsSandbox.start();
    try {
      pair = LoopbackPair.start(startServer);
    } catch (RuntimeException | Error e) {
      openClasses = 0;
      started.close();
      throw e;
    }
    dns = started;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    DnsSandbox dns = dns();
    dns.reset();
    dns.privateEndpoint(LINKED_HOST, "127.0.0.1")
        .privateEndpoint(OTHER_LINKED_HOST, "127.0.0.1")
        .unlinkedZone(UNLINKED_HOST, CanaryServer.ADDRESS)
        .publicOnly(PUBLIC_HOST, CanaryServer.ADDRESS)
        .privateEndpoint(MIXED_HOST, "127.0.0.1", CanaryServer.ADDRESS)
        .privateEndpoint(PUBLIC_ENDPOINT_HOST, CanaryServer.ADDRESS);
    server().reset();
    canary().reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    canary().assertUntouched();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (--openClasses > 0) {
      return;
    }
    LoopbackPair<S> servers = pair;
    DnsSandbox names = dns;
    pair = null;
    dns = null;
    try {
      if (servers != null) {
        servers.close();
      }
    } finally {
      if (names != null) {
        names.close();
      }
    }
  }

  private LoopbackPair<S> running() {
    LoopbackPair<S> running = pair;
    if (running == null) {
      throw notRunning();
    }
    return running;
  }

  private static IllegalStateException notRunning() {
    return new IllegalStateException(
        "the private endpoint is not running: register a PrivateEndpointExtension on a static"
            + " field"
            + " with @RegisterExtension and use it from tests or @BeforeEach methods");
  }
}
