package io.privatelink.testkit;

/**
 * How a {@link DnsSandbox} misbehaves for a name, set with {@link DnsSandbox#fault(String,
 * DnsFault)} (every query type) or {@link DnsSandbox#fault(String, int, DnsFault)} (one type). A
 * name has at most one fault, the last one set; a {@link DnsSandbox#delay delay} combines with any.
 *
 * <pre>{@code
 * dns.privateEndpoint(host, "10.0.0.4").fault(host, DnsFault.TRUNCATE); // forces TCP
 * dns.a(other, "10.0.0.5").fault(other, Type.AAAA, DnsFault.REFUSED); // as dnsmasq does
 * }</pre>
 */
public enum DnsFault {
  /** Reads the query and never answers, over UDP or TCP: the client times out. */
  DROP,
  /** Answers SERVFAIL. */
  SERVFAIL,
  /**
   * Answers REFUSED; for one query type, a forwarder with a local A record and no upstream for the
   * AAAA query (dnsmasq does this).
   */
  REFUSED,
  /**
   * Answers NXDOMAIN whatever records the name has, also when a CNAME chain reaches it (the chain
   * up to it is still in the answer section, as RFC 6604 has it).
   */
  NXDOMAIN,
  /**
   * Over UDP, answers with TC set and an empty answer section, which forces the client to retry
   * over TCP; over TCP, answers in full.
   */
  TRUNCATE,
  /** Answers with a transaction ID other than the query's, as a blind spoofer would. */
  WRONG_ID,
  /**
   * Answers with the right ID but a question section for another name ({@code spoofed.{name}}),
   * over the answer the name would normally get.
   */
  WRONG_QUESTION,
  /** Answers with the query's ID followed by random bytes that do not parse. */
  GARBAGE
}
