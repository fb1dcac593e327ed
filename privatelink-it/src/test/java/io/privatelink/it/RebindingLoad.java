package io.privatelink.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many threads call a host whose DNS answer flips between the private endpoint and the public side
 * on every query, all at once: every call must either reach the private endpoint or be refused as
 * {@link Verdict#PUBLIC_ADDRESS}, and both must happen (so the race was really run).
 */
public final class RebindingLoad {

  /** One request through the client under test, answering the body it got. */
  @FunctionalInterface
  public interface Call {
    String body() throws IOException;
  }

  private RebindingLoad() {}

  /**
   * Runs {@code call} {@code perThread} times on each of {@code threads} threads released together
   * and asserts every outcome was the body {@code "private"} or a {@code PUBLIC_ADDRESS} refusal.
   */
  public static void assertNeverReachesThePublicSide(int threads, int perThread, Call call)
      throws Exception {
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    try {
                      String body = call.body();
                      if (body.equals("private")) {
                        ok.incrementAndGet();
                      } else {
                        unexpected.add(new AssertionError("unexpected body " + body));
                      }
                    } catch (IOException e) {
                      PrivateLinkException p = PrivateLinkException.find(e).orElse(null);
                      if (p != null && p.verdict() == Verdict.PUBLIC_ADDRESS) {
                        refused.incrementAndGet();
                      } else {
                        unexpected.add(e);
                      }
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertTrue(
        unexpected.isEmpty(),
        () -> "unexpected outcomes: " + unexpected.subList(0, Math.min(3, unexpected.size())));
    assertEquals(threads * perThread, ok.get() + refused.get());
    assertTrue(ok.get() > 0, "some requests reached the private endpoint");
    assertTrue(refused.get() > 0, "some answers pointed at the public side and were refused");
  }
}
