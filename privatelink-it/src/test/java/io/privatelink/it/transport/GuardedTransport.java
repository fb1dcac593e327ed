package io.privatelink.it.transport;

import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PooledClientBuilder;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.TestCertificates;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One guarded HTTP transport under attack: each implementation builds its library's guarded client
 * the way an application would, so {@link TransportCanaryTest} can run every attack against every
 * transport. A new guarded transport joins the suite by implementing this and being listed in
 * {@link #all()}.
 */
public interface GuardedTransport {

  /** Every guarded transport on this classpath. */
  static List<GuardedTransport> all() {
    return List.of(
        new OkHttpTransport(),
        new ApacheHttpClient4Transport(),
        new ApacheHttpClient5Transport(),
        new AzureCoreTransport());
  }

  /** What a report calls it, with the library version actually loaded. */
  String name();

  /**
   * A guarded client trusting {@code trust}, verifying with {@code resolver}, counting into {@code
   * metrics}.
   */
  Client build(PrivateLinkResolver resolver, TestCertificates trust, GuardMetrics metrics);

  /**
   * {@code builder} (an Apache HttpClient guard's) set up as {@link #build} asks: {@code resolver},
   * TLS trusting {@code trust}, counting into {@code metrics}.
   */
  static <B extends PooledClientBuilder<B, ?>> B pooled(
      B builder, PrivateLinkResolver resolver, TestCertificates trust, GuardMetrics metrics) {
    return builder
        .resolver(resolver)
        .sslContext(trust.clientHandshake().sslContext())
        .metrics(metrics);
  }

  /** A guarded client, as the transport's library hands it to the application. */
  interface Client extends AutoCloseable {

    /** A GET with {@code headers}; redirects are left to the client. */
    Reply get(String url, Map<String, String> headers) throws IOException;

    /**
     * The same client, derived the way its library lets an app turn its own redirect following back
     * on: OkHttp {@code newBuilder().followRedirects(true).followSslRedirects(true)}, Apache a
     * per-request {@code RequestConfig} with redirects enabled, azure-core a {@code RedirectPolicy}
     * in the pipeline.
     */
    Client derivedFollowingRedirects();

    @Override
    void close() throws IOException;
  }

  /** A final response. */
  record Reply(int status, String body) {}
}
