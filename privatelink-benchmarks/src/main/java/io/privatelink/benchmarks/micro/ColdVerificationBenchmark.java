package io.privatelink.benchmarks.micro;

import io.privatelink.benchmarks.BenchHosts;
import io.privatelink.benchmarks.RawDnsPair;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Resolution;
import io.privatelink.testkit.DnsSandbox;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full verification with the cache off (A and AAAA over UDP to {@link DnsSandbox}, CNAME chain,
 * zone check, policy) against the least any client does: the same two queries to the same server,
 * sent together and both awaited. Target: {@code verifyNoCache} at most 1.1x {@code rawQueryPair}.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The network path (NIO, dnsjava parsing) takes ~10 s to reach steady state; 3 s gave ratios near
// 2.
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 8, time = 1)
public class ColdVerificationBenchmark extends MicroBenchmark {
  private DnsSandbox sandbox;
  private PrivateLinkResolver resolver;
  private RawDnsPair raw;

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
}
