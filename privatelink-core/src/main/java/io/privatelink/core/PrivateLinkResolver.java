package io.privatelink.core;

import io.privatelink.core.internal.dns.DnsAnswer;
import io.privatelink.core.internal.dns.DnsClient;
import io.privatelink.core.internal.host.HostNames;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
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
 * in parallel); there is no fallback to the system resolver or a hosts file. Verified results are
 * cached for their TTL within a floor and ceiling, refusals briefly; concurrent resolutions of one
 * host share one query. Thread-safe; build one and share it.
 */
public final class PrivateLinkResolver {

  private static final Logger log = LoggerFactory.getLogger(PrivateLinkResolver.class);

  private final DnsClient dns;
  private final NetworkPolicy policy;
  private final PrivateLinkZones zones;
  private final Boolean requirePrivateLinkZone;
  private final long floorNanos;
  private final long ceilingNanos;
  private final long negativeNanos;
  private final long warnIntervalNanos;
  private final Duration timeout;
  private final ResolutionListener listener;

  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<Resolution>> inFlight =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> lastWarned = new ConcurrentHashMap<>();
  private final LongAdder lookups = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder violations = new LongAdder();
  private final LongAdder refusals = new LongAdder();

  private static final class Cached {
    final Resolution resolution;
    final long expiresAt;

    Cached(Resolution resolution, long expiresAt) {
      this.resolution = resolution;
      this.expiresAt = expiresAt;
    }
  }

  private PrivateLinkResolver(Builder b) {
    this.policy = b.policy;
    this.zones = b.zones;
    this.requirePrivateLinkZone = b.requirePrivateLinkZone;
    this.floorNanos = b.ttlFloor.toNanos();
    this.ceilingNanos = b.ttlCeiling.toNanos();
    this.negativeNanos = b.negativeTtl.toNanos();
    this.warnIntervalNanos = TimeUnit.SECONDS.toNanos(30);
    this.timeout = b.timeout;
    this.listener = b.listener;
    this.dns = new DnsClient(b.nameservers(), b.timeout, b.retries, b.maxCnameChain);
  }

  /** A builder with the defaults: system nameservers, default policy and zones, 5 s timeout. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Resolves and verifies a host. Returns only when the verdict is {@link Verdict#PRIVATE}; the
   * returned resolution's {@link Resolution#allowedAddresses()} are the only addresses to connect to.
   *
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

  /** The policy addresses are judged by. */
  public NetworkPolicy policy() {
    return policy;
  }

  /** The known privatelink zones. */
  public PrivateLinkZones zones() {
    return zones;
  }

  /** The nameservers asked, in order, as {@code host:port}. */
  public List<String> nameservers() {
    return dns.nameservers();
  }

  /** The most one uncached resolution may take. */
  public Duration timeout() {
    return timeout;
  }

  /** Counters since this resolver was built. */
  public Stats stats() {
    return new Stats(lookups.sum(), cacheHits.sum(), violations.sum(), refusals.sum());
  }

  /** Drops every cached result (the next resolution of each host goes to DNS). */
  public void clearCache() {
    cache.clear();
  }

  /**
   * Counters of what the resolver did. {@code lookups} went to DNS; {@code cacheHits} did not;
   * {@code violations} are refusals with a policy verdict (public, mixed, not via private link);
   * {@code refusals} count every non-private outcome, violations included.
   */
  public static final class Stats {
    private final long lookups;
    private final long cacheHits;
    private final long violations;
    private final long refusals;

    Stats(long lookups, long cacheHits, long violations, long refusals) {
      this.lookups = lookups;
      this.cacheHits = cacheHits;
      this.violations = violations;
      this.refusals = refusals;
    }

    /** Resolutions that went to DNS (or judged an IP literal). */
    public long lookups() {
      return lookups;
    }

    /** Resolutions answered from the cache. */
    public long cacheHits() {
      return cacheHits;
    }

    /** Refusals whose verdict is a policy violation. */
    public long violations() {
      return violations;
    }

    /** All non-private outcomes handed to callers, violations included. */
    public long refusals() {
      return refusals;
    }

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

