package io.privatelink.core.internal.dns;

import io.privatelink.core.internal.policy.AddressText;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * Sends a query to the configured nameservers in order, each tried {@code attempts} times, moving
 * on after a timeout, an I/O error, SERVFAIL or REFUSED. Records which nameserver answered. One
 * instance per resolution. Internal.
 *
 * <p>It never falls back to the system resolver: only the configured servers are asked.
 */
final class FailoverResolver {

  /** Hears how one query ended; called once, on dnsjava's I/O thread or the sending thread. */
  interface Callback {
    /**
     * A response (possibly a SERVFAIL or REFUSED when every server gave one), with its rcode (EDNS
     * extended rcode included), read once.
     */
    void answered(Message response, int rcode);

    /** No server answered: timeout, I/O error, malformed or spoofed response. */
    void failed(Throwable error);
  }

  // Completions run on the thread that completes the I/O: no hand-off to another executor.
  private static final Executor SAME_THREAD = Runnable::run;

  private final List<Resolver> servers;
  private final List<String> names;
  private final int attempts;
  private volatile int answeredBy = -1;

  /**
   * @param servers the servers, in order
   * @param names each server's {@code host:port}, in the same order
   * @param attempts how many times each server is tried
   */
  FailoverResolver(List<Resolver> servers, List<String> names, int attempts) {
    this.servers = servers;
    this.names = names;
    this.attempts = attempts;
  }

  /** The {@code host:port} of the last server that answered, or {@code null}. */
  @Nullable String answeredBy() {
    int index = answeredBy;
    return index < 0 ? null : names.get(index);
  }

  /** Sends {@code query}, failing over as described above; {@code callback} hears the end. */
  void send(Message query, Callback callback) {
    attempt(query, 0, callback, null, 0, null);
  }

  private void attempt(
      Message query,
      int index,
      Callback callback,
      @Nullable Message last,
      int lastRcode,
      @Nullable Throwable lastFailure) {
    if (index >= servers.size() * attempts) {
      if (last != null) {
        callback.answered(last, lastRcode);
      } else {
        callback.failed(
            lastFailure != null ? lastFailure : new IllegalStateException("no nameserver"));
      }
      return;
    }
    int server = index / attempts;
    servers
        .get(server)
        .sendAsync(query, SAME_THREAD)
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                attempt(query, index + 1, callback, last, lastRcode, error);
                return;
              }
              answeredBy = server;
              int rcode = response.getRcode();
              if (rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED) {
                // Another server may answer; keep this reply in case none does.
                attempt(query, index + 1, callback, response, rcode, lastFailure);
                return;
              }
              callback.answered(response, rcode);
            });
  }

  /** {@code host:port} of a server, IPv6 in brackets. */
  static String name(Resolver resolver) {
    if (!(resolver instanceof SimpleResolver server)) {
      return resolver.toString();
    }
    return AddressText.hostPort(server.getAddress());
  }
}
