package io.privatelink.examples;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/**
 * A credential that issues {@code token-1}, {@code token-2}, ... and records the scopes asked for.
 */
public final class RecordingCredential implements TokenCredential {

  private final List<List<String>> scopes = new CopyOnWriteArrayList<>();

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    scopes.add(List.copyOf(request.getScopes()));
    return Mono.just(new AccessToken("token-" + scopes.size(), OffsetDateTime.now().plusHours(1)));
  }

  /** The scopes of every token request, oldest first. */
  public List<List<String>> scopes() {
    return List.copyOf(scopes);
  }
}
