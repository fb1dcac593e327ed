package io.privatelink.spring.boot;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** Plays Microsoft Entra ID, an edge these tests do not own: tokens token-1, token-2, ..., counted. */
final class CountingTokenCredential implements TokenCredential {

  private final AtomicInteger calls = new AtomicInteger();

  int calls() {
    return calls.get();
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.fromSupplier(
        () -> new AccessToken("token-" + calls.incrementAndGet(), OffsetDateTime.now().plusHours(1)));
  }
}
