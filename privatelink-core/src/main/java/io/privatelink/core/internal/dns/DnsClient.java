package io.privatelink.core.internal.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.RedirectLoopException;
import org.xbill.DNS.lookup.RedirectOverflowException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * Asks the configured nameservers for a name's A and AAAA records, in parallel, over UDP with TCP
 * fallback on truncation, following CNAMEs, and reports exactly what DNS said. Internal.
 *
 * <p>Built on dnsjava's {@link LookupSession} with no hosts file, no search path and no shared cache
 * (the caller caches verified results), so every answer comes from the configured servers over the
 * wire; a cache that lives for one resolution only lets an answer's own CNAME and negative records
 * end the chain without another query.
 */
public final class DnsClient {

  private final List<SimpleResolver> servers;
  private final int attempts;
  private final int maxChain;
  private final Duration timeout;

  /**
   * @param nameservers the servers, tried in order
   * @param timeout the most one lookup may take, retries and failover included
   * @param retries how many times a query is resent to the same server after a timeout
   * @param maxChain the longest CNAME chain followed
   */
  public DnsClient(List<InetSocketAddress> nameservers, Duration timeout, int retries, int maxChain) {
    if (nameservers.isEmpty()) {
      throw new IllegalArgumentException("no nameservers");
    }
    this.attempts = retries + 1;
    this.maxChain = maxChain;
    this.timeout = timeout;
    long perTryMillis = Math.max(50, timeout.toMillis() / ((long) attempts * nameservers.size()));
    List<SimpleResolver> list = new ArrayList<>();
    for (InetSocketAddress address : nameservers) {
      SimpleResolver resolver = new SimpleResolver(address);
      resolver.setTimeout(Duration.ofMillis(perTryMillis));
      list.add(resolver);
    }
    this.servers = List.copyOf(list);
  }

  /** The nameservers as {@code host:port}, in order. */
  public List<String> nameservers() {
    List<String> names = new ArrayList<>();
    for (SimpleResolver server : servers) {
      names.add(FailoverResolver.name(server));
    }
    return names;
  }

  /** The overall timeout for one lookup. */
  public Duration timeout() {
    return timeout;
  }

  /** Looks up A and AAAA for {@code host} (a canonical DNS name). Never completes exceptionally. */
  public CompletableFuture<DnsAnswer> lookup(String host) {
    Name name;
    try {
      name = Name.fromString(host, Name.root);
    } catch (TextParseException e) {
      return CompletableFuture.completedFuture(
          new DnsAnswer(
              DnsAnswer.Outcome.FAILURE, List.of(), List.of(), null, "bad name: " + e.getMessage()));
    }
    FailoverResolver recorder = new FailoverResolver(servers, attempts);
    LookupSession session =
        LookupSession.builder()
            .resolver(recorder)
            .maxRedirects(maxChain)
            .ndots(1)
            .clearSearchPath()
            // A cache for this one resolution only: the NODATA that comes with the first answer
            // (CNAME plus SOA) then ends the chain, instead of a third, sequential query for the
            // alias. Nothing is shared between resolutions.
            .cache(new Cache(DClass.IN))
            .executor(Runnable::run)
            .build();
    CompletableFuture<Result> a = query(session, name, Type.A);
    CompletableFuture<Result> aaaa = query(session, name, Type.AAAA);
    return a.thenCombine(aaaa, (ra, raaaa) -> combine(host, ra, raaaa, recorder));
  }

  private static final class Result {
    final int type;
    final LookupResult result;
    final Throwable error;

    Result(int type, LookupResult result, Throwable error) {
      this.type = type;
      this.result = result;
      this.error = error;
    }
  }

  private static CompletableFuture<Result> query(LookupSession session, Name name, int type) {
    CompletableFuture<Result> out = new CompletableFuture<>();
    try {
      session
          .lookupAsync(name, type)
          .whenComplete(
              (r, e) -> out.complete(new Result(type, r, e == null ? null : unwrap(e))));
    } catch (RuntimeException e) {
      out.complete(new Result(type, null, e));
    }
    return out;
  }

