package io.privatelink.testkit.internal;

/** How the server misbehaves for one name. At most one per name; a delay combines with any. */
public enum Fault {
  /** Read the query, never answer. */
  DROP,
  /** Answer SERVFAIL. */
  SERVFAIL,
  /** Answer REFUSED. */
  REFUSED,
  /** Answer NXDOMAIN, whatever records exist (also when the name is reached through a CNAME). */
  NXDOMAIN,
  /** Over UDP answer TC=1 with an empty answer section; over TCP answer in full. */
  TRUNCATE,
  /** Answer with a transaction ID that does not match the query's. */
  WRONG_ID,
  /** Answer with the right ID but a question section naming another name. */
  WRONG_QUESTION,
  /** Answer with the right ID followed by bytes that do not parse as a DNS message. */
  GARBAGE
}
