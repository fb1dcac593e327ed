package io.privatelink.testkit;

import io.privatelink.testkit.internal.JettyLoopback;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A private server on {@code 127.0.0.1} and a {@link CanaryServer} on {@value CanaryServer#ADDRESS}
 * on the same port, started together. The private server picks a free port first; if that port is
 * taken on the canary's address, both are closed and the pair is tried again (up to 10 times), so
 * tests never fail because of an unlucky port.
 *
 * <pre>{@code
 * try (LoopbackPair<EmbeddedFhirServer> pair = LoopbackPair.start(EmbeddedFhirServer.builder()::start)) {
 *   String url = pair.server().baseUrl("myfhir.azurehealthcareapis.com");
 *   // ... exercise the guarded client ...
 *   pair.canary().assertUntouched();
 * }
 * }</pre>
 *
 * @param <S> the private server's type
 */
public final class LoopbackPair<S extends LoopbackServer> implements AutoCloseable {

  /** How many ports {@link #start(Supplier)} tries before giving up. */
  static final int ATTEMPTS = 10;

  private final S server;
  private final CanaryServer canary;

  private LoopbackPair(S server, CanaryServer canary) {
    this.server = server;
    this.canary = canary;
  }

  /**
   * Starts a private server with {@code startPrivateServer} (which must start a new server on a
   * free port, e.g. {@code TlsTestServer.builder()::start}) and a canary {@linkplain
   * CanaryServer#beside beside} it.
   *
   * @param <S> the kind of private server
   * @param startPrivateServer starts a new private server on a free port; called again when the
   *     canary cannot take that port
   * @return both servers, running; close the pair to stop both
   * @throws IllegalStateException when no port was free on both addresses after 10 tries
   */
  public static <S extends LoopbackServer> LoopbackPair<S> start(Supplier<S> startPrivateServer) {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      S server = Objects.requireNonNull(startPrivateServer.get(), "the supplier returned null");
      try {
        return new LoopbackPair<>(server, CanaryServer.beside(server));
      } catch (IllegalStateException e) {
        server.close();
        if (!JettyLoopback.isPortTaken(e)) {
          throw e;
        }
        last = e;
      } catch (RuntimeException | Error e) {
        server.close();
        throw e;
      }
    }
    throw new IllegalStateException(
        "no port was free on both 127.0.0.1 and "
            + CanaryServer.ADDRESS
            + " after "
            + ATTEMPTS
            + " tries",
        last);
  }

  /**
   * The private server (on {@code 127.0.0.1}).
   *
   * @return the private server
   */
  public S server() {
    return server;
  }

  /**
   * The canary (on {@value CanaryServer#ADDRESS}, same port).
   *
   * @return the canary
   */
  public CanaryServer canary() {
    return canary;
  }

  /**
   * The port both listen on.
   *
   * @return the shared port
   */
  public int port() {
    return server.port();
  }

  /** Closes the canary and the private server. */
  @Override
  public void close() {
    try {
      canary.close();
    } finally {
      server.close();
    }
  }
}
