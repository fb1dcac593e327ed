package io.privatelink.core.internal.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Asks the configured nameservers for a name's A and AAAA records, in parallel, over UDP with TCP
 * fallback on truncation, following CNAMEs, and reports exactly what DNS said. Internal.
 *
 * <p>One query per type on dnsjava's {@link SimpleResolver}, read here: no hosts file, no search
 * path, no cache (the caller caches verified results), so every answer comes from the configured
 * servers over the wire. Each response is read along the CNAME chain from the queried name: the
 * records of the asked type at the chain's end are the answer; records at other names are ignored.
 * A chain that ends in a name the response says nothing about is asked for with a follow-up query
 * (an authoritative server answers only for its own zone); NXDOMAIN, or NOERROR with the SOA of the
 * target's zone, ends it. Completions run on dnsjava's I/O thread: no executor hand-off.
 */
public final class DnsClient {

  private static final Message[] NO_RESPONSES = {};

  private final List<Resolver> servers;
  private final List<String> serverNames;
  private final int attempts;
  private final int maxChain;
  private final Duration timeout;

  /**
   * @param nameservers the servers, tried in order
   * @param timeout the most one lookup may take, retries and failover included
   * @param retries how many times a query is resent to the same server after a timeout
   * @param maxChain the most CNAME records followed
   */
  public DnsClient(
      List<InetSocketAddress> nameservers, Duration timeout, int retries, int maxChain) {
    if (nameservers.isEmpty()) {
      throw new IllegalArgumentException("no nameservers");
    }
    this.attempts = retries + 1;
    this.maxChain = maxChain;
    this.timeout = timeout;
    long perTryMillis = Math.max(50, timeout.toMillis() / ((long) attempts * nameservers.size()));
    List<Resolver> list = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (InetSocketAddress address : nameservers) {
      SimpleResolver resolver = new SimpleResolver(address);
      resolver.setTimeout(Duration.ofMillis(perTryMillis));
      list.add(resolver);
      names.add(FailoverResolver.name(resolver));
    }
    this.servers = List.copyOf(list);
    this.serverNames = List.copyOf(names);
  }

  private DnsClient(int maxChain, Duration timeout) {
    this.servers = List.of();
    this.serverNames = List.of();
    this.attempts = 1;
    this.maxChain = maxChain;
    this.timeout = timeout;
  }

  /** The nameservers as {@code host:port}, in order. */
  public List<String> nameservers() {
    return serverNames;
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
    return start(host, new FailoverResolver(servers, serverNames, attempts));
  }

  /**
   * What the A and AAAA queries for {@code host} make of two given responses, with no socket, no
   * thread and no timeout: the same CNAME following, checks and combination as over the wire, each
   * query (and any follow-up query for a CNAME target) answered by {@code aResponse} or {@code
   * aaaaResponse} by its type; {@code null} stands for a reply that did not parse. For tests and
   * fuzzing.
   */
  public static DnsAnswer answerFrom(
      String host, @Nullable Message aResponse, @Nullable Message aaaaResponse, int maxChain) {
    return answerFrom(host, new CannedResolver(aResponse, aaaaResponse), maxChain);
  }

  /**
   * Like {@link #answerFrom(String, Message, Message, int)}, from the replies' bytes: each is
   * parsed as dnsjava's resolver parses a reply from the wire, and one that does not parse
   * (whatever dnsjava throws) fails its query as it would there. For fuzzing: the message parsing
   * is part of what is exercised.
   */
  public static DnsAnswer answerFromWire(
      String host, byte[] aReply, byte[] aaaaReply, int maxChain) {
    return answerFrom(host, new CannedResolver(aReply, aaaaReply), maxChain);
  }

  private static DnsAnswer answerFrom(String host, CannedResolver canned, int maxChain) {
    DnsClient client = new DnsClient(maxChain, Duration.ofSeconds(1));
    Pending pending =
        client.start(host, new FailoverResolver(List.of(canned), List.of(canned.toString()), 1));
    // The canned resolver answers on this thread: both families are complete.
    return pending.answer(pending.a().join(), pending.aaaa().join());
  }

  private Pending start(String host, FailoverResolver recorder) {
    Name name;
    try {
      name = Name.fromString(host, Name.root);
    } catch (TextParseException e) {
      Pending failed = new Pending(host, null, recorder);
      failed.a.query.complete(DnsAnswer.Family.failed("A", "bad name: " + e.getMessage()));
      failed.aaaa.query.complete(DnsAnswer.Family.failed("AAAA", "bad name: " + e.getMessage()));
      return failed;
    }
    Pending pending = new Pending(host, name, recorder);
    pending.a.send(name);
    pending.aaaa.send(name);
    return pending;
  }

  /**
   * The two queries of one lookup, in flight. Each family's future completes when its query ends
   * (never exceptionally); a caller that stops waiting for one passes a failed family of its own.
   */
  public final class Pending {
    private final String host;
    private final @Nullable Name name;
    private final FailoverResolver recorder;
    private final FamilyLookup a;
    private final FamilyLookup aaaa;

