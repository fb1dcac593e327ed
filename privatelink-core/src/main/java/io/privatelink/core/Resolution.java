package io.privatelink.core;

import io.privatelink.core.internal.policy.AddressText;
import io.privatelink.core.internal.policy.Cidr;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What resolving one host name found, and what the private-link rules made of it: the CNAME chain,
 * every address with its TTL and policy decision, the nameserver that answered, and the {@link
 * Verdict}.
 *
 * <p>Immutable. Obtained from {@link PrivateLinkResolver#resolve(String)} (private results only),
 * from {@link PrivateLinkException#resolution()} (refusals), or from {@link
 * PrivateLinkResolver#diagnose(String)} (any outcome, for people).
 */
public final class Resolution {

  /**
   * One address of a resolution, with its record TTL and the policy decision about it.
   *
   * @param address the address
   * @param ttlSeconds the TTL of the record that carried it, in seconds (0 for IP literals)
   * @param decision the policy's decision about this address, with the rule that made it
   */
  public record Address(InetAddress address, long ttlSeconds, NetworkPolicy.Decision decision) {
    /**
     * An address; all parts required.
     *
     * @param address the address; required
     * @param ttlSeconds the record TTL in seconds, 0 for an IP literal
     * @param decision the policy decision about {@code address}; required
     * @throws NullPointerException if {@code address} or {@code decision} is null
     */
    public Address {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(decision, "decision");
    }

    /**
     * The address as text, IPv6 in its short RFC 5952 form (e.g. {@code fd00::4}).
     *
     * @return the text form, as the CLI and diagnoses print it
     */
    public String text() {
      return AddressText.of(address);
    }

    /** E.g. {@code "10.0.0.4 ttl=60 allowed (allow 10.0.0.0/8 (RFC 1918 private))"}. */
    @Override
    public String toString() {
      return AddressText.of(address)
          + " ttl="
          + ttlSeconds
          + " "
          + (decision.allowed() ? "allowed" : "denied")
          + " ("
          + decision.rule()
          + ")";
    }
  }

  /**
   * A query (A or AAAA) that gave no usable answer, and why.
   *
   * @param type {@code "A"} or {@code "AAAA"}
   * @param reason what went wrong, e.g. {@code "REFUSED"}, {@code "SERVFAIL"}, {@code "no answer
   *     within 2000 ms"}
   */
  public record FailedQuery(String type, String reason) {
    @Override
    public String toString() {
      return type + " query: " + reason;
    }
  }

  private final String host;
  private final List<String> chain;
  private final List<Address> addresses;
  private final @Nullable String nameserver;
  private final Verdict verdict;
  private final Duration ttl;
  private final @Nullable String privateLinkZone;
  private final @Nullable String detail;
  private final List<InetAddress> allowedAddresses;
  private final List<FailedQuery> failedQueries;
  private final boolean recursive;
  private final List<Cidr> nat64Prefixes;

  Resolution(
      String host,
      List<String> chain,
      List<Address> addresses,
      @Nullable String nameserver,
      Verdict verdict,
      Duration ttl,
      @Nullable String privateLinkZone,
      @Nullable String detail,
      List<FailedQuery> failedQueries,
      boolean recursive,
      List<Cidr> nat64Prefixes) {
    this.host = host;
    this.failedQueries = List.copyOf(failedQueries);
    this.recursive = recursive;
    this.nat64Prefixes = List.copyOf(nat64Prefixes);
    // Cached results are held per host, so what they retain is kept lean: immutable lists sized
    // to their elements, and the chain's first name shares the host's string.
    this.chain = chainSharingHost(host, chain);
    this.addresses = List.copyOf(addresses);
    this.nameserver = nameserver;
    this.verdict = verdict;
    this.ttl = ttl;
    this.privateLinkZone = privateLinkZone;
    this.detail = detail;
    List<InetAddress> allowed = new ArrayList<>(addresses.size());
    if (verdict == Verdict.PRIVATE) {
      for (Address a : addresses) {
        allowed.add(a.address());
      }
    }
    this.allowedAddresses = List.copyOf(allowed);
  }

  private static List<String> chainSharingHost(String host, List<String> chain) {
    if (chain.isEmpty() || !chain.get(0).equals(host)) {
      return List.copyOf(chain);
    }
    String[] names = chain.toArray(new String[0]);
    names[0] = host;
    return List.of(names);
  }

  /** A verdict reached without a DNS answer: no chain, no addresses, nothing to cache. */
  static Resolution withoutAnswer(String host, Verdict verdict, @Nullable String detail) {
    return withoutDns(host, List.of(), List.of(), verdict, detail);
  }

  /**
   * A verdict on one address judged without DNS (an IP literal, or the address a socket was asked
   * to connect to): the chain is the host alone, and nothing is cached.
   */
  static Resolution ofAddress(String host, Address address, Verdict verdict, String detail) {
    return withoutDns(host, List.of(host), List.of(address), verdict, detail);
  }

  /** No nameserver, no privatelink zone, no failed query, nothing to cache. */
  private static Resolution withoutDns(
      String host,
      List<String> chain,
      List<Address> addresses,
      Verdict verdict,
      @Nullable String detail) {
    return new Resolution(
        host,
        chain,
        addresses,
        null,
        verdict,
        Duration.ZERO,
        null,
        detail,
        List.of(),
        false,
        List.of());
  }

  static Resolution rejected(String input, @Nullable String why) {
    return withoutAnswer(input, Verdict.REJECTED_INPUT, why);
  }

  static Resolution notAllowed(String host, String why) {
    return withoutAnswer(host, Verdict.HOST_NOT_ALLOWED, why);
  }

  static Resolution linkLeavesServer(String host, String why) {
    return withoutAnswer(host, Verdict.LINK_LEAVES_SERVER, why);
  }

  /**
   * The host name as given after intake (lower case, punycode), or the raw input if rejected.
   *
   * @return the host; for a rejected input, exactly what the caller passed
   */
  public String host() {
    return host;
  }

  /**
   * The names followed, in order: the host, each CNAME target, ending with the name that owns the
   * addresses. A single element when there was no CNAME; empty when no DNS answer was obtained.
   *
   * @return the chain, host first; unmodifiable
   */
  public List<String> cnameChain() {
    return chain;
  }

  /**
   * Every address the DNS answer held (A and AAAA), each with its policy decision.
   *
   * @return every answered address in DNS order, allowed or not; unmodifiable, empty without an
   *     answer
   */
  public List<Address> addresses() {
    return addresses;
  }

  /**
   * The addresses a connection may use: every address when the verdict is {@link Verdict#PRIVATE},
   * otherwise empty. This is what the guarded client connects to, and nothing else.
   *
   * @return the connectable addresses; unmodifiable, empty for any verdict but {@code PRIVATE}
   */
  public List<InetAddress> allowedAddresses() {
    return allowedAddresses;
  }

  /**
   * The nameserver that answered ({@code host:port}), if one did.
   *
   * @return {@code host:port} of the answering nameserver; empty for IP literals, rejected input
   *     and hosts refused before DNS
   */
  public Optional<String> nameserver() {
    return Optional.ofNullable(nameserver);
  }

  /**
   * The verdict.
   *
   * @return the verdict; {@link Verdict#PRIVATE} is the only one that allows a connection
   */
  public Verdict verdict() {
    return verdict;
  }

  /**
   * How long this result may be reused: the lowest record TTL (before the resolver's
   * floor/ceiling).
   *
   * @return the lowest TTL of the records that made this result
   */
  public Duration ttl() {
    return ttl;
  }

  /**
   * The known privatelink zone the chain passed through, if any.
   *
   * @return the zone, e.g. {@code privatelink.fhir.azurehealthcareapis.com}; empty when the chain
   *     passed through none
   */
  public Optional<String> privateLinkZone() {
    return Optional.ofNullable(privateLinkZone);
  }

  /**
   * A technical detail for failures (which query failed and how, or why the input was rejected).
   *
   * @return the detail; empty when there is nothing to add to the verdict
   */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /**
   * The queries (A, AAAA) that gave no usable answer. For a {@link Verdict#PRIVATE} result these
   * were ignored because the other family's addresses verified (unless the resolver is {@link
   * PrivateLinkResolver.Builder#strictAddressFamilies() strict}); the result then holds only the
   * verified family's addresses.
   *
   * @return the failed queries; unmodifiable, empty when both queries answered
   */
  public List<FailedQuery> failedQueries() {
    return failedQueries;
  }

  /**
   * Whether every response came from a recursive resolver (RA set), as opposed to an authoritative
   * one.
   */
  boolean recursive() {
    return recursive;
  }

  /** The NAT64 prefixes the resolver was told about, besides the well-known ones. */
  List<Cidr> nat64Prefixes() {
    return nat64Prefixes;
  }

  /**
   * What a person can do about this result.
   *
   * @return the diagnosis of this result, computed on each call
   */
  public Diagnosis diagnosis() {
    return Diagnosis.of(this);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(host).append(": ").append(verdict);
    if (!chain.isEmpty()) {
      out.append(", chain ").append(String.join(" -> ", chain));
    }
    if (!addresses.isEmpty()) {
      out.append(", addresses [");
      for (int i = 0; i < addresses.size(); i++) {
        Address a = addresses.get(i);
        if (i > 0) {
          out.append(", ");
        }
        out.append(AddressText.of(a.address()))
            .append(a.decision().allowed() ? " (allowed)" : " (not allowed)");
      }
      out.append(']');
    }
    if (nameserver != null) {
      out.append(", nameserver ").append(nameserver);
    }
    if (detail != null) {
      out.append(", ").append(detail);
    }
    return out.toString();
  }
}