  private static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private DnsAnswer combine(String host, Result a, Result aaaa, FailoverResolver recorder) {
    String nameserver = recorder.answeredBy();
    Chain chain = chain(host, recorder.responses());
    String failure = failure(a);
    if (failure == null) {
      failure = failure(aaaa);
    }
    if (failure != null) {
      return new DnsAnswer(DnsAnswer.Outcome.FAILURE, chain.names, List.of(), nameserver, failure);
    }
    if (a.error instanceof NoSuchDomainException || aaaa.error instanceof NoSuchDomainException) {
      return new DnsAnswer(
          DnsAnswer.Outcome.NXDOMAIN, chain.names, List.of(), nameserver, "NXDOMAIN");
    }
    List<DnsAnswer.Record> records = new ArrayList<>();
    String owner = null;
    for (Result r : List.of(a, aaaa)) {
      if (r.result == null) {
        continue;
      }
      for (Record record : r.result.getRecords()) {
        InetAddress address = null;
        if (record instanceof ARecord) {
          address = ((ARecord) record).getAddress();
        } else if (record instanceof AAAARecord) {
          address = ((AAAARecord) record).getAddress();
        }
        if (address != null) {
          records.add(new DnsAnswer.Record(address, Math.min(record.getTTL(), chain.minTtl)));
          owner = text(record.getName());
        }
      }
    }
    List<String> names = new ArrayList<>(chain.names);
    if (owner != null && !names.get(names.size() - 1).equals(owner)) {
      names.add(owner);
    }
    if (records.isEmpty()) {
      return new DnsAnswer(DnsAnswer.Outcome.NODATA, names, List.of(), nameserver, "no A or AAAA");
    }
    return new DnsAnswer(DnsAnswer.Outcome.ANSWER, names, records, nameserver, null);
  }

  /** A description of why a query gave no usable answer, or null if it did (incl. NXDOMAIN/NODATA). */
  private String failure(Result r) {
    Throwable e = r.error;
    String type = Type.string(r.type);
    if (e == null || e instanceof NoSuchDomainException || e instanceof NoSuchRRSetException) {
      return null;
    }
    if (e instanceof ServerFailedException) {
      return type + " query: SERVFAIL";
    }
    if (e instanceof RedirectLoopException) {
      return type + " query: CNAME loop";
    }
    if (e instanceof RedirectOverflowException) {
      return type + " query: CNAME chain longer than " + maxChain;
    }
    if (e instanceof SocketTimeoutException) { // how dnsjava's UDP and TCP clients time out
      return type + " query: no answer within " + timeout.toMillis() + " ms";
    }
    if (e instanceof WireParseException) {
      return type + " query: malformed or spoofed response (" + e.getMessage() + ")";
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.contains("REFUSED")) {
      return type + " query: REFUSED";
    }
    return type + " query: " + message;
  }

  private static final class Chain {
    final List<String> names;
    final long minTtl;

    Chain(List<String> names, long minTtl) {
      this.names = names;
      this.minTtl = minTtl;
    }
  }

  /** Walks the CNAMEs seen in any response from {@code host}, loop-safe. */
  private Chain chain(String host, List<Message> responses) {
    Map<String, CNAMERecord> cnames = new HashMap<>();
    for (Message m : responses) {
      for (Record r : m.getSection(Section.ANSWER)) {
        if (r instanceof CNAMERecord) {
          cnames.putIfAbsent(text(r.getName()), (CNAMERecord) r);
        }
      }
    }
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long minTtl = Long.MAX_VALUE;
    String current = host;
    while (seen.add(current) && names.size() <= maxChain + 1) {
      names.add(current);
      CNAMERecord next = cnames.get(current);
      if (next == null) {
        break;
      }
      minTtl = Math.min(minTtl, next.getTTL());
      current = text(next.getTarget());
    }
    return new Chain(names, minTtl);
  }

  private static String text(Name name) {
    String s = name.toString(true);
    return s.toLowerCase(Locale.ROOT);
  }
}
