package io.privatelink.core.internal.dns;

import java.net.InetAddress;
import java.util.List;

/**
 * The raw outcome of asking for a name's A and AAAA records. Internal: not part of the public API.
 * The verdict is made elsewhere; this only says what DNS said.
 */
public final class DnsAnswer {

  /** How the lookup ended, before any policy is applied. */
  public enum Outcome {
    /** Records (possibly none: see {@link #NODATA}) were returned. */
    ANSWER,
    /** The name exists but holds no A/AAAA records. */
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

    Record(InetAddress address, long ttl) {
      this.address = address;
      this.ttl = ttl;
    }

    /** The address. */
    public InetAddress address() {
      return address;
    }

    /** The record TTL in seconds. */
    public long ttl() {
      return ttl;
    }
  }

  private final Outcome outcome;
  private final List<String> chain;
  private final List<Record> records;
  private final String nameserver;
  private final String detail;

  DnsAnswer(
      Outcome outcome, List<String> chain, List<Record> records, String nameserver, String detail) {
    this.outcome = outcome;
    this.chain = List.copyOf(chain);
    this.records = List.copyOf(records);
    this.nameserver = nameserver;
    this.detail = detail;
  }

  /** How the lookup ended. */
  public Outcome outcome() {
    return outcome;
  }

  /** The names followed: the queried name, each CNAME target, then the name owning the records. */
  public List<String> chain() {
    return chain;
  }

  /** A and AAAA records, A first. */
  public List<Record> records() {
    return records;
  }

  /** The nameserver that answered, {@code host:port}, or {@code null}. */
  public String nameserver() {
    return nameserver;
  }

  /** What failed, for {@link Outcome#FAILURE}; otherwise may be {@code null}. */
  public String detail() {
    return detail;
  }
}
