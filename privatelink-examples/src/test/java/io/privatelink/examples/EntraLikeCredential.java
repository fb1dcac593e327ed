package io.privatelink.examples;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/**
 * Plays Microsoft Entra ID for services that read the token (Azurite with {@code --oauth basic}):
 * issues JWT-shaped access tokens as Entra ID documents them (audience = the scope's resource,
 * issuer {@code https://sts.windows.net/{tenant}/}, {@code iat}/{@code nbf}/{@code exp}, {@code
 * tid}, {@code oid}), with a non-empty placeholder signature, and records the scopes asked for.
 * {@link FakeEntraCredential}'s tokens ({@code alg: none}, empty signature, no {@code nbf}) are
 * refused by Azurite with 403 AuthenticationFailed; merging the two is a follow-up.
 */
final class EntraLikeCredential implements TokenCredential {

  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final List<List<String>> scopes = new CopyOnWriteArrayList<>();

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.fromSupplier(() -> getTokenSync(request));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    scopes.add(List.copyOf(request.getScopes()));
    String audience = request.getScopes().get(0).replaceFirst("/\\.default$", "");
    long now = Instant.now().getEpochSecond();
    long exp = now + 3600;
    String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"test\"}";
    String claims =
        "{\"aud\":\""
            + audience
            + "\",\"iss\":\"https://sts.windows.net/"
            + TENANT
            + "/\","
            + "\"iat\":"
            + (now - 60)
            + ",\"nbf\":"
            + (now - 60)
            + ",\"exp\":"
            + exp
            + ","
            + "\"tid\":\""
            + TENANT
            + "\",\"oid\":\"00000000-0000-0000-0000-000000000001\","
            + "\"sub\":\"privatelink-tests\",\"ver\":\"1.0\"}";
    String token =
        b64(header)
            + "."
            + b64(claims)
            + "."
            + B64.encodeToString("unsigned".getBytes(StandardCharsets.UTF_8));
    return new AccessToken(
        token, OffsetDateTime.ofInstant(Instant.ofEpochSecond(exp), ZoneOffset.UTC));
  }

  private static String b64(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The scopes of every token request, oldest first. */
  List<List<String>> scopes() {
    return List.copyOf(scopes);
  }

  /** Whether a token was requested for a scope starting with {@code prefix}. */
  boolean asked(String prefix) {
    return scopes.stream().flatMap(List::stream).anyMatch(s -> s.startsWith(prefix));
  }
}