  /** Resolution of any outcome; never throws for a non-null host. */
  Resolution lookup(String host) {
    Objects.requireNonNull(host, "host");
    // Fast path: a host OkHttp hands us is already canonical, so it can be the cache key as is.
    Cached hit = cache.get(host);
    if (hit != null && hit.expiresAt - System.nanoTime() > 0) {
      cacheHits.increment();
      return count(hit.resolution);
    }
    HostNames.Host intake;
    try {
      intake = HostNames.canonicalHost(host);
    } catch (IllegalArgumentException e) {
      return count(Resolution.rejected(HostNames.printable(host), e.getMessage()));
    }
    String key = intake.name();
    if (!key.equals(host)) {
      hit = cache.get(key);
      if (hit != null && hit.expiresAt - System.nanoTime() > 0) {
        cacheHits.increment();
        return count(hit.resolution);
      }
    }
    if (intake.isLiteral()) {
      lookups.increment();
      return count(judgeLiteral(key, intake.literal()));
    }
    CompletableFuture<Resolution> mine = new CompletableFuture<>();
    CompletableFuture<Resolution> shared = inFlight.putIfAbsent(key, mine);
    if (shared == null) {
      try {
        lookups.increment();
        long started = System.nanoTime();
        Resolution fresh = resolveOverDns(key);
        notifyLookedUp(fresh, started);
        store(key, fresh);
        mine.complete(fresh);
        return count(fresh);
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
        throw e;
      } finally {
        inFlight.remove(key, mine);
      }
    }
    try {
      return count(shared.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return count(failure(key, "interrupted while waiting for the DNS answer"));
    } catch (ExecutionException | TimeoutException e) {
      return count(failure(key, "the shared DNS lookup failed: " + e));
    }
  }

  private Resolution count(Resolution r) {
    if (r.verdict() != Verdict.PRIVATE) {
      refusals.increment();
      if (r.verdict().isViolation()) {
        violations.increment();
      }
    }
    if (listener != null) {
      try {
        listener.verified(r);
      } catch (RuntimeException e) {
        log.warn("resolution listener failed; the verdict stands", e);
      }
    }
    return r;
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

  private Resolution failure(String host, String detail) {
    return new Resolution(
        host, List.of(), List.of(), null, Verdict.DNS_FAILURE, Duration.ZERO, null, detail);
  }

  private Resolution judgeLiteral(String host, InetAddress address) {
    NetworkPolicy.Decision decision = policy.decide(address);
    Verdict verdict;
    if (!decision.allowed()) {
      verdict = Verdict.PUBLIC_ADDRESS;
    } else if (Boolean.TRUE.equals(requirePrivateLinkZone)) {
      verdict = Verdict.NOT_VIA_PRIVATE_LINK;
    } else {
      verdict = Verdict.PRIVATE;
    }
    return new Resolution(
        host,
        List.of(host),
        List.of(new Resolution.Address(address, 0, decision)),
        null,
        verdict,
        Duration.ZERO,
        null,
        "IP literal: no DNS query");
  }

  private Resolution resolveOverDns(String host) {
    DnsAnswer answer;
    try {
      answer = dns.lookup(host).get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failure(host, "interrupted while waiting for the DNS answer");
    } catch (ExecutionException e) {
      return failure(host, "DNS lookup failed: " + e.getCause());
    } catch (TimeoutException e) {
      return failure(host, "no answer within " + timeout.toMillis() + " ms");
    }
    String zone = null;
    for (String name : answer.chain()) {
      zone = zones.zoneOf(name).orElse(null);
      if (zone != null) {
        break;
      }
    }
    List<Resolution.Address> addresses = new ArrayList<>();
    long minTtl = Long.MAX_VALUE;
    int allowed = 0;
    for (DnsAnswer.Record record : answer.records()) {
      NetworkPolicy.Decision decision = policy.decide(record.address());
      if (decision.allowed()) {
        allowed++;
      }
      minTtl = Math.min(minTtl, record.ttl());
      addresses.add(new Resolution.Address(record.address(), record.ttl(), decision));
    }
    Duration ttl = Duration.ofSeconds(minTtl == Long.MAX_VALUE ? 0 : minTtl);
    Verdict verdict;
    switch (answer.outcome()) {
      case FAILURE:
        verdict = Verdict.DNS_FAILURE;
        break;
      case NXDOMAIN:
        verdict = Verdict.NO_SUCH_HOST;
        break;
      case NODATA:
        verdict = Verdict.NO_ADDRESSES;
        break;
      default:
        if (allowed == 0) {
          verdict = Verdict.PUBLIC_ADDRESS;
        } else if (allowed < addresses.size()) {
          verdict = Verdict.MIXED_ADDRESSES;
        } else if (zone == null && zoneRequired(host)) {
          verdict = Verdict.NOT_VIA_PRIVATE_LINK;
        } else {
          verdict = Verdict.PRIVATE;
        }
    }
    Resolution r =
        new Resolution(
            host,
            answer.chain(),
            addresses,
            answer.nameserver(),
            verdict,
            ttl,
            zone,
            answer.detail());
    logResolution(r);
    return r;
  }

  private boolean zoneRequired(String host) {
    if (requirePrivateLinkZone != null) {
      return requirePrivateLinkZone;
    }
    return ServiceEndpoint.of(host, false).isAzureHealthService()
        || PrivateLinkZones.defaults().privateLinkAlias(host).isPresent();
  }

  private void store(String key, Resolution r) {
    long ttl;
    if (r.verdict() == Verdict.PRIVATE) {
      ttl = Math.min(Math.max(r.ttl().toNanos(), floorNanos), ceilingNanos);
    } else if (r.verdict() == Verdict.DNS_FAILURE || r.verdict() == Verdict.REJECTED_INPUT) {
      ttl = 0; // a failing nameserver may recover at once; do not pin its failure
    } else if (r.addresses().isEmpty()) {
      ttl = negativeNanos;
    } else {
      ttl = Math.min(negativeNanos, Math.max(r.ttl().toNanos(), floorNanos));
    }
    if (ttl > 0) {
      cache.put(key, new Cached(r, System.nanoTime() + ttl));
      if (cache.size() > 10_000) {
        evictExpired();
      }
    } else {
      cache.remove(key);
    }
  }

  private void evictExpired() {
    long now = System.nanoTime();
    cache.values().removeIf(c -> c.expiresAt - now <= 0);
  }

  private void logResolution(Resolution r) {
    if (log.isDebugEnabled()) {
      log.debug("resolved {}", r);
    }
    if (r.verdict().isViolation()) {
      long now = System.nanoTime();
      long interval = Math.max(warnIntervalNanos, r.ttl().toNanos());
      Long last = lastWarned.get(r.host());
      if (last == null || now - last >= interval) {
        lastWarned.put(r.host(), now);
        if (lastWarned.size() > 10_000) {
          lastWarned.clear();
        }
        log.warn("private link violation: {}", new PrivateLinkException(r).getMessage());
      }
    }
  }

  /** Builds a {@link PrivateLinkResolver}. */
  public static final class Builder {
    private final List<InetSocketAddress> nameservers = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(5);
    private int retries = 1;
    private int maxCnameChain = 8;
    private Duration ttlFloor = Duration.ZERO;
    private Duration ttlCeiling = Duration.ofMinutes(5);
    private Duration negativeTtl = Duration.ofSeconds(5);
    private NetworkPolicy policy = NetworkPolicy.defaults();
    private PrivateLinkZones zones = PrivateLinkZones.defaults();
    private Boolean requirePrivateLinkZone;
    private ResolutionListener listener;

    private Builder() {}

    /**
     * The nameservers to ask, in order, as {@code ip}, {@code ip:port} or {@code [ipv6]:port}. Only
     * IP addresses: a nameserver named by host name would need another resolver to find it. Default:
     * the system's (resolv.conf).
     *
     * @throws IllegalArgumentException for anything but an IP address with an optional port
     */
    public Builder nameservers(String... nameservers) {
      this.nameservers.clear();
      for (String ns : nameservers) {
        this.nameservers.add(parseNameserver(ns));
      }
      return this;
    }

    /** The nameservers to ask, in order. */
    public Builder nameservers(List<InetSocketAddress> nameservers) {
      this.nameservers.clear();
      this.nameservers.addAll(nameservers);
      return this;
    }

    /** The most one uncached resolution may take, retries and failover included. Default 5 s. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** How many times a query is resent to one nameserver after a timeout. Default 1. */
    public Builder retries(int retries) {
      if (retries < 0 || retries > 5) {
        throw new IllegalArgumentException("retries must be 0..5, was " + retries);
      }
      this.retries = retries;
      return this;
    }

    /** The longest CNAME chain followed before the answer counts as a DNS failure. Default 8. */
    public Builder maxCnameChain(int max) {
      if (max < 1 || max > 32) {
        throw new IllegalArgumentException("maxCnameChain must be 1..32, was " + max);
      }
      this.maxCnameChain = max;
      return this;
    }

    /**
     * Bounds on how long a verified (private) result is reused: its TTL, raised to {@code floor}
     * and lowered to {@code ceiling}. Defaults 0 s and 5 min. {@code ceiling} 0 disables caching.
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

    /** How long a refusal (public, mixed, NXDOMAIN, ...) is reused, at most. Default 5 s. */
    public Builder negativeCacheTtl(Duration ttl) {
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("negativeCacheTtl must not be negative");
      }
      this.negativeTtl = ttl;
      return this;
    }

    /** Turns every cache off: each resolution goes to DNS (concurrent ones still share a query). */
    public Builder noCache() {
      this.ttlFloor = Duration.ZERO;
      this.ttlCeiling = Duration.ZERO;
      this.negativeTtl = Duration.ZERO;
      return this;
    }

    /** Which addresses count as private. Default {@link NetworkPolicy#defaults()}. */
    public Builder policy(NetworkPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The known privatelink zones. Default {@link PrivateLinkZones#defaults()}. */
    public Builder zones(PrivateLinkZones zones) {
      this.zones = Objects.requireNonNull(zones, "zones");
      return this;
    }

    /**
     * Whether the CNAME chain must pass a known privatelink zone. Default: required for Azure
     * health hosts ({@link ServiceEndpoint#isAzureHealthService()}) and for hosts in the service
     * domains of {@link PrivateLinkZones#defaults()} (Storage, Key Vault, Service Bus, App Service,
     * SQL, Cosmos DB, in every cloud), not for other hosts. {@code
     * true} requires it for every host (IP literals then never verify); {@code false} for none.
     */
    public Builder requirePrivateLinkZone(boolean require) {
      this.requirePrivateLinkZone = require;
      return this;
    }

    /**
     * Who hears each verification and DNS lookup (metrics, tracing). Optional; one listener, so
     * combine several yourself.
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
     * @throws IllegalStateException if no nameserver is configured and the system has none
     */
    public PrivateLinkResolver build() {
      return new PrivateLinkResolver(this);
    }

    static InetSocketAddress parseNameserver(String ns) {
      Objects.requireNonNull(ns, "nameserver");
      String host = ns;
      int port = 53;
      if (ns.startsWith("[")) {
        int close = ns.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("nameserver '" + ns + "': unterminated '['");
        }
        host = ns.substring(1, close);
        if (close + 1 < ns.length()) {
          if (ns.charAt(close + 1) != ':') {
            throw new IllegalArgumentException("nameserver '" + ns + "': expected ':' after ']'");
          }
          port = HostNames.parsePort(ns.substring(close + 2));
        }
      } else if (ns.indexOf(':') >= 0 && ns.indexOf(':') == ns.lastIndexOf(':')) {
        host = ns.substring(0, ns.indexOf(':'));
        port = HostNames.parsePort(ns.substring(ns.indexOf(':') + 1));
      }
      HostNames.Host parsed;
      try {
        parsed = HostNames.canonicalHost(host);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("nameserver '" + ns + "': " + e.getMessage(), e);
      }
      if (!parsed.isLiteral()) {
        throw new IllegalArgumentException(
            "nameserver '"
                + ns
                + "' must be an IP address (ip, ip:port or [ipv6]:port), not a host name");
      }
      return new InetSocketAddress(parsed.literal(), port);
    }
  }
}
