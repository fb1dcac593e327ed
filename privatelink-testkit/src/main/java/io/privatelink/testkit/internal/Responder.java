package io.privatelink.testkit.internal;

import io.privatelink.testkit.DnsFault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one query into one reply: DNS semantics of a recursive resolver answering from the {@link
 * RecordStore} (QR, AA, RA set, RD and CD copied, question echoed as asked, ID kept), the faults
 * configured per name, EDNS (an OPT in the query gets an OPT back; a version other than 0 gets
 * BADVERS) and UDP truncation at 512 bytes or the client's advertised EDNS size. Stateless apart
 * from the collaborators it is given; safe to call from many threads.
 *
 * @param store the records it answers from
 * @param faults the faults and delays set per name
 * @param counters counts every query received
 * @param negativeTtl the TTL (and SOA minimum) of the SOA sent with negative answers
 * @param behaviour read once per query: DNS64 and rebinding protection
 */
public record Responder(
    RecordStore store,
    Faults faults,
    QueryCounters counters,
    LongSupplier negativeTtl,
    Supplier<Behaviour> behaviour) {

  /** The UDP payload size this server advertises in its own OPT record (DNS Flag Day 2020). */
  static final int ADVERTISED_UDP_SIZE = 1232;

  private static final int CLASSIC_UDP_LIMIT = 512;
  private static final Name SOA_MNAME = Name.fromConstantString("ns.dnssandbox.invalid.");
  private static final Name SOA_RNAME = Name.fromConstantString("hostmaster.dnssandbox.invalid.");
  private static final Name SPOOF_LABEL = Name.fromConstantString("spoofed");

  /**
   * How the server post-processes answers, like a recursive resolver's options.
   *
   * @param dns64Prefix synthesize AAAA records in this /96 (RFC 6147) when a name has A but no AAAA
   *     records; {@code null}: no DNS64
   * @param stripPrivateAddresses remove A/AAAA records in RFC 1918, RFC 4193 and loopback ranges
   *     from answers, keeping the CNAMEs (Unbound's {@code private-address})
   */
  public record Behaviour(byte @Nullable [] dns64Prefix, boolean stripPrivateAddresses) {
    /** A server that answers from its records as they are. */
    public static final Behaviour PLAIN = new Behaviour(null, false);
  }

  /** The reply to {@code wire}, a query received over TCP if {@code overTcp}, else over UDP. */
  public Reply respond(byte[] wire, boolean overTcp) {
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException e) {
      return wire.length >= 2 ? now(headerOnly(wire, Rcode.FORMERR)) : Reply.NONE;
    }
    Header header = query.getHeader();
    if (header.getFlag(Flags.QR)) {
      return Reply.NONE; // a response sent to us: never answer one
    }
    Record question = query.getQuestion();
    if (header.getOpcode() != Opcode.QUERY) {
      return now(reply(query, Rcode.NOTIMP).toWire());
    }
    if (question == null || header.getCount(Section.QUESTION) != 1) {
      return now(reply(query, Rcode.FORMERR).toWire());
    }
    Name name = question.getName();
    int qtype = question.getType();
    counters.count(name, qtype, overTcp);

    DnsFault fault = faults.get(name, qtype);
    Duration delay = faults.delayOf(name);
    if (fault == DnsFault.DROP) {
      return Reply.NONE;
    }
    if (fault == DnsFault.GARBAGE) {
      return new Reply(garbage(header.getID()), delay);
    }
    OPTRecord clientOpt = query.getOPT();
    if (clientOpt != null && clientOpt.getVersion() != 0) {
      Message badvers = reply(query, Rcode.BADVERS & 0xF);
      badvers.addRecord(
          new OPTRecord(ADVERTISED_UDP_SIZE, Rcode.BADVERS >>> 4, 0, 0), Section.ADDITIONAL);
      return new Reply(badvers.toWire(), delay);
    }

    Message response;
    if (fault == DnsFault.SERVFAIL || fault == DnsFault.REFUSED) {
      response = reply(query, fault == DnsFault.SERVFAIL ? Rcode.SERVFAIL : Rcode.REFUSED);
    } else if (question.getDClass() != DClass.IN) {
      response = reply(query, Rcode.REFUSED);
    } else if (!Type.isRR(qtype) && qtype != Type.ANY) {
      response = reply(query, Rcode.NOTIMP); // AXFR, IXFR and friends: not a zone server
    } else if (fault == DnsFault.TRUNCATE && !overTcp) {
      response = reply(query, Rcode.NOERROR);
      response.getHeader().setFlag(Flags.TC);
    } else {
      response = answer(query, question);
    }
    if (clientOpt != null) {
      response.addRecord(new OPTRecord(ADVERTISED_UDP_SIZE, 0, 0, 0), Section.ADDITIONAL);
    }
    if (fault == DnsFault.WRONG_ID) {
      response.getHeader().setID((header.getID() + 1) & 0xFFFF);
    }
    if (fault == DnsFault.WRONG_QUESTION) {
      response.removeAllRecords(Section.QUESTION);
      response.addRecord(
          Record.newRecord(spoofed(name), qtype, question.getDClass()), Section.QUESTION);
    }
    if (overTcp) {
      return new Reply(response.toWire(), delay);
    }
    int limit = CLASSIC_UDP_LIMIT;
    if (clientOpt != null) {
      limit = Math.max(CLASSIC_UDP_LIMIT, Math.min(clientOpt.getPayloadSize(), 65535));
    }
    return new Reply(response.toWire(limit), delay); // sets TC if the answer does not fit
  }

  private Message answer(Message query, Record question) {
    int qtype = question.getType();
    Behaviour how = behaviour.get();
    RecordStore.Lookup lookup = store.lookup(question.getName(), qtype, faults::forcesNxdomain);
    if (how.dns64Prefix() != null
        && qtype == Type.AAAA
        && lookup.rcode() == Rcode.NOERROR
        && lookup.negative(qtype)) {
      lookup = synthesize(question.getName(), lookup, how.dns64Prefix());
    }
    if (how.stripPrivateAddresses()) {
      lookup = stripPrivate(lookup);
    }
    Message response = reply(query, lookup.rcode());
    for (Record r : lookup.answers()) {
      response.addRecord(r, Section.ANSWER);
    }
    if (lookup.negative(qtype)) {
      // RFC 2308: a negative answer carries the SOA of the zone, for negative caching.
      response.addRecord(soaFor(lookup.lastName()), Section.AUTHORITY);
    }
    return response;
  }

  /** RFC 6147: the A records of the chain's end, as AAAA records in {@code prefix}. */
  private RecordStore.Lookup synthesize(Name name, RecordStore.Lookup aaaa, byte[] prefix) {
    RecordStore.Lookup a = store.lookup(name, Type.A, faults::forcesNxdomain);
    List<Record> answers = new ArrayList<>();
    for (Record r : a.answers()) {
      if (r instanceof ARecord ar) {
        byte[] v6 = Arrays.copyOf(prefix, 16);
        System.arraycopy(ar.getAddress().getAddress(), 0, v6, 12, 4);
        try {
          answers.add(
              new AAAARecord(r.getName(), DClass.IN, r.getTTL(), InetAddress.getByAddress(v6)));
        } catch (UnknownHostException e) {
          throw new AssertionError(e); // 16 bytes are always an address
        }
      } else {
        answers.add(r);
      }
    }
    if (answers.stream().noneMatch(r -> r.getType() == Type.AAAA)) {
      return aaaa;
    }
    return new RecordStore.Lookup(Rcode.NOERROR, answers, a.lastName());
  }

  /** Drops address records in private ranges, keeping everything else (CNAMEs) in order. */
  private static RecordStore.Lookup stripPrivate(RecordStore.Lookup lookup) {
    List<Record> kept = new ArrayList<>();
    for (Record r : lookup.answers()) {
      InetAddress address =
          r instanceof ARecord ar
              ? ar.getAddress()
              : r instanceof AAAARecord v6 ? v6.getAddress() : null;
      if (address == null || !isPrivate(address)) {
        kept.add(r);
      }
    }
    return new RecordStore.Lookup(lookup.rcode(), kept, lookup.lastName());
  }

  private static boolean isPrivate(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xFF;
      int second = b[1] & 0xFF;
      return first == 10
          || first == 127
          || (first == 172 && (second & 0xF0) == 16)
          || (first == 192 && second == 168);
    }
    return (b[0] & 0xFE) == 0xFC || address.isLoopbackAddress();
  }

  /** A response with the header and question of {@code query}, empty sections and {@code rcode}. */
  private static Message reply(Message query, int rcode) {
    Header q = query.getHeader();
    Message response = new Message(q.getID());
    Header h = response.getHeader();
    h.setFlag(Flags.QR);
    h.setFlag(Flags.AA);
    h.setFlag(Flags.RA);
    if (q.getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    if (q.getFlag(Flags.CD)) {
      h.setFlag(Flags.CD);
    }
    h.setOpcode(q.getOpcode());
    h.setRcode(rcode);
    Record question = query.getQuestion();
    if (question != null) {
      response.addRecord(question, Section.QUESTION);
    }
    return response;
  }

  /** The SOA a negative answer for {@code name} carries: owned by its last two labels. */
  private SOARecord soaFor(Name name) {
    int labels = name.labels(); // includes the root label
    Name zone = labels > 3 ? new Name(name, labels - 3) : name;
    long ttl = negativeTtl.getAsLong();
    return new SOARecord(zone, DClass.IN, ttl, SOA_MNAME, SOA_RNAME, 1, 3600, 600, 86400, ttl);
  }

  private static Name spoofed(Name name) {
    try {
      return Name.concatenate(SPOOF_LABEL, name);
    } catch (NameTooLongException e) {
      return Name.fromConstantString("spoofed.invalid.");
    }
  }

  /** Twelve header bytes: the query's ID, QR set, {@code rcode}, all counts zero. */
  private static byte[] headerOnly(byte[] query, int rcode) {
    byte[] out = new byte[Header.LENGTH];
    out[0] = query[0];
    out[1] = query[1];
    out[2] = (byte) 0x80;
    out[3] = (byte) (0x80 | rcode);
    return out;
  }

  /**
   * The query's ID (so a client gets past its ID check), QR set, then a question count no payload
   * this short can satisfy, then random bytes: it never parses.
   */
  private static byte[] garbage(int id) {
    byte[] out = new byte[48];
    ThreadLocalRandom.current().nextBytes(out);
    out[0] = (byte) (id >>> 8);
    out[1] = (byte) id;
    out[2] = (byte) 0x81;
    out[4] = (byte) 0xFF;
    out[5] = (byte) 0xFF;
    return out;
  }

  private static Reply now(byte[] bytes) {
    return new Reply(bytes, Duration.ZERO);
  }
}
