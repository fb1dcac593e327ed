package io.privatelink.core.internal.dns;

import io.privatelink.core.internal.policy.AddressText;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.EDNSOption;

/**
 * Sends a query to the configured nameservers in order, each tried {@code attempts} times, moving on
 * after a timeout, an I/O error, SERVFAIL or REFUSED. Records which nameserver answered and keeps
 * every response (the CNAME chain is read from them). One instance per resolution. Internal.
 *
 * <p>It never falls back to the system resolver: only the configured servers are asked.
 */
final class FailoverResolver implements Resolver {

  private final List<Resolver> servers;
  private final int attempts;
  private volatile @Nullable String answeredBy;
  private volatile @Nullable Throwable lastFailure;
  private final List<Message> responses = new CopyOnWriteArrayList<>();

  FailoverResolver(List<Resolver> servers, int attempts) {
    this.servers = servers;
    this.attempts = attempts;
  }

  @Nullable String answeredBy() {
    return answeredBy;
  }

  List<Message> responses() {
    return responses;
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query, Executor executor) {
    CompletableFuture<Message> result = new CompletableFuture<>();
    attempt(query, executor, 0, result, null);
    return result;
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query) {
    return sendAsync(query, Runnable::run);
  }

  private void attempt(
      Message query, Executor executor, int index, CompletableFuture<Message> result, @Nullable Message last) {
    if (index >= servers.size() * attempts) {
      if (last != null) {
        result.complete(last);
      } else {
        result.completeExceptionally(lastFailure);
      }
      return;
    }
    Resolver server = servers.get(index / attempts);
    server
        .sendAsync(query, executor)
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                lastFailure = error;
                attempt(query, executor, index + 1, result, last);
                return;
              }
              int rcode = response.getRcode();
              if (rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED) {
                // Another server may answer; keep this reply in case none does.
                answeredBy = name(server);
                attempt(query, executor, index + 1, result, response);
                return;
              }
              answeredBy = name(server);
              responses.add(response);
              result.complete(response);
            });
  }

  static String name(Resolver resolver) {
    if (!(resolver instanceof SimpleResolver server)) {
      return resolver.toString();
    }
    String host = AddressText.of(server.getAddress().getAddress());
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return host + ":" + server.getAddress().getPort();
  }

  // The remaining Resolver methods configure a single server; they do not apply to a failover set.

  @Override
  public void setPort(int port) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setTCP(boolean flag) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setIgnoreTruncation(boolean flag) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setTSIGKey(TSIG key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setTimeout(Duration timeout) {
    throw new UnsupportedOperationException();
  }
}
