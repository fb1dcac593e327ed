package io.privatelink.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Runs one operation in a closed loop on N threads (each starts its next call when the last one
 * returns) for a fixed time, recording each call's latency. Bounded: every thread stops at the
 * deadline or after {@link #MAX_CALLS_PER_THREAD} calls, whichever comes first.
 */
public final class ClosedLoop {
  static final int MAX_CALLS_PER_THREAD = 2_000_000;

  /** One call; throws to abort the run. */
  @FunctionalInterface
  public interface Call {
    void run() throws Exception;
  }

  private ClosedLoop() {}

  /** Runs {@code call} on {@code threads} threads for {@code duration}. */
  public static RunStats run(Call call, int threads, Duration duration)
      throws InterruptedException {
    long[][] latencies = new long[threads][];
    int[] counts = new int[threads];
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    long[] window = new long[2];
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread worker =
          new Thread(
              () -> {
                long[] mine = new long[4096];
                int n = 0;
                ready.countDown();
                try {
                  go.await();
                  long deadline = window[1];
                  while (n < MAX_CALLS_PER_THREAD && failure.get() == null) {
                    long start = System.nanoTime();
                    if (start - deadline >= 0) {
                      break;
                    }
                    call.run();
                    if (n == mine.length) {
                      mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - start;
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
                latencies[id] = mine;
                counts[id] = n;
              },
              "closed-loop-" + t);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    ready.await();
    window[0] = System.nanoTime();
    window[1] = window[0] + duration.toNanos();
    go.countDown();
    for (Thread worker : workers) {
      worker.join(duration.toMillis() + TimeUnit.SECONDS.toMillis(60));
      if (worker.isAlive()) {
        throw new IllegalStateException(
            worker.getName() + " did not stop within 60 s of its deadline");
      }
    }
    double seconds = (System.nanoTime() - window[0]) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("a call failed: " + failure.get(), failure.get());
    }
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(latencies[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    return RunStats.of(all, total, seconds);
  }
}
