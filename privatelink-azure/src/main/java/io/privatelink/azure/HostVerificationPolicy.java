package io.privatelink.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import java.io.UncheckedIOException;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * An azure-core pipeline policy that verifies each request's host before anything else in the
 * pipeline runs, so an Azure SDK client never asks Microsoft Entra ID for a token for a host that
 * is not private.
 *
 * <pre>{@code
 * HttpClient guarded = GuardedAzureHttpClient.builder().resolver(resolver).from(okHttpClient).build();
 * BlobClient blob = new BlobClientBuilder()
 *     .endpoint(blobUrl)
 *     .credential(credential)
 *     .httpClient(guarded)
 *     .addPolicy(new HostVerificationPolicy(resolver))   // no token for a host that does not verify
 *     .buildClient();
 * }</pre>
 *
 * <p>Why it is needed: an SDK client's bearer-token policy runs before the HTTP client, so with the
 * guarded {@link GuardedAzureHttpClient} alone an unlinked host is still refused before any
 * connection (the token never leaves), but the credential has been asked for a token already. This
 * policy runs per call, ahead of the credential policy ({@link HttpPipelinePosition#PER_CALL}). The
 * guarded client verifies again at connect time; the resolver's cache makes that free.
 *
 * <p>A refusal fails the call with an {@link UncheckedIOException} (sync) or an error signal
 * (async) whose cause is the {@link PrivateLinkException}; {@code PrivateLinkException.find(e)}
 * finds it.
 */
public final class HostVerificationPolicy implements HttpPipelinePolicy {

  private final PrivateLinkResolver resolver;

  /**
   * A policy verifying with {@code resolver}; use the guarded client's.
   *
   * @param resolver the resolver that must find each request's host private; required
   */
  public HostVerificationPolicy(PrivateLinkResolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    try {
      verify(context);
    } catch (PrivateLinkException e) {
      return Mono.error(new UncheckedIOException(e.getMessage(), e));
    }
    return next.process();
  }

  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    try {
      verify(context);
    } catch (PrivateLinkException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    return next.processSync();
  }

  /** Per call: before the retry and credential policies. */
  @Override
  public HttpPipelinePosition getPipelinePosition() {
    return HttpPipelinePosition.PER_CALL;
  }

  private void verify(HttpPipelineCallContext context) throws PrivateLinkException {
    resolver.resolve(context.getHttpRequest().getUrl().getHost());
  }
}
