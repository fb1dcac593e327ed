package io.privatelink.benchmarks;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The baseline for verification cost: what any client must do at least, one A and one AAAA query
 * sent together to the same server and both awaited, with no CNAME following, policy or caching.
 * Completions run on dnsjava's I/O thread ({@code Runnable::run}), as in the resolver under test;
 * dnsjava's default executor (the common pool) would add a thread hand-off to the baseline only.
 */
public final class RawDnsPair {
  private final SimpleResolver resolver;
  private final Name name;

  /** Queries {@code host} at {@code server}. */
  public RawDnsPair(InetSocketAddress server, String host) {
    this.resolver = new SimpleResolver(server);
    this.resolver.setTimeout(Duration.ofSeconds(2));
    try {
      this.name = Name.fromString(host, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(host, e);
    }
  }

  /** Sends both queries, awaits both, and returns the number of answer records (to consume). */
  public int query() throws ExecutionException, InterruptedException, TimeoutException {
    CompletableFuture<Message> a =
        resolver
            .sendAsync(Message.newQuery(Record.newRecord(name, Type.A, DClass.IN)), Runnable::run)
            .toCompletableFuture();
    CompletableFuture<Message> aaaa =
        resolver
            .sendAsync(
                Message.newQuery(Record.newRecord(name, Type.AAAA, DClass.IN)), Runnable::run)
            .toCompletableFuture();
    return a.get(5, TimeUnit.SECONDS).getHeader().getCount(1)
        + aaaa.get(5, TimeUnit.SECONDS).getHeader().getCount(1);
  }
}
