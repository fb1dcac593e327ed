package io.privatelink.core;

import io.privatelink.core.internal.cache.SingleFlightCache;
import io.privatelink.core.internal.dns.DnsAnswer;
import io.privatelink.core.internal.dns.DnsClient;
import io.privatelink.core.internal.host.HostNames;
import io.privatelink.core.internal.log.RateLimitedWarning;
import io.privatelink.core.internal.policy.AddressText;
import io.privatelink.core.internal.policy.Cidr;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ResolverConfig;

/**
 * Resolves host names the way the VNet does and verifies that they go over Private Link: every
 * address is allowed by the {@link NetworkPolicy} and, for Azure health hosts, the CNAME chain
 * passes through a known {@link PrivateLinkZones privatelink zone}.
 *
 * <pre>{@code
 * PrivateLinkResolver resolver = PrivateLinkResolver.builder()
 *     .nameservers(vnetDns)               // e.g. "10.0.0.4"; default: the system's resolv.conf
 *     .timeout(Duration.ofSeconds(2))
 *     .build();
 * Resolution r = resolver.resolve("myfhir.azurehealthcareapis.com");  // throws unless PRIVATE
 * }</pre>
 *
 * <p>Only the configured nameservers are asked (UDP, TCP when the answer is truncated; A and AAAA
 * in parallel); there is no fallback to the system resolver or a hosts file. A and AAAA are
 * independent, as in every other stub resolver: when one family's addresses all verify and the
 * other family's query fails (REFUSED, SERVFAIL, timeout, malformed), the result is private with
 * the verified addresses only, and the failure is recorded ({@link Resolution#failedQueries()});
 * once one family verified, the other is awaited for a short {@linkplain Builder#addressFamilyGrace
 * grace}, not the whole timeout. {@link Builder#strictAddressFamilies()} makes any failed query a
 * {@link Verdict#DNS_FAILURE} instead. Verified results are cached for their TTL within a floor and
 * ceiling, refusals briefly; concurrent resolutions of one host share one query. A host in use is
 * {@linkplain Builder#refreshAhead(double) re-verified in the background} before its cached result
 * expires, so requests after warm-up do not wait for DNS; a result is never used past its expiry.
 * Thread-safe; build one and share it.
 */
public final class PrivateLinkResolver {

  /** The default {@link Builder#maxCnameChain(int)}: 16 CNAME records. */
  public static final int DEFAULT_MAX_CNAME_CHAIN = 16;

  /**
   * The default {@link Builder#addressFamilyGrace(Duration)}: 250 ms. RFC 8305 waits 50 ms, but a
   * Happy Eyeballs client still uses a late answer; here a late answer is lost, so the grace covers
   * the gap between the two answers of one lookup as measured through Unbound on a loaded machine
   * (p90 about 120 ms, most of it scheduling) with room to spare.
   */
  public static final Duration DEFAULT_ADDRESS_FAMILY_GRACE = Duration.ofMillis(250);

  /**
   * The default {@link Builder#refreshAhead(double)}: 0.8, a cached result read after 80% of its
   * lifetime is re-verified in the background. The remaining 20% of a 1 s TTL (200 ms) covers a
   * slow forwarder's round trip several times over.
   */
  public static final double DEFAULT_REFRESH_AHEAD = 0.8;

  /** Refreshes run on at most this many daemon threads per resolver, started on first use. */
  private static final int REFRESH_THREADS = 2;

  /** Refreshes waiting beyond this are skipped (their hosts then load on expiry, as without). */
  private static final int REFRESH_QUEUE = 1024;

  private static final AtomicInteger refreshThreadNumber = new AtomicInteger();

  private static final Logger log = LoggerFactory.getLogger(PrivateLinkResolver.class);

  private final List<InetSocketAddress> nameserverAddresses;
  private final List<String> nameservers;
  private final int retries;
  private final int maxCnameChain;

  /**
   * Made on the first DNS lookup ({@link #dns()}), not here: dnsjava's resolver loads some 150
   * classes, which a resolver that only ever judges IP literals (a CLI {@code check 10.0.0.4})
   * never needs.
   */
  private volatile @Nullable DnsClient dns;

