package io.privatelink.core.internal.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The raw outcome of asking for a name's A and AAAA records: one {@link Family} per query type, the
 * CNAME chain and who answered. Internal: not part of the public API. The verdict is made elsewhere;
 * this only says what DNS said.
 */
public final class DnsAnswer {

  /** How one query (A or AAAA) ended, before any policy is applied. */
  public enum Outcome {
    /** At least one address record was returned. */
    ANSWER,
    /** The name exists but holds no record of the asked type. */
    NODATA,
    /** The name does not exist. */
    NXDOMAIN,
    /** No usable answer: timeout, SERVFAIL, REFUSED, malformed, spoofed, loop, chain too long. */
    FAILURE
  }

  /** One address record. */
  public static final class Record {
    private final InetAddress address;
    private final long ttl;

    /** An address with the TTL (seconds) it may be used for. */
    public Record(InetAddress address, long ttl) {
      this.address = Objects.requireNonNull(address, "address");
      this.ttl = ttl;
    }

    /** The address. */
    public InetAddress address() {
      return address;
    }

    /** The record TTL in seconds (already lowered to the shortest CNAME TTL of the chain). */
    public long ttl() {
      return ttl;
    }
  }

  /** What one query type (A or AAAA) got. */
  public static final class Family {
    private final String type;
    private final Outcome outcome;
    private final List<Record> records;
    private final @Nullable String detail;

    /**
     * @param type {@code "A"} or {@code "AAAA"}
     * @param outcome how the query ended
     * @param records the address records (empty unless {@link Outcome#ANSWER})
     * @param detail why it failed, for {@link Outcome#FAILURE}; may be {@code null} otherwise
     */
    public Family(String type, Outcome outcome, List<Record> records, @Nullable String detail) {
      this.type = Objects.requireNonNull(type, "type");
      this.outcome = Objects.requireNonNull(outcome, "outcome");
      this.records = List.copyOf(records);
      this.detail = detail;
      if ((outcome == Outcome.ANSWER) == this.records.isEmpty()) {
        throw new IllegalArgumentException(outcome + " with " + this.records.size() + " records");
      }
    }

    /** A query that gave no usable answer, with why (e.g. {@code "REFUSED"}). */
    public static Family failed(String type, String why) {
      return new Family(type, Outcome.FAILURE, List.of(), why);
    }

    /** {@code "A"} or {@code "AAAA"}. */
    public String type() {
      return type;
    }

    /** How the query ended. */
    public Outcome outcome() {
      return outcome;
    }

    /** The address records; empty unless {@link Outcome#ANSWER}. */
    public List<Record> records() {
      return records;
    }

    /** Why the query failed ({@code "REFUSED"}, {@code "SERVFAIL"}, ...), or {@code null}. */
    public @Nullable String detail() {
      return detail;
    }

    /** Whether the query gave no usable answer. */
    public boolean failed() {
      return outcome == Outcome.FAILURE;
    }

    @Override
    public String toString() {
      return type + " query: " + (failed() ? detail : outcome.toString());
    }
  }

  private final List<String> chain;
  private final Family a;
  private final Family aaaa;
  private final @Nullable String nameserver;
  private final boolean recursive;

  /**
   * @param chain the names followed: the queried name, each CNAME target, then the records' owner
   * @param a what the A query got
   * @param aaaa what the AAAA query got
   * @param nameserver who answered ({@code host:port}), or {@code null}
   * @param recursive whether every response came with RA (recursion available) set
   */
  public DnsAnswer(List<String> chain, Family a, Family aaaa, @Nullable String nameserver, boolean recursive) {
    this.chain = List.copyOf(chain);
    this.a = Objects.requireNonNull(a, "a");
    this.aaaa = Objects.requireNonNull(aaaa, "aaaa");
    this.nameserver = nameserver;
    this.recursive = recursive;
  }

  /** The names followed: the queried name, each CNAME target, then the name owning the records. */
  public List<String> chain() {
    return chain;
  }

  /** What the A query got. */
  public Family a() {
    return a;
  }

  /** What the AAAA query got. */
  public Family aaaa() {
    return aaaa;
  }

  /** Both families, A first. */
  public List<Family> families() {
    return List.of(a, aaaa);
  }

  /** The nameserver that answered, {@code host:port}, or {@code null}. */
  public @Nullable String nameserver() {
    return nameserver;
  }

  /** Whether the responses came from a recursive resolver (RA set in every response received). */
  public boolean recursive() {
    return recursive;
  }
}
