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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
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

  private final List<Resolver> servers;
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
    List<Resolver> list = new ArrayList<>();
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
    for (Resolver server : servers) {
      names.add(FailoverResolver.name(server));
    }
    return names;
  }

  /** The overall timeout for one lookup. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Starts the A and AAAA queries for {@code host} (a canonical DNS name). Each family completes on
   * its own, never exceptionally; {@link Pending#answer} then combines what arrived.
   */
  public Pending lookup(String host) {
    return start(host, new FailoverResolver(servers, attempts));
  }

  /**
   * What the A and AAAA queries for {@code host} make of two given responses, with no socket and no
   * timeout: the same CNAME following, checks and combination as over the wire, each query (and any
   * follow-up query for a CNAME target) answered by {@code aResponse} or {@code aaaaResponse} by its
   * type; {@code null} stands for a reply that did not parse. For tests and fuzzing.
   */
  public static DnsAnswer answerFrom(
      String host, Message aResponse, Message aaaaResponse, int maxChain) {
    CannedResolver canned = new CannedResolver(aResponse, aaaaResponse);
    DnsClient client = new DnsClient(maxChain, Duration.ofSeconds(1));
    Pending pending = client.start(host, new FailoverResolver(List.of(canned), 1));
    return pending.answer(pending.a().join(), pending.aaaa().join());
  }

  private DnsClient(int maxChain, Duration timeout) {
    this.servers = List.of();
    this.attempts = 1;
    this.maxChain = maxChain;
    this.timeout = timeout;
  }

  private Pending start(String host, FailoverResolver recorder) {
    Name name;
    try {
      name = Name.fromString(host, Name.root);
    } catch (TextParseException e) {
      return new Pending(host, recorder, failedNow("A", e), failedNow("AAAA", e));
    }
    LookupSession session =
        LookupSession.builder()
            .resolver(recorder)
            // dnsjava counts redirects its own way; the chain limit is checked on the records below.
            .maxRedirects(maxChain + 1)
            .ndots(1)
            .clearSearchPath()
            // A cache for this one resolution only: the NODATA that comes with the first answer
            // (CNAME plus SOA) then ends the chain, instead of a third, sequential query for the
            // alias. Nothing is shared between resolutions.
            .cache(new Cache(DClass.IN))
            .executor(Runnable::run)
            .build();
    Pending pending = new Pending(host, recorder, new CompletableFuture<>(), new CompletableFuture<>());
    query(session, name, Type.A, pending.a, pending);
    query(session, name, Type.AAAA, pending.aaaa, pending);
    return pending;
  }

  private static CompletableFuture<DnsAnswer.Family> failedNow(String type, Exception e) {
    return CompletableFuture.completedFuture(
        DnsAnswer.Family.failed(type, "bad name: " + e.getMessage()));
  }

  /**
   * The two queries of one lookup, in flight. Each family's future completes when its query ends
   * (never exceptionally); a caller that stops waiting for one passes a failed family of its own.
   */
  public final class Pending {
    private final String host;
    private final FailoverResolver recorder;
    private final CompletableFuture<DnsAnswer.Family> a;
    private final CompletableFuture<DnsAnswer.Family> aaaa;
    private final Map<Integer, String> owners = new ConcurrentHashMap<>();

    Pending(
        String host,
        FailoverResolver recorder,
        CompletableFuture<DnsAnswer.Family> a,
        CompletableFuture<DnsAnswer.Family> aaaa) {
      this.host = host;
      this.recorder = recorder;
      this.a = a;
      this.aaaa = aaaa;
    }

    /** The A query's outcome. */
    public CompletableFuture<DnsAnswer.Family> a() {
      return a;
    }

    /** The AAAA query's outcome. */
    public CompletableFuture<DnsAnswer.Family> aaaa() {
      return aaaa;
    }

    /** Combines the two outcomes with the chain and nameserver seen so far. */
    public DnsAnswer answer(DnsAnswer.Family aFamily, DnsAnswer.Family aaaaFamily) {
      List<Message> responses = List.copyOf(recorder.responses());
      Chain chain = chain(host, responses);
      List<String> names = new ArrayList<>(chain.names);
      String owner = owners.getOrDefault(Type.A, owners.get(Type.AAAA));
      if (owner != null && !names.get(names.size() - 1).equals(owner)) {
        names.add(owner);
      }
      DnsAnswer.Family fa = limitTtl(aFamily, chain.minTtl);
      DnsAnswer.Family f6 = limitTtl(aaaaFamily, chain.minTtl);
      if (chain.cnames > maxChain) {
        String why = "CNAME chain of " + chain.cnames + " records, longer than " + maxChain;
        fa = fa.failed() ? fa : DnsAnswer.Family.failed("A", why);
        f6 = f6.failed() ? f6 : DnsAnswer.Family.failed("AAAA", why);
      }
      boolean recursive = !responses.isEmpty();
      for (Message m : responses) {
        recursive &= m.getHeader().getFlag(Flags.RA);
      }
      return new DnsAnswer(names, fa, f6, recorder.answeredBy(), recursive);
    }

    private void complete(int type, @Nullable LookupResult result, @Nullable Throwable error) {
      CompletableFuture<DnsAnswer.Family> target = type == Type.A ? a : aaaa;
      try {
        target.complete(family(type, result, error));
      } catch (RuntimeException e) {
        // Never leave a family pending: a waiter would sit out the whole timeout.
        target.complete(DnsAnswer.Family.failed(Type.string(type), "unusable answer: " + e));
      }
    }

    private DnsAnswer.Family family(
        int type, @Nullable LookupResult result, @Nullable Throwable e) {
      String typeName = Type.string(type);
      if (e != null) {
        if (e instanceof NoSuchDomainException) {
          return new DnsAnswer.Family(typeName, DnsAnswer.Outcome.NXDOMAIN, List.of(), null);
        }
        if (e instanceof NoSuchRRSetException) {
          return new DnsAnswer.Family(typeName, DnsAnswer.Outcome.NODATA, List.of(), null);
        }
        return DnsAnswer.Family.failed(typeName, failure(e));
      }
      List<DnsAnswer.Record> records = new ArrayList<>();
      for (Record record : Objects.requireNonNull(result, "result").getRecords()) {
        InetAddress address = null;
        if (type == Type.A && record instanceof ARecord) {
          address = ((ARecord) record).getAddress();
        } else if (type == Type.AAAA && record instanceof AAAARecord) {
          address = ((AAAARecord) record).getAddress();
        }
        if (address != null) {
          records.add(new DnsAnswer.Record(address, record.getTTL()));
          owners.putIfAbsent(type, text(record.getName()));
        }
      }
      if (records.isEmpty()) {
        return new DnsAnswer.Family(typeName, DnsAnswer.Outcome.NODATA, List.of(), null);
      }
      return new DnsAnswer.Family(typeName, DnsAnswer.Outcome.ANSWER, records, null);
    }
  }

  private static DnsAnswer.Family limitTtl(DnsAnswer.Family family, long maxTtl) {
    if (family.records().isEmpty()) {
      return family;
    }
    List<DnsAnswer.Record> records = new ArrayList<>();
    for (DnsAnswer.Record r : family.records()) {
      records.add(new DnsAnswer.Record(r.address(), Math.min(r.ttl(), maxTtl)));
    }
    return new DnsAnswer.Family(family.type(), family.outcome(), records, family.detail());
  }

  private static void query(
      LookupSession session,
      Name name,
      int type,
      CompletableFuture<DnsAnswer.Family> out,
      Pending pending) {
    try {
      session
          .lookupAsync(name, type)
          .whenComplete((r, e) -> pending.complete(type, r, e == null ? null : unwrap(e)));
    } catch (RuntimeException e) {
      pending.complete(type, null, e);
    }
  }

  private static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** Why a query gave no usable answer, e.g. {@code "REFUSED"}. */
  private String failure(Throwable e) {
    if (e instanceof ServerFailedException) {
      return "SERVFAIL";
    }
    if (e instanceof RedirectLoopException) {
      return "CNAME loop";
    }
    if (e instanceof RedirectOverflowException) {
      return "CNAME chain longer than " + maxChain;
    }
    if (e instanceof SocketTimeoutException) { // how dnsjava's UDP and TCP clients time out
      return "no answer within " + timeout.toMillis() + " ms";
    }
    if (e instanceof WireParseException) {
      return "malformed or spoofed response (" + e.getMessage() + ")";
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.contains("REFUSED")) {
      return "REFUSED";
    }
    return message;
  }

  private static final class Chain {
    final List<String> names;
    final long minTtl;
    final int cnames;

    Chain(List<String> names, long minTtl, int cnames) {
      this.names = names;
      this.minTtl = minTtl;
      this.cnames = cnames;
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
    int followed = 0;
    while (seen.add(current) && followed <= maxChain) {
      names.add(current);
      CNAMERecord next = cnames.get(current);
      if (next == null) {
        break;
      }
      followed++;
      minTtl = Math.min(minTtl, next.getTTL());
      current = text(next.getTarget());
    }
    return new Chain(names, minTtl, followed);
  }

  private static String text(Name name) {
    String s = name.toString(true);
    return s.toLowerCase(Locale.ROOT);
  }
}
