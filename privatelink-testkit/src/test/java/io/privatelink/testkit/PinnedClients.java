package io.privatelink.testkit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/** OkHttp clients for the fixture tests: every host name resolves to one pinned loopback IP. */
final class PinnedClients {

  private PinnedClients() {}

  /**
   * Resolves every name to {@code ip}, trusts only {@code certs}' authority, never follows
   * redirects.
   */
  static OkHttpClient pinnedTo(String ip, TestCertificates certs) {
    InetAddress address;
    try {
      address = InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
    return new OkHttpClient.Builder()
        .dns(host -> List.of(address))
        .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .connectTimeout(5, TimeUnit.SECONDS)
        .readTimeout(10, TimeUnit.SECONDS)
        .build();
  }
}
