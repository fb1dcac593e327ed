package io.privatelink.testkit;

import io.privatelink.core.internal.zones.ZoneTable;
import io.privatelink.testkit.internal.DnsServer;
import io.privatelink.testkit.internal.Faults;
import io.privatelink.testkit.internal.QueryCounters;
import io.privatelink.testkit.internal.RecordStore;
import io.privatelink.testkit.internal.Responder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CRC32;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.TTL;
import org.xbill.DNS.TextParseException;

/**
 * A DNS server on 127.0.0.1 that plays Azure DNS for integration tests: a private endpoint behind a
 * linked privatelink zone, an unlinked zone that falls through Traffic Manager to a public address,
 * raw records, and the faults a resolver must survive. It answers over UDP and TCP on one random
 * port, as a recursive resolver would (RA set, CNAME chains followed in the answer section), so the
 * resolver under test talks real DNS on the wire and gets no stub.
 *
 * <pre>{@code
 * try (DnsSandbox dns = DnsSandbox.start()) {
 *   dns.privateEndpoint("myfhir.azurehealthcareapis.com", "10.0.0.4");
 *   PrivateLinkResolver resolver = PrivateLinkResolver.builder()
 *       .nameservers(dns.nameserver())
 *       .build();
 *   // myfhir.azurehealthcareapis.com            CNAME myfhir.privatelink.azurehealthcareapis.com
 *   // myfhir.privatelink.azurehealthcareapis.com A    10.0.0.4
 *   resolver.resolve("myfhir.azurehealthcareapis.com");
 *
 *   dns.fault("myfhir.azurehealthcareapis.com", DnsFault.SERVFAIL); // now the nameserver fails
 * }
 * }</pre>
 *
 * <p><b>Semantics.</b> Responses carry the query's ID and question (as asked, case preserved), QR,
 * AA and RA set, RD and CD copied. A name with no records at all is NXDOMAIN unless it is an empty
 * non-terminal (a parent of a name that has records), which, like a name without the asked type, is
 * NODATA: NOERROR with an empty answer. Negative answers carry an SOA in the authority section
 * whose TTL and minimum are the current {@link #ttl(long) TTL}. A query with an EDNS OPT record
 * gets one back (version 0; other versions get BADVERS); without one, none. UDP answers larger than
 * 512 bytes, or than the size the client advertised in EDNS, are truncated at an RRset boundary
 * with TC set; TCP always carries the full answer, with RFC 1035 length framing and any number of
 * queries per connection.
 *
 * <p><b>Names</b> are case-insensitive and may be given with or without the trailing dot. Addresses
 * are IP literals: IPv4 becomes an A record, IPv6 an AAAA record; nothing is ever looked up.
 *
 * <p><b>Faults</b> are set per name and apply to queries whose question names it (whatever the
 * type), except {@link DnsFault#NXDOMAIN}, which also applies when a CNAME chain reaches the name.
 * A name has at most one fault, the last one set; a {@link #delay(String, Duration) delay} combines
 * with any. {@link #clearFaults()} clears them. {@link #cnameLoop}, {@link #cnameChain} and {@link
 * #rebinding} write records, not faults: {@link #remove(String)} or {@link #reset()} undo them.
 *
 * <p><b>Threads.</b> Every method is thread-safe and may be called while queries are in flight;
 * each change is visible to the next query received. Queries are answered on a small pool of daemon
 * threads, so a delayed or dropped name never stalls another.
 */
public final class DnsSandbox implements AutoCloseable {

  /** The TTL, in seconds, of records added before any call to {@link #ttl(long)}. */
  public static final long DEFAULT_TTL = 60;

  private static final Name TRAFFIC_MANAGER = Name.fromConstantString("trafficmanager.net.");
  private static final Name CLOUDAPP = Name.fromConstantString("cloudapp.azure.com.");

  private final RecordStore store = new RecordStore();
  private final Faults faults = new Faults();
  private final QueryCounters counters = new QueryCounters();
  private final DnsServer server;
  private volatile long ttl = DEFAULT_TTL;
  private volatile Responder.Behaviour behaviour = Responder.Behaviour.PLAIN;

  private DnsSandbox(int port) {
    this.server =
        DnsServer.start(new Responder(store, faults, counters, () -> ttl, () -> behaviour), port);
  }

