package io.privatelink.benchmarks.micro;

import io.privatelink.core.NetworkPolicy;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link NetworkPolicy#decide} with the default policy: the check every resolved address and every
 * {@code connect()} pays. Target: at most 50 ns.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PolicyDecideBenchmark {
  private NetworkPolicy policy;
  private InetAddress v4;
  private InetAddress v4Public;
  private InetAddress v6;
  private InetAddress mapped;

  @Setup
  public void setUp() throws UnknownHostException {
    policy = NetworkPolicy.defaults();
    v4 = InetAddress.getByName("10.1.2.3");
    v4Public = InetAddress.getByName("52.1.2.3");
    v6 = InetAddress.getByName("fd12:3456:789a::4");
    // InetAddress.getByName would turn ::ffff:10.1.2.3 into an Inet4Address; a socket can still
    // hand the guard the IPv6 form, so build it explicitly.
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    b[12] = 10;
    b[13] = 1;
    b[14] = 2;
    b[15] = 3;
    mapped = Inet6Address.getByAddress(null, b, -1);
    if (!(mapped instanceof Inet6Address)) {
      throw new IllegalStateException("expected an Inet6Address, got " + mapped.getClass());
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