  private final Object dnsLock = new Object();
  private final NetworkPolicy policy;
  private final PrivateLinkZones zones;
  private final Verification.Rules rules;
  private final long floorNanos;
  private final long ceilingNanos;
  private final long negativeNanos;
  private final long graceNanos;
  private final Duration timeout;
  private final @Nullable ResolutionListener listener;

  private final SingleFlightCache<Resolution> cache;
  private final RateLimitedWarning<String> violationWarning =
      new RateLimitedWarning<>(log, TimeUnit.SECONDS.toNanos(30));
  private final LongAdder lookups = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder violations = new LongAdder();
  private final LongAdder refusals = new LongAdder();

  private PrivateLinkResolver(Builder b) {
    this.policy = b.policy;
    this.zones = b.zones;
    this.rules =
        new Verification.Rules(
            b.policy, b.zones, b.zoneRequirement, b.strictFamilies, b.nat64Prefixes);
    this.floorNanos = b.ttlFloor.toNanos();
    this.ceilingNanos = b.ttlCeiling.toNanos();
    this.negativeNanos = b.negativeTtl.toNanos();
    this.graceNanos = b.grace.toNanos();
    this.timeout = b.timeout;
    this.listener = b.listener;
    this.nameserverAddresses = b.nameservers();
    List<String> names = new ArrayList<>(nameserverAddresses.size());
    for (InetSocketAddress address : nameserverAddresses) {
      names.add(AddressText.hostPort(address));
    }
    this.nameservers = List.copyOf(names);
    this.retries = b.retries;
    this.maxCnameChain = b.maxCnameChain;
    this.cache =
        new SingleFlightCache<>(
            this::cacheNanos,
            this::lookUpOverDns,
            b.timeout.toMillis() + 1000,
            PrivateLinkResolver::failure,
            (fresh, started) -> {
              notifyLookedUp(fresh, started);
              logResolution(fresh);
            },
            b.refreshAhead > 0
                ? new SingleFlightCache.RefreshAhead<>(
                    b.refreshAhead,
                    refreshExecutor(),
                    // A failed refresh must not drop a verification that is still valid.
                    r -> r.verdict() == Verdict.DNS_FAILURE)
                : null);
  }