  /**
   * Starts a sandbox on 127.0.0.1, on a random port free for both UDP and TCP. It holds no records
   * until a test adds some: every name is NXDOMAIN.
   *
   * @return the running sandbox; close it to stop both transports
   * @throws java.io.UncheckedIOException if no port can be bound
   */
  public static DnsSandbox start() {
    return new DnsSandbox(0);
  }

  /**
   * Starts a sandbox on 127.0.0.1 and this port, for UDP and TCP ({@code 0}: a random free one).
   *
   * @param port the port on {@code 127.0.0.1}, or 0 for a free one
   * @return the running sandbox; close it to stop both transports
   * @throws java.io.UncheckedIOException if the port is taken
   */
  public static DnsSandbox start(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    return new DnsSandbox(port);
  }

  /**
   * The address both transports listen on: 127.0.0.1 and {@link #port()}.
   *
   * @return the address
   */
  public InetSocketAddress address() {
    return server.address();
  }

  /**
   * The nameserver as {@code "127.0.0.1:PORT"}, the form {@code PrivateLinkResolver.builder()
   * .nameservers(...)} takes.
   *
   * @return the nameserver, for {@code nameservers(...)}
   */
  public String nameserver() {
    return "127.0.0.1:" + port();
  }

  /**
   * The port, the same for UDP and TCP.
   *
   * @return the port
   */
  public int port() {
    return server.port();
  }

  // ---------------------------------------------------------------- Azure scenarios

  /**
   * A private endpoint seen from a linked VNet: {@code host} is a CNAME to its privatelink alias,
   * which holds the addresses.
   *
   * <pre>
   * myfhir.azurehealthcareapis.com              CNAME  myfhir.privatelink.azurehealthcareapis.com
   * myfhir.privatelink.azurehealthcareapis.com  A      10.0.0.4
   * </pre>
   *
   * The alias is {@code {label}.privatelink.{zone}}: {@code x.azurehealthcareapis.com} maps to
   * {@code x.privatelink.azurehealthcareapis.com}, {@code x.fhir.azurehealthcareapis.com} to {@code
   * x.privatelink.fhir.azurehealthcareapis.com}, likewise for {@code dicom}, {@code workspace} and
   * the {@code azurehealthcareapis.us} cloud. Use {@link #privateEndpointVia} to pick another
   * alias. With no addresses, the alias does not exist (NXDOMAIN after the CNAME): a new service
   * whose A record was never created. Replaces whatever both names held before.
   *
   * @param host the service host, e.g. {@code myws-fhir.fhir.azurehealthcareapis.com}
   * @param ips the alias's IPv4 or IPv6 literals; none for an alias that does not exist
   * @return this sandbox
   * @throws IllegalArgumentException if {@code host} is not under a known Azure health zone, or an
   *     address is not an IP literal
   */
  public DnsSandbox privateEndpoint(String host, String... ips) {
    return privateEndpointVia(host, privateLinkAlias(host), ips);
  }

  /**
   * {@link #privateEndpoint} with the privatelink alias chosen by the test, for the zone variants
   * Microsoft's docs disagree on.
   *
   * <pre>{@code
   * dns.privateEndpointVia("ws-fhir.fhir.azurehealthcareapis.com",
   *     "ws-fhir.privatelink.azurehealthcareapis.com", "10.0.0.4");
   * }</pre>
   *
   * @param host the service host, e.g. {@code myws-fhir.fhir.azurehealthcareapis.com}
   * @param privateLinkName the privatelink alias {@code host} is a CNAME to
   * @param ips IPv4 or IPv6 literals
   * @return this sandbox
   */
  public DnsSandbox privateEndpointVia(String host, String privateLinkName, String... ips) {
    Name hostName = name(host);
    Name alias = name(privateLinkName);
    List<Record> records = new ArrayList<>();
    records.add(cnameRecord(hostName, alias));
    records.addAll(addressRecords(alias, ips));
    replace(List.of(hostName, alias), records);
    return this;
  }

