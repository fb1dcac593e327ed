package io.privatelink.benchmarks.micro;

import io.privatelink.benchmarks.BenchHosts;
import io.privatelink.benchmarks.RawDnsPair;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.PrivateLinkZones;
import io.privatelink.core.Resolution;
import io.privatelink.testkit.DnsSandbox;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full verification with the cache off (A and AAAA over UDP to {@link DnsSandbox}, CNAME chain,
 * zone check, policy) against the least any client does: the same two queries to the same server,
 * sent together and both awaited. Target: {@code verifyNoCache} at most 1.1x {@code rawQueryPair}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ColdVerificationBenchmark {
  private DnsSandbox sandbox;
  private PrivateLinkResolver resolver;
  private RawDnsPair raw;
  private RawDnsPair rawAlias;

  @Setup
  public void setUp() {
    sandbox = DnsSandbox.start();
    sandbox.privateEndpoint(BenchHosts.PRIVATE_HOST, BenchHosts.PRIVATE_ENDPOINT);
    resolver =
        PrivateLinkResolver.builder()
            .nameservers(sandbox.nameserver())
            .policy(BenchHosts.loopbackPolicy())
            .noCache()
            .build();
    raw = new RawDnsPair(sandbox.address(), BenchHosts.PRIVATE_HOST);
    rawAlias =
        new RawDnsPair(
            sandbox.address(),
            PrivateLinkZones.defaults().privateLinkAlias(BenchHosts.PRIVATE_HOST).orElseThrow());
  }

  @TearDown
  public void tearDown() {
    sandbox.close();
  }

  @Benchmark
  public Resolution verifyNoCache() throws PrivateLinkException {
    return resolver.resolve(BenchHosts.PRIVATE_HOST);
  }

  @Benchmark
  public int rawQueryPair() throws ExecutionException, InterruptedException, TimeoutException {
    return raw.query();
  }

  /**
   * The raw pair plus the AAAA query for the privatelink alias that dnsjava's {@code LookupSession}
   * sends after the first AAAA answer: the query pattern of a verification with none of its
   * processing, to split the ratio into protocol and library cost.
   */
  @Benchmark
  public int rawQueryPatternOfVerification()
      throws ExecutionException, InterruptedException, TimeoutException {
    return raw.query() + rawAlias.queryAaaa();
  }
}
