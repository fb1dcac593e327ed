package io.privatelink.testkit;

import io.privatelink.testkit.internal.JettyLoopback;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The settings every fixture server's builder shares: where it listens and which certificates it
 * presents. Each server's public {@code Builder} extends it and adds its own.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class LoopbackServerBuilder<B extends LoopbackServerBuilder<B>> {
  InetAddress address = JettyLoopback.loopback("127.0.0.1");
  int port;
  TestCertificates certificates = TestCertificates.forAzureHealthHosts();

  abstract B self();

  /**
   * The loopback IP literal to listen on (default {@code 127.0.0.1}); anything else is rejected.
   *
   * @param loopbackAddress an address in {@code 127.0.0.0/8} or {@code ::1}
   * @return this builder
   * @throws IllegalArgumentException if the address is not a loopback IP literal
   */
  public B address(String loopbackAddress) {
    this.address = JettyLoopback.loopback(loopbackAddress);
    return self();
  }

  /**
   * The port to listen on; 0 (the default) picks a free one.
   *
   * @param port the port, 0 to 65535
   * @return this builder
   */
  public B port(int port) {
    this.port = port;
    return self();
  }

  /**
   * The certificates to present (default {@link TestCertificates#forAzureHealthHosts()}).
   *
   * @param certificates the certificates; required
   * @return this builder
   */
  public B certificates(TestCertificates certificates) {
    this.certificates = Objects.requireNonNull(certificates, "certificates");
    return self();
  }
}