  /**
   * A host whose privatelink zone is not linked to the caller's VNet: the chain falls through
   * Traffic Manager to public addresses.
   *
   * <pre>
   * myfhir.azurehealthcareapis.com              CNAME  myfhir.privatelink.azurehealthcareapis.com
   * myfhir.privatelink.azurehealthcareapis.com  CNAME  myfhir-1a2b3c4d.trafficmanager.net
   * myfhir-1a2b3c4d.trafficmanager.net          CNAME  myfhir-1a2b3c4d.cloudapp.azure.com
   * myfhir-1a2b3c4d.cloudapp.azure.com          A      52.1.2.3
   * </pre>
   *
   * The Traffic Manager label is the host's first label and a hash of the whole host, so two hosts
   * never share one. Replaces whatever the four names held before.
   *
   * @param host the service host, e.g. {@code myws-fhir.fhir.azurehealthcareapis.com}
   * @param publicIps the public IPv4 or IPv6 literals the chain ends in
   * @return this sandbox
   */
  public DnsSandbox unlinkedZone(String host, String... publicIps) {
    Name hostName = name(host);
    Name alias = name(privateLinkAlias(host));
    Name trafficManager = child(azureLabel(hostName), TRAFFIC_MANAGER);
    Name cloudapp = child(azureLabel(hostName), CLOUDAPP);
    List<Record> records = new ArrayList<>();
    records.add(cnameRecord(hostName, alias));
    records.add(cnameRecord(alias, trafficManager));
    records.add(cnameRecord(trafficManager, cloudapp));
    records.addAll(addressRecords(cloudapp, publicIps));
    replace(List.of(hostName, alias, trafficManager, cloudapp), records);
    return this;
  }

  /**
   * A host with no private link at all: a CNAME straight to a public cloud service.
   *
   * <pre>
   * myfhir.azurehealthcareapis.com      CNAME  myfhir-1a2b3c4d.cloudapp.azure.com
   * myfhir-1a2b3c4d.cloudapp.azure.com  A      52.1.2.3
   * </pre>
   *
   * Replaces whatever both names held before.
   *
   * @param host the service host, e.g. {@code myws-fhir.fhir.azurehealthcareapis.com}
   * @param ips IPv4 or IPv6 literals
   * @return this sandbox
   */
  public DnsSandbox publicOnly(String host, String... ips) {
    Name hostName = name(host);
    Name cloudapp = child(azureLabel(hostName), CLOUDAPP);
    List<Record> records = new ArrayList<>();
    records.add(cnameRecord(hostName, cloudapp));
    records.addAll(addressRecords(cloudapp, ips));
    replace(List.of(hostName, cloudapp), records);
    return this;
  }

  // ---------------------------------------------------------------- raw records

  /**
   * Adds A records. Adding to a name that already has A records extends its RRset, whose records
   * then share the lowest TTL (RFC 2181).
   *
   * <pre>{@code dns.a("api.internal.test", "10.1.0.5", "10.1.0.6");}</pre>
   *
   * @param name the name, any case, with or without the trailing dot
   * @param ips IPv4 literals, at least one
   * @return this sandbox
   * @throws IllegalArgumentException if no address is given or one is not an IPv4 literal
   */
  public DnsSandbox a(String name, String... ips) {
    return addresses(name, ips, Address.IPv4);
  }

  /**
   * Adds AAAA records; like {@link #a}, for IPv6 literals.
   *
   * @param name the name, any case, with or without the trailing dot
   * @param ips IPv6 literals, at least one
   * @return this sandbox
   */
  public DnsSandbox aaaa(String name, String... ips) {
    return addresses(name, ips, Address.IPv6);
  }

  /**
   * Sets the CNAME of {@code name} (replacing an earlier one: a name has at most one).
   *
   * @param name the name, any case, with or without the trailing dot
   * @param target the name {@code name} points to
   * @return this sandbox
   */
  public DnsSandbox cname(String name, String target) {
    store.add(cnameRecord(name(name), name(target)));
    return this;
  }

  /**
   * Adds any record as given, with its own TTL and class.
   *
   * <pre>{@code
   * dns.record(new TXTRecord(Name.fromString("x.test."), DClass.IN, 30, "hello"));
   * }</pre>
   *
   * @param record the record; its name must be absolute
   * @return this sandbox
   * @throws IllegalArgumentException if the record's name is relative
   */
  public DnsSandbox record(Record record) {
    Objects.requireNonNull(record, "record");
    if (!record.getName().isAbsolute()) {
      throw new IllegalArgumentException("relative record name: " + record.getName());
    }
    store.add(record);
    return this;
  }

