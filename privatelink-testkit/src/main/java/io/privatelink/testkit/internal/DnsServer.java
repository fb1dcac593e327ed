package io.privatelink.testkit.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport: one UDP socket and one TCP listener on 127.0.0.1, same port. The receive loops
 * only read; every query is answered on a small worker pool, delayed replies are scheduled there,
 * so a slow or dropped name never holds up another. TCP uses RFC 1035 two-byte length framing, any
 * number of queries per connection, pipelined queries answered as they are ready (RFC 7766 allows
 * out of order; clients match by ID).
 */
public final class DnsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
  private static final InetAddress LOOPBACK = loopback();
  private static final int BIND_ATTEMPTS = 50;
  private static final int WORKERS = 4;
  private static final long JOIN_MILLIS = 2_000;

  private final Responder responder;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final ScheduledThreadPoolExecutor workers;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final Set<Thread> connectionThreads = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread udpLoop;
  private final Thread acceptLoop;
  private final int port;

  private DnsServer(Responder responder, DatagramSocket udp, ServerSocket tcp) {
    this.responder = responder;
    this.udp = udp;
    this.tcp = tcp;
    this.port = udp.getLocalPort();
    this.workers =
        new ScheduledThreadPoolExecutor(WORKERS, daemon("dns-sandbox-" + port + "-worker-"));
    this.workers.setRemoveOnCancelPolicy(true);
    this.udpLoop = daemon("dns-sandbox-" + port + "-udp").newThread(this::receiveUdp);
    this.acceptLoop = daemon("dns-sandbox-" + port + "-tcp").newThread(this::acceptTcp);
    udpLoop.start();
    acceptLoop.start();
  }

  /**
   * Binds UDP to a random loopback port, then TCP to the same port; if that TCP port is taken,
   * tries another UDP port.
   *
   * @throws UncheckedIOException if no port free on both transports is found
   */
  public static DnsServer start(Responder responder) {
    return start(responder, 0);
  }

  /**
   * Like {@link #start(Responder)} on a fixed port ({@code 0}: a free one), tried once when fixed.
   */
  public static DnsServer start(Responder responder, int fixedPort) {
    IOException last = null;
    int attempts = fixedPort == 0 ? BIND_ATTEMPTS : 1;
    for (int attempt = 0; attempt < attempts; attempt++) {
      DatagramSocket udp = null;
      try {
        udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, fixedPort));
        ServerSocket tcp = new ServerSocket();
        try {
          tcp.bind(new InetSocketAddress(LOOPBACK, udp.getLocalPort()), 128);
        } catch (IOException e) {
          tcp.close();
          throw e;
        }
        return new DnsServer(responder, udp, tcp);
      } catch (BindException e) {
        last = e;
        if (udp != null) {
          udp.close();
        }
      } catch (IOException e) {
        if (udp != null) {
          udp.close();
        }
        throw new UncheckedIOException("cannot open the DNS sandbox on 127.0.0.1", e);
      }
    }
    throw new UncheckedIOException(
        fixedPort == 0
            ? "no port free for both UDP and TCP on 127.0.0.1 after " + BIND_ATTEMPTS + " attempts"
            : "port " + fixedPort + " on 127.0.0.1 is taken (UDP or TCP)",
        last);
  }

  /** The port both transports listen on. */
  public int port() {
    return port; // a closed socket forgets its port; callers still want to know it
  }

  /** The loopback address and port. */
  public InetSocketAddress address() {
    return new InetSocketAddress(LOOPBACK, port());
  }

  private void receiveUdp() {
    byte[] buffer = new byte[65_535];
    while (!closed.get()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        if (!closed.get()) {
          log.debug("UDP receive failed", e);
        }
        continue;
      }
      byte[] query =
          Arrays.copyOfRange(
              packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
      SocketAddress client = packet.getSocketAddress();
      execute(
          () -> {
            Reply reply = responder.respond(query, false);
            send(reply, bytes -> udp.send(new DatagramPacket(bytes, bytes.length, client)));
          });
    }
  }

  private void acceptTcp() {
    while (!closed.get()) {
      Socket socket;
      try {
        socket = tcp.accept();
      } catch (IOException e) {
        if (!closed.get()) {
          log.debug("TCP accept failed", e);
        }
        continue;
      }
      connections.add(socket);
      if (closed.get()) { // close() may have missed it
        closeQuietly(socket);
        return;
      }
      Thread reader = daemon("dns-sandbox-" + port() + "-tcp-conn").newThread(() -> serve(socket));
      connectionThreads.add(reader);
      reader.start();
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (!closed.get()) {
        int length = in.readUnsignedShort();
        byte[] query = in.readNBytes(length);
        if (query.length != length) {
          return;
        }
        execute(
            () -> {
              Reply reply = responder.respond(query, true);
              send(reply, bytes -> writeFramed(out, bytes));
            });
      }
    } catch (EOFException e) {
      // the client closed the connection
    } catch (IOException e) {
      if (!closed.get()) {
        log.debug("TCP connection failed", e);
      }
    } finally {
      connections.remove(socket);
      connectionThreads.remove(Thread.currentThread());
    }
  }

  private static void writeFramed(OutputStream out, byte[] message) throws IOException {
    byte[] framed = new byte[message.length + 2];
    framed[0] = (byte) (message.length >>> 8);
    framed[1] = (byte) message.length;
    System.arraycopy(message, 0, framed, 2, message.length);
    synchronized (out) { // replies to pipelined queries must not interleave
      out.write(framed);
      out.flush();
    }
  }

  private interface Send {
    void run(byte[] bytes) throws IOException;
  }

  private void send(Reply reply, Send send) {
    byte[] bytes = reply.bytes();
    if (bytes == null) {
      return; // no answer at all
    }
    Runnable task =
        () -> {
          try {
            send.run(bytes);
          } catch (IOException e) {
            if (!closed.get()) {
              log.debug("sending a DNS reply failed", e);
            }
          }
        };
    if (reply.delay().isZero()) {
      task.run();
    } else {
      try {
        workers.schedule(task, reply.delay().toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // closing
      }
    }
  }

  private void execute(Runnable task) {
    try {
      workers.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.warn("DNS sandbox failed to answer a query", e);
            }
          });
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** Stops both listeners and every connection, then waits briefly for the threads. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    workers.shutdownNow();
    udp.close();
    closeQuietly(tcp);
    for (Socket socket : connections) {
      closeQuietly(socket);
    }
    try {
      udpLoop.join(JOIN_MILLIS);
      acceptLoop.join(JOIN_MILLIS);
      for (Thread thread : connectionThreads) {
        thread.join(JOIN_MILLIS);
      }
      workers.awaitTermination(JOIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.debug("close failed", e);
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
