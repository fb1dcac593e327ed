package io.privatelink.core;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pacer against a real HTTP/1.1 server on 127.0.0.1: guarded calls arm it, an idle pacer stops,
 * Okio's watchdog wakes per period instead of per read and write, and socket timeouts still fire on
 * time. Wake-ups are the watchdog thread's context switches as Linux counts them ({@code
 * /proc/self/task}); those tests are skipped where there is no such file.
 */
class WatchdogPacerTest {

  private static final int CALLS = 200;
  private static final String HANGS = "/hangs";

  private static final ExecutorService SERVER = Executors.newCachedThreadPool();
  private static ServerSocket socket;
  private static OkHttpClient guarded;
  private static OkHttpClient plain;

  @BeforeAll
  static void start() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    SERVER.execute(WatchdogPacerTest::accept);
    plain = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
    PrivateLinkResolver resolver =
        PrivateLinkResolver.builder()
            .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
            .build();
    guarded = GuardedHttpClient.builder().resolver(resolver).from(plain).build();
  }

  @AfterAll
  static void stop() throws IOException {
    socket.close();
    SERVER.shutdownNow();
  }

  @Test
  void aGuardedCallArmsThePacerAndAnIdlePacerStops() throws Exception {
    call(guarded, "/ok");
    assertTrue(WatchdogPacer.isArmed(), "armed by a guarded call");

    assertTrue(awaitDisarmed(), "an idle pacer stops within two periods");
  }

  @Test
  void theWatchdogWakesPerPeriodNotPerReadAndWrite() throws Exception {
    call(plain, "/ok"); // the watchdog thread exists from here on
    assumeTrue(watchdogSwitches() >= 0, "Linux /proc/self/task");
    assertTrue(awaitDisarmed());

    long before = watchdogSwitches();
    for (int i = 0; i < CALLS; i++) {
      call(plain, "/ok"); // an unguarded client with the pacer stopped: Okio as it is
    }
    long unpaced = watchdogSwitches() - before;

    call(guarded, "/ok");
    before = watchdogSwitches();
    long started = System.nanoTime();
    for (int i = 0; i < CALLS; i++) {
      call(guarded, "/ok");
    }
    long periods = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / 1000 + 1;
    long paced = watchdogSwitches() - before;

    // Unpaced, a call's timeouts wake the watchdog unless it is still awake from the last call's:
    // 170 to 381 wake-ups for 200 calls on 2 cores. Half that keeps the baseline far above the
    // paced bound below, so a pacer that stopped working cannot pass.
    assertTrue(
        unpaced >= CALLS / 2,
        "without the pacer the watchdog wakes about once per call: " + unpaced);
    assertTrue(
        paced <= 2 * periods + 2,
        "paced: " + paced + " wake-ups over " + periods + " periods (" + unpaced + " unpaced)");
  }

  @Test
  void aReadTimeoutShorterThanThePeriodStillFires() throws Exception {
    call(guarded, "/ok");
    assertTrue(WatchdogPacer.isArmed());
    OkHttpClient impatient =
        guarded
            .newBuilder()
            .readTimeout(Duration.ofMillis(WatchdogPacer.PERIOD_MILLIS / 5))
            .build();

    assertThrows(SocketTimeoutException.class, () -> call(impatient, HANGS));
  }

  private static void call(OkHttpClient client, String path) throws IOException {
    Request request =
        new Request.Builder().url("http://127.0.0.1:" + socket.getLocalPort() + path).build();
    try (Response response = client.newCall(request).execute()) {
      assertEquals("ok", response.body().string());
    }
  }

  /** Polls the pacer's own state: it stops within two periods of the last call. */
  private static boolean awaitDisarmed() throws InterruptedException {
    long deadline =
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5 * WatchdogPacer.PERIOD_MILLIS);
    while (WatchdogPacer.isArmed()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** The Okio watchdog thread's context switches so far, or -1 if it cannot be read. */
  private static long watchdogSwitches() {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return -1;
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      return threads
          .filter(t -> "Okio Watchdog".equals(read(t.resolve("comm")).strip()))
          .mapToLong(WatchdogPacerTest::switches)
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long switches(Path thread) {
    return read(thread.resolve("status"))
        .lines()
        .filter(line -> line.contains("ctxt_switches:"))
        .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip()))
        .sum();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, US_ASCII);
    } catch (IOException e) {
      return ""; // the thread ended between listing and reading
    }
  }

  private static void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        SERVER.execute(() -> serve(connection));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** HTTP/1.1 keep-alive: answers "ok" to every GET, and never answers {@link #HANGS}. */
  private static void serve(Socket connection) {
    try (connection;
        BufferedReader in =
            new BufferedReader(new InputStreamReader(connection.getInputStream(), US_ASCII))) {
      OutputStream out = connection.getOutputStream();
      String requestLine;
      while ((requestLine = in.readLine()) != null) {
        for (String header = in.readLine(); header != null && !header.isEmpty(); ) {
          header = in.readLine();
        }
        if (requestLine.contains(HANGS)) {
          in.read(); // until the client gives up and closes
          return;
        }
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(US_ASCII));
        out.flush();
      }
    } catch (IOException e) {
      // the client closed the connection
    }
  }
}