  /**
   * A small bounded pool of daemon threads that exist only while refreshes run: none is started
   * before the first refresh, and idle ones end after a few seconds, so a resolver needs no close.
   */
  private static ThreadPoolExecutor refreshExecutor() {
    ThreadFactory daemons =
        task -> {
          Thread t =
              new Thread(task, "privatelink-refresh-" + refreshThreadNumber.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            REFRESH_THREADS,
            REFRESH_THREADS,
            5,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(REFRESH_QUEUE),
            daemons,
            new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /**
   * A builder with the defaults: system nameservers, default policy and zones, 5 s timeout.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Resolves and verifies a host. Returns only when the verdict is {@link Verdict#PRIVATE}; the
   * returned resolution's {@link Resolution#allowedAddresses()} are the only addresses to connect
   * to.
   *
   * @return the private resolution; its addresses are the only ones to connect to
   * @param host a DNS name or IP literal (any case, one trailing dot allowed, IDN allowed)
   * @throws PrivateLinkException for every other verdict, with the resolution and a diagnosis
   */
  public Resolution resolve(String host) throws PrivateLinkException {
    Resolution r = lookup(host);
    if (r.verdict() != Verdict.PRIVATE) {
      throw new PrivateLinkException(r);
    }
    return r;
  }

  /**
   * Resolves a host or URL and explains the outcome, whatever it is. For people and diagnostics
   * (the {@code privatelink check} command); code that connects should use {@link #resolve(String)}
   * or the guarded client, never a check followed by a separate connection.
   *
   * @param hostOrUrl a host name, IP literal or {@code http(s)} URL
   * @return the diagnosis of whatever the outcome was; bad input gives a {@link
   *     Verdict#REJECTED_INPUT} diagnosis, never an exception
   */
  public Diagnosis diagnose(String hostOrUrl) {
    Objects.requireNonNull(hostOrUrl, "hostOrUrl");
    String host;
    try {
      host = ServiceEndpoint.parse(hostOrUrl).host();
    } catch (PrivateLinkException e) {
      return e.diagnosis();
    }
    return Diagnosis.of(lookup(host));
  }

  /**
   * The policy addresses are judged by.
   *
   * @return the policy given to the builder, or {@link NetworkPolicy#defaults()}
   */
  public NetworkPolicy policy() {
    return policy;
  }

  /**
   * The known privatelink zones.
   *
   * @return the zones given to the builder, or {@link PrivateLinkZones#defaults()}
   */
  public PrivateLinkZones zones() {
    return zones;
  }

  /**
   * The nameservers asked, in order, as {@code host:port}.
   *
   * @return the nameservers; unmodifiable, never empty
   */
  public List<String> nameservers() {
    return nameservers;
  }

  /** The DNS client, made on first use; thread-safe (double-checked on a volatile field). */
  private DnsClient dns() {
    DnsClient client = dns;
    if (client == null) {
      synchronized (dnsLock) {
        client = dns;
        if (client == null) {
          client = new DnsClient(nameserverAddresses, timeout, retries, maxCnameChain);
          dns = client;
        }
      }
    }
    return client;
  }

  /**
   * The most one uncached resolution may take.
   *
   * @return the timeout, positive
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Counters since this resolver was built.
   *
   * @return a snapshot of the counters; later lookups do not change it
   */
  public Stats stats() {
    return new Stats(lookups.sum(), cacheHits.sum(), violations.sum(), refusals.sum());
  }

  /** Drops every cached result (the next resolution of each host goes to DNS). */
  public void clearCache() {
    cache.clear();
  }

  /**
   * Counters of what the resolver did since it was built: how resolutions were obtained ({@code
   * lookups}, {@code cacheHits}) and how many of those handed to callers were refused ({@code
   * refusals}, of which {@code violations}).
   *
   * @param lookups resolutions that went to DNS (or judged an IP literal); callers that waited for
   *     another caller's query to the same host are not counted again; background refreshes ({@link
   *     Builder#refreshAhead(double)}) are lookups too
   * @param cacheHits resolutions answered from the cache
   * @param violations refusals whose verdict is a policy violation ({@link Verdict#isViolation()}:
   *     public, mixed, not via private link); a subset of {@code refusals}
   * @param refusals every resolution with a verdict other than {@link Verdict#PRIVATE} (violations,
   *     DNS failures, NXDOMAIN, NODATA, rejected input), cache hits included. A guarded client's
   *     own refusals before or after DNS (allowlist, connect, redirect) are not the resolver's: see
   *     {@link GuardMetrics#refusals()}
   */
  public record Stats(long lookups, long cacheHits, long violations, long refusals) {
    /** E.g. {@code "lookups=3 cacheHits=5 violations=1 refusals=2"}. */
    @Override
    public String toString() {
      return "lookups="
          + lookups
          + " cacheHits="
          + cacheHits
          + " violations="
          + violations
          + " refusals="
          + refusals;
    }
  }

  /**
   * For which hosts the CNAME chain must pass a known privatelink zone ({@link
   * Builder#requirePrivateLinkZone}); a host that needs one and resolves outside every zone is
   * {@link Verdict#NOT_VIA_PRIVATE_LINK}.
   */
  public enum ZoneRequirement {
    /**
     * Azure health hosts ({@link ServiceEndpoint#isAzureHealthService()}) and hosts in the service
     * domains of {@link PrivateLinkZones#defaults()} (Storage, Key Vault, Service Bus, App Service,
     * SQL, Cosmos DB, in every cloud); not other hosts, nor IP literals. The default.
     */
    FOR_AZURE_SERVICES,
    /** Every host: IP literals, which have no chain, then never verify. */
    FOR_EVERY_HOST,
    /** No host: the addresses alone decide (a hosts-file-style record then verifies). */
    FOR_NO_HOST
  }

  /** Resolution of any outcome; never throws for a non-null host. */
  Resolution lookup(String host) {
    Objects.requireNonNull(host, "host");
    // Fast path: a host OkHttp hands us is already canonical, so it can be the cache key as is.
    Resolution hit = cache.getIfFresh(host);
    if (hit != null) {
      cacheHits.increment();
      return count(hit);
    }
    HostNames.Host intake;
    try {
      intake = HostNames.canonicalHost(host);
    } catch (IllegalArgumentException e) {
      return count(Resolution.rejected(HostNames.printable(host), e.getMessage()));
    }
    String key = intake.name();
    if (!key.equals(host)) {
      hit = cache.getIfFresh(key);
      if (hit != null) {
        cacheHits.increment();
        return count(hit);
      }
    }
    if (intake instanceof HostNames.IpLiteral literal) {
      lookups.increment();
      return count(Verification.ofLiteral(key, literal.address(), rules));
    }
    return count(cache.load(key));
  }

  /**
   * The cache's loader, for misses (on the caller's thread) and refreshes (in the background); the
   * cache tells the listener once the result is stored.
   */
  private Resolution lookUpOverDns(String host) {
    lookups.increment();
    return resolveOverDns(host);
  }

  private Resolution count(Resolution r) {
    if (r.verdict() != Verdict.PRIVATE) {
      refusals.increment();
      if (r.verdict().isViolation()) {
        violations.increment();
      }
    }
    heard(r);
    return r;
  }

  /**
   * Tells the listener of an outcome; also of one a guarded client decided without this resolver (a
   * host outside its allowlist), which the stats do not count.
   */
  void heard(Resolution r) {
    if (listener != null) {
      try {
        listener.verified(r);
      } catch (RuntimeException e) {
        log.warn("resolution listener failed; the verdict stands", e);
      }
    }
  }

  private void notifyLookedUp(Resolution r, long started) {
    if (listener != null) {
      try {
        listener.lookedUp(r, Duration.ofNanos(System.nanoTime() - started));
      } catch (RuntimeException e) {
        log.warn("resolution listener failed; the verdict stands", e);
      }
    }
  }

  private static Resolution failure(String host, String detail) {
    return Resolution.withoutAnswer(host, Verdict.DNS_FAILURE, detail);
  }

  /**
   * Waits for both families, but once one has answered with addresses that all verify, waits for
   * the other at most the grace (unless strict). A family not answered in time counts as failed.
   */
  private Resolution resolveOverDns(String host) {
    DnsClient.Pending pending = dns().lookup(host);
    CompletableFuture<DnsAnswer.Family> fa = pending.a();
    CompletableFuture<DnsAnswer.Family> f6 = pending.aaaa();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(500);
    boolean inGrace = false;
    DnsAnswer.Family a = null;
    DnsAnswer.Family aaaa = null;
    while (a == null || aaaa == null) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      CompletableFuture<?> next =
          a == null && aaaa == null ? CompletableFuture.anyOf(fa, f6) : (a == null ? fa : f6);
      try {
        next.get(remaining, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failure(host, "interrupted while waiting for the DNS answer");
      } catch (ExecutionException e) {
        return failure(host, "DNS lookup failed: " + e.getCause());
      } catch (TimeoutException e) {
        break;
      }
      a = a == null ? fa.getNow(null) : a;
      aaaa = aaaa == null ? f6.getNow(null) : aaaa;
      if (!inGrace
          && !rules.strictFamilies()
          && (a == null) != (aaaa == null)
          && verifies(a != null ? a : aaaa)) {
        inGrace = true;
        deadline = Math.min(deadline, System.nanoTime() + graceNanos);
      }
    }
    if (a == null && aaaa == null) {
      return failure(host, "no answer within " + timeout.toMillis() + " ms");
    }
    if (a == null || aaaa == null) {
      DnsAnswer.Family done = a != null ? a : Objects.requireNonNull(aaaa);
      String why =
          inGrace
              ? "no answer within the "
                  + TimeUnit.NANOSECONDS.toMillis(graceNanos)
                  + " ms grace after the "
                  + done.type()
                  + " answer verified"
              : "no answer within " + timeout.toMillis() + " ms";
      a = a != null ? a : DnsAnswer.Family.failed("A", why);
      aaaa = aaaa != null ? aaaa : DnsAnswer.Family.failed("AAAA", why);
    }
    return Verification.of(host, pending.answer(a, aaaa), rules);
  }

  /** Whether a family answered with addresses that the policy all allows. */
  private boolean verifies(DnsAnswer.Family family) {
    if (family.outcome() != DnsAnswer.Outcome.ANSWER) {
      return false;
    }
    for (DnsAnswer.Record record : family.records()) {
      if (!policy.decide(record.address()).allowed()) {
        return false;
      }
    }
    return true;
  }

  /** How long a fresh result is reused; 0 = not at all. */
  private long cacheNanos(Resolution r) {
    return switch (r.verdict()) {
      case PRIVATE -> Math.min(Math.max(r.ttl().toNanos(), floorNanos), ceilingNanos);
      // A failing nameserver may recover at once; do not pin its failure.
      case DNS_FAILURE, REJECTED_INPUT, HOST_NOT_ALLOWED, LINK_LEAVES_SERVER -> 0;
      case PUBLIC_ADDRESS, MIXED_ADDRESSES, NOT_VIA_PRIVATE_LINK, NO_SUCH_HOST, NO_ADDRESSES ->
          r.addresses().isEmpty()
              ? negativeNanos
              : Math.min(negativeNanos, Math.max(r.ttl().toNanos(), floorNanos));
    };
  }

  private void logResolution(Resolution r) {
    if (log.isDebugEnabled()) {
      log.debug("resolved {}", r);
    }
    if (r.verdict().isViolation()) {
      violationWarning.warn(
          r.host(),
          r.ttl().toNanos(),
          "private link violation: {}",
          new PrivateLinkException(r).getMessage());
    }
  }

  /** Builds a {@link PrivateLinkResolver}. */
  public static final class Builder {
    private final List<InetSocketAddress> nameservers = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(5);
    private int retries = 1;
    private int maxCnameChain = DEFAULT_MAX_CNAME_CHAIN;
    private boolean strictFamilies;
    private Duration grace = DEFAULT_ADDRESS_FAMILY_GRACE;
    private final List<Cidr> nat64Prefixes = new ArrayList<>();
    private Duration ttlFloor = Duration.ZERO;
    private Duration ttlCeiling = Duration.ofMinutes(5);
    private Duration negativeTtl = Duration.ofSeconds(5);
    private NetworkPolicy policy = NetworkPolicy.defaults();
    private PrivateLinkZones zones = PrivateLinkZones.defaults();
    private ZoneRequirement zoneRequirement = ZoneRequirement.FOR_AZURE_SERVICES;
    private @Nullable ResolutionListener listener;
    private double refreshAhead = DEFAULT_REFRESH_AHEAD;

    private Builder() {}

    /**
     * The nameservers to ask, in order, as {@code ip}, {@code ip:port} or {@code [ipv6]:port}. Only
     * IP addresses: a nameserver named by host name would need another resolver to find it.
     * Default: the system's (resolv.conf).
     *
     * @param nameservers one or more nameserver addresses; replace any set before
     * @return this builder
     * @throws IllegalArgumentException for anything but an IP address with an optional port
     */
    public Builder nameservers(String... nameservers) {
      this.nameservers.clear();
      for (String ns : nameservers) {
        this.nameservers.add(parseNameserver(ns));
      }
      return this;
    }

    /**
     * The nameservers to ask, in order.
     *
     * @param nameservers the nameservers; replace any set before, and an empty list means the
     *     system's
     * @return this builder
     */
    public Builder nameservers(List<InetSocketAddress> nameservers) {
      this.nameservers.clear();
      this.nameservers.addAll(nameservers);
      return this;
    }

    /**
     * The most one uncached resolution may take, retries and failover included. Default 5 s.
     *
     * @param timeout the budget for one uncached resolution; positive
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * How many times a query is resent to one nameserver after a timeout. Default 1.
     *
     * @param retries resends per nameserver, 0 to 5
     * @return this builder
     * @throws IllegalArgumentException if {@code retries} is outside 0..5
     */
    public Builder retries(int retries) {
      if (retries < 0 || retries > 5) {
        throw new IllegalArgumentException("retries must be 0..5, was " + retries);
      }
      this.retries = retries;
      return this;
    }

    /**
     * The most CNAME records followed from the host to its addresses; a longer chain (or a loop) is
     * a {@link Verdict#DNS_FAILURE}. Azure's chains hold 1 (linked) to 3 or 4 (through Traffic
     * Manager, nested profiles) CNAMEs. Default {@value
     * PrivateLinkResolver#DEFAULT_MAX_CNAME_CHAIN}.
     *
     * @param max the most CNAMEs followed, 1 to 32
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is outside 1..32
     */
    public Builder maxCnameChain(int max) {
      if (max < 1 || max > 32) {
        throw new IllegalArgumentException("maxCnameChain must be 1..32, was " + max);
      }
      this.maxCnameChain = max;
      return this;
    }

    /**
     * Once one address family (A or AAAA) has answered with addresses that all verify, how long to
     * wait for the other before resolving with the verified family alone (its query is then
     * recorded as failed). Default {@link PrivateLinkResolver#DEFAULT_ADDRESS_FAMILY_GRACE}, after
     * RFC 8305's resolution delay; {@link Duration#ZERO} does not wait at all. An answer that
     * arrives within the grace is judged like any other: a refused address still refuses the whole
     * result. Ignored by {@link #strictAddressFamilies()}.
     *
     * @param grace how long to wait for the other family; zero to not wait at all
     * @return this builder
     * @throws IllegalArgumentException if {@code grace} is negative
     */
    public Builder addressFamilyGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("addressFamilyGrace must not be negative, was " + grace);
      }
      this.grace = grace;
      return this;
    }

    /**
     * Requires both the A and the AAAA query to give a usable answer (addresses, NODATA or
     * NXDOMAIN): one that fails (REFUSED, SERVFAIL, timeout, malformed) makes the result a {@link
     * Verdict#DNS_FAILURE}, and the other family is always awaited for the whole timeout. The
     * behaviour before 0.2; the default instead proceeds with the family that verified, as glibc,
     * the JDK and RFC 8305 clients do (see SECURITY.md for why that keeps the guarantee).
     *
     * @return this builder
     */
    public Builder strictAddressFamilies() {
      this.strictFamilies = true;
      return this;
    }

    /**
     * A NAT64 prefix (a {@code /96}) the network's DNS64 resolver synthesizes AAAA records in,
     * besides the well-known {@code 64:ff9b::/96} and {@code 64:ff9b:1::/48}. Only explains
     * results: a synthesized address is still refused unless the policy allows it.
     *
     * @param cidr an IPv6 {@code /96} prefix, e.g. {@code "2001:db8:64::/96"}
     * @return this builder
     * @throws IllegalArgumentException unless {@code cidr} is an IPv6 {@code /96}
     */
    public Builder nat64Prefix(String cidr) {
      Cidr prefix = Cidr.parse(cidr);
      if (prefix.isIpv4() || prefix.prefix() != 96) {
        throw new IllegalArgumentException(
            "a NAT64 prefix must be an IPv6 /96 such as 64:ff9b::/96, was " + cidr);
      }
      this.nat64Prefixes.add(prefix);
      return this;
    }

    /**
     * Bounds on how long a verified (private) result is reused: its TTL, raised to {@code floor}
     * and lowered to {@code ceiling}. Defaults 0 s and 5 min. {@code ceiling} 0 disables caching.
     *
     * @param floor the least time a private result is reused; zero or more
     * @param ceiling the most time a private result is reused; at least {@code floor}
     * @return this builder
     * @throws IllegalArgumentException if either is negative or {@code floor} exceeds {@code
     *     ceiling}
     */
    public Builder cacheTtl(Duration floor, Duration ceiling) {
      if (floor.isNegative() || ceiling.isNegative() || floor.compareTo(ceiling) > 0) {
        throw new IllegalArgumentException(
            "need 0 <= floor <= ceiling, got floor " + floor + " ceiling " + ceiling);
      }
      this.ttlFloor = floor;
      this.ttlCeiling = ceiling;
      return this;
    }

    /**
     * How long a refusal (public, mixed, NXDOMAIN, ...) is reused, at most. Default 5 s.
     *
     * @param ttl the most time a refusal is reused; zero disables the negative cache
     * @return this builder
     * @throws IllegalArgumentException if {@code ttl} is negative
     */
    public Builder negativeCacheTtl(Duration ttl) {
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("negativeCacheTtl must not be negative");
      }
      this.negativeTtl = ttl;
      return this;
    }

    /**
     * Turns every cache off: each resolution goes to DNS (concurrent ones still share a query).
     *
     * @return this builder
     */
    public Builder noCache() {
      this.ttlFloor = Duration.ZERO;
      this.ttlCeiling = Duration.ZERO;
      this.negativeTtl = Duration.ZERO;
      return this;
    }

    /**
     * When a cached result in use is re-verified in the background: a resolution served from the
     * cache after {@code fraction} of the result's cache lifetime starts one DNS lookup on a
     * resolver thread, and the caller gets the cached result at once. The new result, a refusal
     * included, serves every later resolution; a failed lookup ({@link Verdict#DNS_FAILURE}) leaves
     * the cached result in place until it expires, never longer, and the first resolution after
     * that resolves on the caller's thread, as without refresh ahead. A result nobody reads after
     * its refresh point is not refreshed, so DNS traffic follows the hosts in use. Default {@value
     * PrivateLinkResolver#DEFAULT_REFRESH_AHEAD}.
     *
     * <p>Refreshes run on at most two daemon threads per resolver, started by the first refresh and
     * ended when idle; each host has at most one refresh in flight, shared with any caller that
     * misses meanwhile. {@link ResolutionListener#lookedUp} hears refreshes as it hears other
     * lookups, and {@link Stats#lookups()} counts them.
     *
     * @return this builder
     * @param fraction of the cache lifetime, greater than 0 and less than 1
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1)
     */
    public Builder refreshAhead(double fraction) {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException(
            "refreshAhead must be greater than 0 and less than 1, was " + fraction);
      }
      this.refreshAhead = fraction;
      return this;
    }

