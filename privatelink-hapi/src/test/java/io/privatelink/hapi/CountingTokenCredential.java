package io.privatelink.hapi;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import reactor.core.publisher.Mono;

/**
 * Plays Microsoft Entra ID, the edge these tests do not own: counts token requests, records their
 * scopes and answers with tokens {@code token-1}, {@code token-2}, ... (or whatever {@code answer}
 * makes of the call number).
 */
final class CountingTokenCredential implements TokenCredential {

  private final AtomicInteger calls = new AtomicInteger();
  private final List<List<String>> scopes = new CopyOnWriteArrayList<>();
  private final IntFunction<AccessToken> answer;
  private volatile Duration latency = Duration.ZERO;

  CountingTokenCredential(IntFunction<AccessToken> answer) {
    this.answer = answer;
  }

  /** Tokens valid for {@code lifetime} from the moment of the call on {@code clock}. */
  static CountingTokenCredential issuing(Duration lifetime, java.time.Clock clock) {
    return new CountingTokenCredential(
        n -> new AccessToken("token-" + n, OffsetDateTime.now(clock).plus(lifetime)));
  }

  /** Every call fails, the way a misconfigured credential does. */
  static CountingTokenCredential failing(RuntimeException failure) {
    return new CountingTokenCredential(
        n -> {
          throw failure;
        });
  }

  CountingTokenCredential withLatency(Duration latency) {
    this.latency = latency;
    return this;
  }

  int calls() {
    return calls.get();
  }

  List<List<String>> scopes() {
    return scopes;
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.fromSupplier(() -> getTokenSync(request));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    int n = calls.incrementAndGet();
    scopes.add(List.copyOf(request.getScopes()));
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return answer.apply(n);
  }
}
