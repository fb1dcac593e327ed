package io.privatelink.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A DNS server process the test started on a loopback port, with its files in a temp directory.
 * Closing it kills the process. Nothing it runs listens anywhere but 127.0.0.1.
 */
final class ServerProcess implements AutoCloseable {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  /** Starts {@code command} in {@code dir}, its output to {@code dir/NAME.log}. */
  private ServerProcess(String name, List<String> command, Path dir, int port) {
    this.name = name;
    this.port = port;
    this.log = dir.resolve(name + ".log");
    try {
      this.process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** A port free for both UDP and TCP on 127.0.0.1, right now. */
  @SuppressWarnings("try") // binding the UDP socket is the probe; the body never uses it
  static int freePort() {
    for (int i = 0; i < 20; i++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, LOOPBACK)) {
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
          return port;
        } catch (IOException busy) {
          // taken for UDP: try another
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no port free for both UDP and TCP on 127.0.0.1");
  }

  /**
   * Starts {@code command} (output to {@code dir/NAME.log}) and waits until the server answers an
   * SOA query for {@code probe} on {@code port}, at most 10 s.
   */
  static ServerProcess start(String name, List<String> command, Path dir, int port, String probe) {
    ServerProcess server = new ServerProcess(name, command, dir, port);
    server.awaitReady(probe);
    return server;
  }

  /**
   * Writes {@code conf} to {@code dir/confName} and starts {@code binary -d -c dir/confName}, the
   * form NSD and Unbound (both NLnet Labs) share for running in the foreground on a given
   * configuration; ready once it answers for {@code azurehealthcareapis.com}.
   */
  static ServerProcess startConfigured(
      String name, Path binary, Path dir, String confName, CharSequence conf, int port)
      throws IOException {
    Path confFile = dir.resolve(confName);
    Files.writeString(confFile, conf);
    return start(
        name,
        List.of(binary.toString(), "-d", "-c", confFile.toString()),
        dir,
        port,
        "azurehealthcareapis.com");
  }

  private void awaitReady(String probe) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(LOOPBACK, port));
    resolver.setTimeout(Duration.ofMillis(200));
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        close();
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + ": " + logText());
      }
      try {
        Message query =
            Message.newQuery(Record.newRecord(Name.fromString(probe + "."), Type.SOA, 1));
        resolver.send(query);
        return;
      } catch (IOException notYet) {
        sleep();
      }
    }
    close();
    throw new IllegalStateException(name + " did not answer within 10 s: " + logText());
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** {@code "127.0.0.1:PORT"}, the form the resolver builder takes. */
  String nameserver() {
    return "127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    // NSD forks its server processes and dnsmasq a child per TCP connection: end them too.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " on " + nameserver();
  }
}