    Pending(String host, @Nullable Name name, FailoverResolver recorder) {
      this.host = host;
      this.name = name;
      this.recorder = recorder;
      this.a = new FamilyLookup(Type.A, "A", recorder);
      this.aaaa = new FamilyLookup(Type.AAAA, "AAAA", recorder);
    }

    /** The A query's outcome. */
    public CompletableFuture<DnsAnswer.Family> a() {
      return a.query;
    }

    /** The AAAA query's outcome. */
    public CompletableFuture<DnsAnswer.Family> aaaa() {
      return aaaa.query;
    }

    /** Combines the two outcomes with the chain and nameserver seen so far. */
    public DnsAnswer answer(DnsAnswer.Family aFamily, DnsAnswer.Family aaaaFamily) {
      Message[] fromA = a.responses; // one read each: a late family may still be adding
      Message[] fromAaaa = aaaa.responses;
      List<String> names = new ArrayList<>(4);
      names.add(host);
      Name last = name;
      long minTtl = Long.MAX_VALUE;
      int cnames = 0;
      if (name != null) {
        // Walks the CNAMEs seen in any response from the host (the first per owner), loop-safe.
        List<CNAMERecord> seenCnames = cnames(fromAaaa, cnames(fromA, null));
        List<Name> seen = new ArrayList<>(4);
        seen.add(name);
        Name current = name;
        while (seenCnames != null && cnames <= maxChain) {
          CNAMERecord next = cnameAt(current, seenCnames);
          if (next == null) {
            break;
          }
          cnames++;
          minTtl = Math.min(minTtl, next.getTTL());
          current = next.getTarget();
          if (seen.contains(current)) {
            break;
          }
          seen.add(current);
          if (cnames <= maxChain) {
            names.add(text(current));
            last = current;
          }
        }
      }
      // The address records' owner, when the chain as read does not end there.
      Name owner =
          a.owner != null && aFamily.outcome() == DnsAnswer.Outcome.ANSWER
              ? a.owner
              : aaaa.owner != null && aaaaFamily.outcome() == DnsAnswer.Outcome.ANSWER
                  ? aaaa.owner
                  : null;
      if (owner != null && !owner.equals(last)) {
        names.add(text(owner));
      }
      DnsAnswer.Family fa = limitTtl(aFamily, minTtl);
      DnsAnswer.Family f6 = limitTtl(aaaaFamily, minTtl);
      if (cnames > maxChain) {
        String why = "CNAME chain of " + cnames + " records, longer than " + maxChain;
        fa = fa.failed() ? fa : DnsAnswer.Family.failed("A", why);
        f6 = f6.failed() ? f6 : DnsAnswer.Family.failed("AAAA", why);
      }
      boolean recursive = fromA.length + fromAaaa.length > 0;
      for (Message m : fromA) {
        recursive &= m.getHeader().getFlag(Flags.RA);
      }
      for (Message m : fromAaaa) {
        recursive &= m.getHeader().getFlag(Flags.RA);
      }
      return new DnsAnswer(names, fa, f6, recorder.answeredBy(), recursive);
    }
  }

  /**
   * Adds the CNAME records of the responses' answer sections to {@code into} (made when the first
   * is found), A's responses before AAAA's.
   */
  private static @Nullable List<CNAMERecord> cnames(
      Message[] responses, @Nullable List<CNAMERecord> into) {
    List<CNAMERecord> out = into;
    for (Message m : responses) {
      for (Record r : m.getSection(Section.ANSWER)) {
        if (r instanceof CNAMERecord cname) {
          if (out == null) {
            out = new ArrayList<>(4);
          }
          out.add(cname);
        }
      }
    }
    return out;
  }

  /** The first CNAME owned by {@code owner}. */
  private static @Nullable CNAMERecord cnameAt(Name owner, List<CNAMERecord> cnames) {
    for (CNAMERecord cname : cnames) {
      if (cname.getName().equals(owner)) {
        return cname;
      }
    }
    return null;
  }

  /** One address family's query, with the follow-up queries its CNAME chain needs. */
  private final class FamilyLookup implements FailoverResolver.Callback {
    final CompletableFuture<DnsAnswer.Family> query = new CompletableFuture<>();
    private final int type;
    private final String typeName;
    private final FailoverResolver recorder;

    /** The names passed so far, for loop detection; written by one query at a time. */
    private final List<Name> followed = new ArrayList<>(4);

    private @Nullable Name asked;
    private int cnames;

    /** The owner of the address records, once answered (read after {@link #query} completes). */
    volatile @Nullable Name owner;

    /** Every response but a SERVFAIL or REFUSED, in order; replaced, never changed in place. */
    volatile Message[] responses = NO_RESPONSES;

    FamilyLookup(int type, String typeName, FailoverResolver recorder) {
      this.type = type;
      this.typeName = typeName;
      this.recorder = recorder;
    }

    void send(Name qname) {
      if (followed.isEmpty()) {
        followed.add(qname);
      }
      asked = qname;
      try {
        recorder.send(Message.newQuery(Record.newRecord(qname, type, DClass.IN)), this);
      } catch (RuntimeException e) {
        failed(e);
      }
    }

