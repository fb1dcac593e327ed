package io.privatelink.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.PrivateLinkResolver.ZoneRequirement;
import io.privatelink.core.Resolution;
import io.privatelink.core.Verdict;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes DNS response handling: a loopback nameserver answers every query (UDP and TCP) with bytes
 * the fuzzer chooses, and {@link PrivateLinkResolver#resolve} must throw nothing but {@link
 * PrivateLinkException}, return within its timeout, and never say {@link Verdict#PRIVATE} unless
 * every address is the one the test policy allows (127.0.0.1).
 *
 * <p>In CI (regression mode) it replays the seeds under {@code
 * src/test/resources/io/privatelink/core/fuzz/DnsResponseFuzzTestInputs/}. Input layout: byte 0
 * picks the host, byte 1 whether a privatelink zone is required, byte 2 the mode (0: the rest is
 * the raw reply; 1: the same under the query's ID; 2: a well-formed reply whose flags, rcode and
 * records the rest chooses).
 *
 * <p>When fuzzing, disable Jazzer's SSRF hook for this target (docs/FUZZING.md): its allowance is
 * per thread, and dnsjava connects from its own selector thread to our nameserver.
 */
class DnsResponseFuzzTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final InetAddress ALLOWED = FuzzReplies.address(127, 0, 0, 1);
  private static final String[] HOSTS = {
    "fuzz.example", "myfhir.azurehealthcareapis.com", "ws-fhir.fhir.azurehealthcareapis.com"
  };

  private static FuzzNameserver nameserver;
  private static PrivateLinkResolver resolver;
  private static PrivateLinkResolver zoneResolver;

  @BeforeAll
  static void startNameserver() throws IOException {
    nameserver = new FuzzNameserver();
    NetworkPolicy policy = NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build();
    PrivateLinkResolver.Builder builder =
        PrivateLinkResolver.builder()
            .nameservers("127.0.0.1:" + nameserver.port())
            .timeout(TIMEOUT)
            .retries(0)
            .policy(policy)
            .noCache();
    resolver = builder.requirePrivateLinkZone(ZoneRequirement.FOR_NO_HOST).build();
    zoneResolver =
        PrivateLinkResolver.builder()
            .nameservers("127.0.0.1:" + nameserver.port())
            .timeout(TIMEOUT)
            .retries(0)
            .policy(policy)
            .noCache()
            .build();
  }

  @AfterAll
  static void stopNameserver() {
    nameserver.close();
  }

  @FuzzTest(maxDuration = "5m") // fuzzing mode only; CI replays the seeds in well under a second
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void anyResponseIsRefusedOrPrivateWithOnlyAllowedAddresses(byte[] data) {
    // Byte 0: which host; byte 1: zone required; byte 2: mode; the rest: the reply.
    FuzzReplies.Bytes head = new FuzzReplies.Bytes(data);
    String host = HOSTS[(head.next() & 0xFF) % HOSTS.length];
    boolean requireZone = head.bit();
    int mode = (head.next() & 0xFF) % 3;
    byte[] bytes = data.length > 3 ? Arrays.copyOfRange(data, 3, data.length) : new byte[0];
    nameserver.answerWith(query -> FuzzReplies.reply(mode, query, bytes));

    long start = System.nanoTime();
    Resolution resolution = null;
    try {
      resolution = (requireZone ? zoneResolver : resolver).resolve(host);
    } catch (PrivateLinkException refused) {
      assertNotEquals(Verdict.PRIVATE, refused.verdict());
      assertNotEquals(Verdict.REJECTED_INPUT, refused.verdict());
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 5_000, () -> "resolve took " + millis + " ms");
    if (resolution != null) {
      assertEquals(Verdict.PRIVATE, resolution.verdict());
      assertTrue(!resolution.addresses().isEmpty(), resolution::toString);
      for (Resolution.Address a : resolution.addresses()) {
        assertEquals(ALLOWED, normalized(a.address()), resolution::toString);
      }
    }
  }

  /** IPv4-mapped IPv6 as the IPv4 address it maps (the policy judges it so). */
  private static InetAddress normalized(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length == 16) {
      boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped) {
        return FuzzReplies.address(b[12], b[13], b[14], b[15]);
      }
    }
    return a;
  }

  /** A loopback nameserver, UDP and TCP on one port, whose every answer a function computes. */
  static final class FuzzNameserver implements AutoCloseable {
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private volatile Function<byte[], byte[]> answer = query -> new byte[0];

    FuzzNameserver() throws IOException {
      ServerSocket server = null;
      DatagramSocket datagram = null;
      for (int attempt = 0; attempt < 20 && datagram == null; attempt++) {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try {
          datagram = new DatagramSocket(new InetSocketAddress(ALLOWED, server.getLocalPort()));
        } catch (SocketException portTaken) {
          server.close();
        }
      }
      if (datagram == null) {
        throw new IOException("no free port for both UDP and TCP on 127.0.0.1");
      }
      this.udp = datagram;
      this.tcp = server;
      daemon("fuzz-dns-udp", this::serveUdp);
      daemon("fuzz-dns-tcp", this::serveTcp);
    }

    int port() {
      return tcp.getLocalPort();
    }

    void answerWith(Function<byte[], byte[]> answer) {
      this.answer = answer;
    }

    private void serveUdp() {
      byte[] buffer = new byte[65535];
      while (!udp.isClosed()) {
        try {
          DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
          udp.receive(packet);
          byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
          byte[] out = answer.apply(query);
          udp.send(new DatagramPacket(out, Math.min(out.length, 65507), packet.getSocketAddress()));
        } catch (IOException | RuntimeException e) {
          // closed, or a reply the network refuses: the client times out, which is a valid case
        }
      }
    }

    private void serveTcp() {
      while (!tcp.isClosed()) {
        try (Socket socket = tcp.accept()) {
          socket.setSoTimeout(1_000);
          DataInputStream in = new DataInputStream(socket.getInputStream());
          byte[] query = new byte[in.readUnsignedShort()];
          in.readFully(query);
          byte[] out = answer.apply(query);
          DataOutputStream o = new DataOutputStream(socket.getOutputStream());
          int length = Math.min(out.length, 65535);
          o.writeShort(length);
          o.write(out, 0, length);
          o.flush();
        } catch (IOException | RuntimeException e) {
          // as above
        }
      }
    }

    private static void daemon(String name, Runnable body) {
      Thread thread = new Thread(body, name);
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() {
      udp.close();
      try {
        tcp.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }
}