  /**
   * The TTL, in seconds, of records added after this call (default {@value #DEFAULT_TTL}), and of
   * the SOA in negative answers. Records already added keep theirs.
   *
   * @param seconds the TTL in seconds, 0 to 2<sup>31</sup>-1
   * @return this sandbox
   * @throws IllegalArgumentException if {@code seconds} is negative or above 2<sup>31</sup>-1
   */
  public DnsSandbox ttl(long seconds) {
    if (seconds < 0 || seconds > TTL.MAX_VALUE) {
      throw new IllegalArgumentException("TTL out of range: " + seconds);
    }
    this.ttl = seconds;
    return this;
  }

  /**
   * Drops every record of {@code name}, so answers can change mid-test. Names below it keep theirs
   * (which keeps {@code name} an empty non-terminal: NODATA, not NXDOMAIN).
   *
   * @param name the name, any case, with or without the trailing dot
   * @return this sandbox
   */
  public DnsSandbox remove(String name) {
    store.remove(name(name));
    return this;
  }

  // ---------------------------------------------------------------- faults

  /**
   * Answers queries for {@code name} only after {@code delay}; other names are not held up. {@link
   * Duration#ZERO} removes the delay.
   *
   * @param name the name, any case, with or without the trailing dot
   * @param delay how long to hold each answer back
   * @return this sandbox
   */
  public DnsSandbox delay(String name, Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("negative delay: " + delay);
    }
    faults.delay(name(name), delay);
    return this;
  }

  /**
   * Plays a DNS64 resolver (RFC 6147): an AAAA query for a name that has A records but no AAAA
   * records (also at the end of a CNAME chain) gets AAAA records made of {@code prefix} (a {@code
   * /96}, e.g. {@code "64:ff9b::"}) and each IPv4 address. {@code null} turns it off.
   *
   * @param prefix the NAT64 prefix, or {@code null} to stop synthesizing
   * @return this sandbox
   * @throws IllegalArgumentException if {@code prefix} is not an IPv6 literal
   */
  public DnsSandbox dns64(String prefix) {
    byte[] bytes = null;
    if (prefix != null) {
      try {
        bytes = Address.getByAddress(prefix, Address.IPv6).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IPv6 prefix: " + prefix, e);
      }
    }
    behaviour = new Responder.Behaviour(bytes, behaviour.stripPrivateAddresses());
    return this;
  }

  /**
   * Plays a resolver with DNS-rebinding protection (Unbound {@code private-address}, dnsmasq {@code
   * stop-dns-rebind}): A and AAAA records in 10/8, 172.16/12, 192.168/16, 127/8, fc00::/7 and ::1
   * are removed from every answer; CNAMEs stay, so a chain into a privatelink zone ends with no
   * address.
   *
   * @param on {@code true} to strip private addresses from answers
   * @return this sandbox
   */
  public DnsSandbox rebindingProtection(boolean on) {
    behaviour = new Responder.Behaviour(behaviour.dns64Prefix(), on);
    return this;
  }

  /**
   * Makes {@code name} a CNAME loop: {@code name CNAME {label}-loop-b.{parent} CNAME name}. The
   * answer shows both CNAMEs once and stops. Records, not a fault: undo with {@link #remove}.
   *
   * @param name the name, any case, with or without the trailing dot
   * @return this sandbox
   */
  public DnsSandbox cnameLoop(String name) {
    Name start = name(name);
    Name other = sibling(start, "-loop-b");
    replace(List.of(start, other), List.of(cnameRecord(start, other), cnameRecord(other, start)));
    return this;
  }

  /**
   * Makes {@code name} the head of a chain of {@code length} CNAMEs ({@code name CNAME
   * {label}-chain-1.{parent} CNAME ... CNAME {label}-chain-{length}.{parent}}) ending in an
   * address, to test a client's limit on CNAME chains. The whole chain is in the answer (over UDP,
   * truncated with TC when it does not fit).
   *
   * @param name the name, any case, with or without the trailing dot
   * @param length the number of CNAMEs, at least 1
   * @param finalIp the address at the end of the chain
   * @return this sandbox
   * @throws IllegalArgumentException if {@code length} is below 1
   */
  public DnsSandbox cnameChain(String name, int length, String finalIp) {
    if (length < 1) {
      throw new IllegalArgumentException("a chain needs at least one CNAME: " + length);
    }
    Name start = name(name);
    List<Name> names = new ArrayList<>();
    List<Record> records = new ArrayList<>();
    Name current = start;
    names.add(start);
    for (int i = 1; i <= length; i++) {
      Name next = sibling(start, "-chain-" + i);
      names.add(next);
      records.add(cnameRecord(current, next));
      current = next;
    }
    records.add(addressRecord(current, finalIp, ttl));
    replace(names, records);
    return this;
  }

  /**
   * DNS rebinding: {@code name}'s address flips on every query of its type (A for IPv4, AAAA for
   * IPv6), {@code firstIp} first, with TTL 0, whether {@code name} is asked directly or reached
   * through a CNAME. Queries of the other type do not flip it. Takes precedence over static records
   * of that type at {@code name} until {@link #remove} or {@link #reset}.
   *
   * @param name the name, any case, with or without the trailing dot
   * @param firstIp the address of the first answer, and of every odd one
   * @param secondIp the address of the second answer, and of every even one
   * @return this sandbox
   * @throws IllegalArgumentException if the two addresses are not of the same family
   */
  public DnsSandbox rebinding(String name, String firstIp, String secondIp) {
    Name owner = name(name);
    Record first = addressRecord(owner, firstIp, 0);
    Record second = addressRecord(owner, secondIp, 0);
    if (first.getType() != second.getType()) {
      throw new IllegalArgumentException(
          "rebinding needs two addresses of one family: " + firstIp + ", " + secondIp);
    }
    store.rebinding(owner, first, second);
    return this;
  }

  /**
   * {@link #privateEndpoint} whose privatelink alias rebinds: the first A query answers {@code
   * privateIp}, the next {@code publicIp}, and so on, TTL 0; the CNAME keeps the current TTL. The
   * attack a resolver that checks once and connects later falls for.
   *
   * @param host the service host, e.g. {@code myws-fhir.fhir.azurehealthcareapis.com}
   * @param privateIp the private address of the first answer
   * @param publicIp the public address of the second answer
   * @return this sandbox
   */
  public DnsSandbox rebindingPrivateEndpoint(String host, String privateIp, String publicIp) {
    String alias = privateLinkAlias(host);
    store.atomically(
        () -> {
          privateEndpointVia(host, alias);
          rebinding(alias, privateIp, publicIp);
        });
    return this;
  }

  /**
   * Makes the sandbox misbehave for {@code name}: every query for it, whatever its type, gets
   * {@code fault} (see {@link DnsFault} for each), until {@link #clearFaults()} or another fault
   * for the name.
   *
   * @param name the name, any case, with or without the trailing dot
   * @param fault what queries for it get
   * @return this sandbox
   */
  public DnsSandbox fault(String name, DnsFault fault) {
    faults.set(name(name), Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /**
   * Makes the sandbox misbehave for queries of one {@code type} ({@code org.xbill.DNS.Type.AAAA},
   * ...) for {@code name}; other types answer normally: the middlebox that drops AAAA queries
   * ({@link DnsFault#DROP}), the forwarder that refuses them ({@link DnsFault#REFUSED}).
   *
   * @param name the name, any case, with or without the trailing dot
   * @param type the query type, an {@code org.xbill.DNS.Type} constant
   * @param fault what queries of that type get
   * @return this sandbox
   */
  public DnsSandbox fault(String name, int type, DnsFault fault) {
    faults.set(name(name), type, Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /**
   * Removes every fault and delay; records stay.
   *
   * @return this sandbox
   */
  public DnsSandbox clearFaults() {
    faults.clear();
    return this;
  }

  // ---------------------------------------------------------------- counters

  /**
   * Queries received for exactly {@code name} and {@code type} ({@code org.xbill.DNS.Type.A}, ...),
   * over both transports, including dropped and faulted ones. Names reached through a CNAME are not
   * counted: only the question is.
   *
   * @param name the name, any case, with or without the trailing dot
   * @param type the query type, an {@code org.xbill.DNS.Type} constant
   * @return the count since the sandbox started
   */
  public int queries(String name, int type) {
    return counters.of(name(name), type);
  }

  /**
   * Queries received for exactly {@code name}, any type, over both transports.
   *
   * @param name the name, any case, with or without the trailing dot
   * @return the count since the sandbox started
   */
  public int queries(String name) {
    return counters.of(name(name));
  }

  /**
   * Queries received over UDP, all names.
   *
   * @return the count since the sandbox started
   */
  public int udpQueries() {
    return counters.udp();
  }

  /**
   * Queries received over TCP, all names.
   *
   * @return the count since the sandbox started
   */
  public int tcpQueries() {
    return counters.tcp();
  }

  /** Sets every query counter back to zero. */
  public void resetCounters() {
    counters.reset();
  }

  /**
   * Clears records, faults and counters, and sets the TTL back to {@value #DEFAULT_TTL}: the state
   * of a fresh sandbox, on the same port. With {@link PrivateLinkSandbox}, call it from
   * {@code @BeforeEach} when tests must not see each other's records.
   */
  public void reset() {
    store.clear();
    faults.clear();
    counters.reset();
    ttl = DEFAULT_TTL;
    behaviour = Responder.Behaviour.PLAIN;
  }

  /**
   * Stops both listeners and waits briefly for their threads; the port is free afterwards.
   * Idempotent.
   */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "DnsSandbox[" + nameserver() + "]";
  }

  // ---------------------------------------------------------------- internals

  /**
   * The privatelink alias Azure puts behind {@code host}: {@code {label}.privatelink.{zone}}, where
   * zone is the Azure health zone the host sits in.
   */
  private static String privateLinkAlias(String host) {
    return ZoneTable.privateLinkAlias(host)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "not an Azure health host (x.azurehealthcareapis.com,"
                        + " x.fhir.azurehealthcareapis.com, ...): "
                        + host
                        + "; use privateEndpointVia to name the privatelink alias"));
  }

  /** {@code {first label of host}-{crc32 of host}}: unique per host, readable in a chain. */
  private static String azureLabel(Name host) {
    String canonical = host.toString(true).toLowerCase(Locale.ROOT);
    CRC32 crc = new CRC32();
    crc.update(canonical.getBytes(StandardCharsets.UTF_8));
    String first = host.getLabelString(0);
    first = first.length() > 54 ? first.substring(0, 54) : first;
    return String.format(Locale.ROOT, "%s-%08x", first, crc.getValue());
  }

  private DnsSandbox addresses(String name, String[] ips, int family) {
    if (ips == null || ips.length == 0) {
      throw new IllegalArgumentException("no address given for " + name);
    }
    Name owner = name(name);
    List<Record> records = new ArrayList<>();
    for (String ip : ips) {
      Record record = addressRecord(owner, ip, ttl);
      if ((family == Address.IPv4) != (record instanceof ARecord)) {
        throw new IllegalArgumentException(
            "not an " + (family == Address.IPv4 ? "IPv4" : "IPv6") + " address: " + ip);
      }
      records.add(record);
    }
    store.atomically(() -> records.forEach(store::add));
    return this;
  }

  private void replace(List<Name> names, List<Record> records) {
    store.atomically(
        () -> {
          names.forEach(store::remove);
          records.forEach(store::add);
        });
  }

  private List<Record> addressRecords(Name owner, String... ips) {
    List<Record> records = new ArrayList<>();
    for (String ip : ips) {
      records.add(addressRecord(owner, ip, ttl));
    }
    return records;
  }

  private static Record addressRecord(Name owner, String ip, long ttl) {
    Objects.requireNonNull(ip, "ip");
    byte[] v4 = Address.toByteArray(ip, Address.IPv4);
    try {
      if (v4 != null) {
        return new ARecord(owner, DClass.IN, ttl, InetAddress.getByAddress(v4));
      }
    } catch (UnknownHostException e) {
      throw new AssertionError(e); // four bytes are always an address
    }
    byte[] v6 = Address.toByteArray(ip, Address.IPv6);
    if (v6 == null) {
      throw new IllegalArgumentException("not an IP address literal: " + ip);
    }
    return new AAAARecord(owner, DClass.IN, ttl, v6); // bytes kept as given, ::ffff:a.b.c.d too
  }

  private CNAMERecord cnameRecord(Name owner, Name target) {
    return new CNAMERecord(owner, DClass.IN, ttl, target);
  }

  private static Name name(String name) {
    Objects.requireNonNull(name, "name");
    try {
      return Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + name, e);
    }
  }

  private static Name child(String label, Name parent) {
    try {
      return Name.concatenate(Name.fromString(label), parent); // label is relative here
    } catch (TextParseException | NameTooLongException e) {
      throw new IllegalArgumentException("not a valid name: " + label + "." + parent, e);
    }
  }

  private static Name sibling(Name name, String suffix) {
    Name parent = name.labels() > 1 ? new Name(name, 1) : Name.root;
    return child(name.getLabelString(0) + suffix, parent);
  }
}
