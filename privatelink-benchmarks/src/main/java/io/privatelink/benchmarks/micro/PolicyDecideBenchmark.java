package io.privatelink.benchmarks.micro;

import io.privatelink.benchmarks.BenchHosts;
import io.privatelink.core.NetworkPolicy;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * {@link NetworkPolicy#decide} with the default policy: the check every resolved address and every
 * {@code connect()} pays. Target: at most 50 ns.
 */
public class PolicyDecideBenchmark extends MicroBenchmark {
  // Not final, as JMH advises, so the JIT cannot fold them into constants.
  private NetworkPolicy policy = NetworkPolicy.defaults();
  private InetAddress v4 = BenchHosts.literal("10.1.2.3");
  private InetAddress v4Public = BenchHosts.literal("52.1.2.3");
  private InetAddress v6 = BenchHosts.literal("fd12:3456:789a::4");
  private InetAddress mapped = ipv4Mapped(10, 1, 2, 3);

  /**
   * {@code ::ffff:a.b.c.d} as an {@link Inet6Address}: {@code InetAddress.getByName} would turn it
   * into an {@code Inet4Address}, but a socket can still hand the guard the IPv6 form.
   */
  private static InetAddress ipv4Mapped(int a, int b, int c, int d) {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    bytes[12] = (byte) a;
    bytes[13] = (byte) b;
    bytes[14] = (byte) c;
    bytes[15] = (byte) d;
    try {
      return Inet6Address.getByAddress(null, bytes, -1);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e); // 16 bytes are always an IPv6 address
    }
  }

  @Benchmark
  public NetworkPolicy.Decision v4Private() {
    return policy.decide(v4);
  }

  @Benchmark
  public NetworkPolicy.Decision v4Public() {
    return policy.decide(v4Public);
  }

  @Benchmark
  public NetworkPolicy.Decision v6UniqueLocal() {
    return policy.decide(v6);
  }

  @Benchmark
  public NetworkPolicy.Decision v4MappedV6() {
    return policy.decide(mapped);
  }
}