    /**
     * Turns {@linkplain #refreshAhead(double) refresh ahead} off: a cached result is used until it
     * expires, and the first resolution after that waits for DNS.
     *
     * @return this builder
     */
    public Builder noRefreshAhead() {
      this.refreshAhead = 0;
      return this;
    }

    /**
     * Which addresses count as private. Default {@link NetworkPolicy#defaults()}.
     *
     * @param policy the policy; required
     * @return this builder
     */
    public Builder policy(NetworkPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The known privatelink zones. Default {@link PrivateLinkZones#defaults()}.
     *
     * @param zones the zones; required
     * @return this builder
     */
    public Builder zones(PrivateLinkZones zones) {
      this.zones = Objects.requireNonNull(zones, "zones");
      return this;
    }

    /**
     * For which hosts the CNAME chain must pass a known privatelink zone, as in {@code
     * requirePrivateLinkZone(ZoneRequirement.FOR_NO_HOST)}. Default {@link
     * ZoneRequirement#FOR_AZURE_SERVICES}.
     *
     * @param hosts which hosts need a privatelink zone in their chain; required
     * @return this builder
     */
    public Builder requirePrivateLinkZone(ZoneRequirement hosts) {
      this.zoneRequirement = Objects.requireNonNull(hosts, "hosts");
      return this;
    }

    /**
     * Who hears each verification and DNS lookup (metrics, tracing). Optional; one listener, so
     * combine several yourself.
     *
     * @param listener the listener; required, replaces any set before
     * @return this builder
     */
    public Builder listener(ResolutionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    private List<InetSocketAddress> nameservers() {
      if (!nameservers.isEmpty()) {
        return List.copyOf(nameservers);
      }
      List<InetSocketAddress> system = ResolverConfig.getCurrentConfig().servers();
      if (system.isEmpty()) {
        throw new IllegalStateException(
            "no nameservers configured and none found in the system configuration"
                + " (resolv.conf); call nameservers(...)");
      }
      return List.copyOf(system);
    }

    /**
     * Builds the resolver.
     *
     * @return a new resolver, with its own cache and counters
     * @throws IllegalStateException if no nameserver is configured and the system has none
     */
    public PrivateLinkResolver build() {
      return new PrivateLinkResolver(this);
    }

    static InetSocketAddress parseNameserver(String ns) {
      Objects.requireNonNull(ns, "nameserver");
      HostNames.HostPort split;
      try {
        split = HostNames.splitHostPort(ns, HostNames.HostPortForm.HOST_OR_ADDRESS);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("nameserver '" + ns + "': " + e.getMessage(), e);
      }
      String host = split.host();
      int port = split.port() < 0 ? 53 : split.port();
      HostNames.Host parsed;
      try {
        parsed = HostNames.canonicalHost(host);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("nameserver '" + ns + "': " + e.getMessage(), e);
      }
      if (!(parsed instanceof HostNames.IpLiteral literal)) {
        throw new IllegalArgumentException(
            "nameserver '"
                + ns
                + "' must be an IP address (ip, ip:port or [ipv6]:port), not a host name");
      }
      return new InetSocketAddress(literal.address(), port);
    }
  }
}