    @Override
    public void answered(Message response, int rcode) {
      try {
        if (rcode != Rcode.SERVFAIL && rcode != Rcode.REFUSED) {
          Message[] before = responses;
          Message[] after = Arrays.copyOf(before, before.length + 1);
          after[before.length] = response;
          responses = after;
        }
        read(response, rcode);
      } catch (RuntimeException e) {
        // Never leave a family pending: a waiter would sit out the whole timeout.
        query.complete(DnsAnswer.Family.failed(typeName, "unusable answer: " + e));
      }
    }

    @Override
    public void failed(Throwable error) {
      query.complete(DnsAnswer.Family.failed(typeName, failure(unwrap(error))));
    }

    private void read(Message response, int rcode) {
      if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
        query.complete(DnsAnswer.Family.failed(typeName, Rcode.string(rcode)));
        return;
      }
      Name qname = Objects.requireNonNull(asked, "asked");
      Name current = qname;
      List<DnsAnswer.Record> records = null;
      for (Record r : response.getSection(Section.ANSWER)) {
        if (!r.getName().equals(current) || r.getDClass() != DClass.IN) {
          continue; // irrelevant to this question
        }
        if (r instanceof CNAMERecord cname) {
          if (records != null) {
            continue; // a CNAME beside data is invalid; the data came first
          }
          Name target = cname.getTarget();
          if (followed.contains(target)) {
            query.complete(DnsAnswer.Family.failed(typeName, "CNAME loop"));
            return;
          }
          followed.add(target);
          if (++cnames > maxChain) {
            query.complete(
                DnsAnswer.Family.failed(typeName, "CNAME chain longer than " + maxChain));
            return;
          }
          current = target;
        } else if (r.getType() == type) {
          InetAddress address = address(r);
          if (address != null) {
            if (records == null) {
              records = new ArrayList<>(2);
            }
            records.add(new DnsAnswer.Record(address, r.getTTL()));
          }
        }
      }
      if (records != null) {
        owner = current;
        query.complete(new DnsAnswer.Family(typeName, DnsAnswer.Outcome.ANSWER, records, null));
      } else if (rcode == Rcode.NXDOMAIN) {
        query.complete(new DnsAnswer.Family(typeName, DnsAnswer.Outcome.NXDOMAIN, List.of(), null));
      } else if (current == qname || hasSoaFor(response, current)) {
        query.complete(new DnsAnswer.Family(typeName, DnsAnswer.Outcome.NODATA, List.of(), null));
      } else {
        // The chain leaves what this server answered for: ask for the target itself.
        send(current);
      }
    }
  }

  private static @Nullable InetAddress address(Record r) {
    if (r instanceof ARecord a) {
      return a.getAddress();
    }
    if (r instanceof AAAARecord aaaa) {
      return aaaa.getAddress();
    }
    return null;
  }

  /** Whether the response carries the SOA of {@code name}'s zone: a negative answer for it. */
  private static boolean hasSoaFor(Message response, Name name) {
    for (Record r : response.getSection(Section.AUTHORITY)) {
      if (r instanceof SOARecord && name.subdomain(r.getName())) {
        return true;
      }
    }
    return false;
  }

  private static DnsAnswer.Family limitTtl(DnsAnswer.Family family, long maxTtl) {
    boolean lower = false;
    for (DnsAnswer.Record r : family.records()) {
      lower |= r.ttl() > maxTtl;
    }
    if (!lower) {
      return family;
    }
    List<DnsAnswer.Record> records = new ArrayList<>(family.records().size());
    for (DnsAnswer.Record r : family.records()) {
      records.add(new DnsAnswer.Record(r.address(), Math.min(r.ttl(), maxTtl)));
    }
    return new DnsAnswer.Family(family.type(), family.outcome(), records, family.detail());
  }

  private static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** Why a query gave no usable answer, e.g. {@code "no answer within 2000 ms"}. */
  private String failure(Throwable e) {
    if (e instanceof SocketTimeoutException) { // how dnsjava's UDP and TCP clients time out
      return "no answer within " + timeout.toMillis() + " ms";
    }
    if (e instanceof WireParseException) {
      return "malformed or spoofed response (" + e.getMessage() + ")";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * {@code name} in lower case without the final dot, as {@code name.toString(true)} lower-cased
   * would give, built from the wire form in one pass for the usual host-name labels (letters,
   * digits, hyphen, underscore); anything else goes through dnsjava's escaping.
   */
  static String text(Name name) {
    byte[] wire = name.toWireCanonical();
    byte[] out = new byte[Math.max(0, wire.length - 2)];
    int o = 0;
    int p = 0;
    while (p < wire.length && wire[p] != 0) {
      int length = wire[p++];
      if (o > 0) {
        out[o++] = '.';
      }
      for (int end = p + length; p < end; p++) {
        byte b = wire[p];
        if (!((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_')) {
          return name.toString(true).toLowerCase(Locale.ROOT);
        }
        out[o++] = b;
      }
    }
    if (o == 0) {
      return name.toString(true).toLowerCase(Locale.ROOT);
    }
    return new String(out, 0, o, StandardCharsets.US_ASCII);
  }
}
