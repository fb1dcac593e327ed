package io.privatelink.core.internal.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The raw outcome of asking for a name's A and AAAA records: one {@link Family} per query type, the
 * CNAME chain and who answered. Internal: not part of the public API. The verdict is made
 * elsewhere; this only says what DNS said.
 *
 * @param chain the names followed: the queried name, each CNAME target, then the records' owner
 * @param a what the A query got
 * @param aaaa what the AAAA query got
 * @param nameserver who answered ({@code host:port}), or {@code null}
 * @param recursive whether every response came with RA (recursion available) set
 */
public record DnsAnswer(
    List<String> chain, Family a, Family aaaa, @Nullable String nameserver, boolean recursive) {

  /** Copies the chain; {@code a} and {@code aaaa} are required. */
  public DnsAnswer {
    chain = List.copyOf(chain);
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(aaaa, "aaaa");
  }

  /** Both families, A first. */
  public List<Family> families() {
    return List.of(a, aaaa);
  }

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

  /**
   * One address record.
   *
   * @param address the address
   * @param ttl the record TTL in seconds (lowered to the shortest CNAME TTL of the chain)
   */
  public record Record(InetAddress address, long ttl) {
    /** {@code address} is required. */
    public Record {
      Objects.requireNonNull(address, "address");
    }
  }

  /**
   * What one query type (A or AAAA) got.
   *
   * @param type {@code "A"} or {@code "AAAA"}
   * @param outcome how the query ended
   * @param records the address records (empty unless {@link Outcome#ANSWER})
   * @param detail why it failed ({@code "REFUSED"}, {@code "SERVFAIL"}, ...) for {@link
   *     Outcome#FAILURE}; may be {@code null} otherwise
   */
  public record Family(
      String type, Outcome outcome, List<Record> records, @Nullable String detail) {

    /**
     * @throws IllegalArgumentException unless the records are non-empty exactly for {@link
     *     Outcome#ANSWER}
     */
    public Family {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(outcome, "outcome");
      records = List.copyOf(records);
      if ((outcome == Outcome.ANSWER) == records.isEmpty()) {
        throw new IllegalArgumentException(outcome + " with " + records.size() + " records");
      }
    }

    /** A query that gave no usable answer, with why (e.g. {@code "REFUSED"}). */
    public static Family failed(String type, String why) {
      return new Family(type, Outcome.FAILURE, List.of(), why);
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
}
