package io.privatelink.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/**
 * Plays Microsoft Entra ID: issues {@code token-1}, {@code token-2}, ... valid for an hour by
 * {@code clock}, and records the scopes asked for.
 */
class RecordingCredential implements TokenCredential {

  private final List<List<String>> scopes = new CopyOnWriteArrayList<>();
  private final Clock clock;

  RecordingCredential(Clock clock) {
    this.clock = clock;
  }

  RecordingCredential() {
    this(Clock.systemUTC());
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.fromSupplier(() -> getTokenSync(request));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    scopes.add(List.copyOf(request.getScopes()));
    return new AccessToken(
        "token-" + scopes.size(),
        OffsetDateTime.ofInstant(clock.instant().plus(Duration.ofHours(1)), ZoneOffset.UTC));
  }

  /** The scopes of every token request, oldest first. */
  List<List<String>> scopes() {
    return List.copyOf(scopes);
  }

  int calls() {
    return scopes.size();
  }
}
