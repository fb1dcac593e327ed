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
 * Plays Microsoft Entra ID, the edge we do not own: issues unsigned JWTs ({@code alg: none}) in the
 * documented v1 access-token shape, with the {@code aud}, {@code tid} and {@code exp} a test
 * chooses, and records the scopes asked for. By default the audience is derived from the scope the
 * way Entra ID does ({@code https://host/.default} gives {@code https://host}).
 */
public final class FakeEntraCredential implements TokenCredential {

  /** The tenant of the tokens unless a test chooses another. */
  public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

  /** The object id of the identity the tokens are for. */
  public static final String OBJECT_ID = "00000000-0000-0000-0000-0000000000aa";

  private final String audience;
  private final String tenant;
  private final Instant expires;
  private final RuntimeException failure;
  private final List<List<String>> scopes = new CopyOnWriteArrayList<>();

  private FakeEntraCredential(
      String audience, String tenant, Instant expires, RuntimeException failure) {
    this.audience = audience;
    this.tenant = tenant;
    this.expires = expires;
    this.failure = failure;
  }

  /** Tokens for whatever scope is asked, in {@link #TENANT}, valid for an hour. */
  public static FakeEntraCredential valid() {
    return new FakeEntraCredential(null, TENANT, Instant.now().plusSeconds(3600), null);
  }

  /** Tokens with this audience, whatever scope is asked. */
  public static FakeEntraCredential withAudience(String audience) {
    return new FakeEntraCredential(audience, TENANT, Instant.now().plusSeconds(3600), null);
  }

  /** Tokens from this tenant. */
  public static FakeEntraCredential inTenant(String tenant) {
    return new FakeEntraCredential(null, tenant, Instant.now().plusSeconds(3600), null);
  }

  /** Tokens that expired at {@code expires}. */
  public static FakeEntraCredential expiring(Instant expires) {
    return new FakeEntraCredential(null, TENANT, expires, null);
  }

  /**
   * No token: every request fails with {@code failure}, as a credential chain that found no
   * sign-in.
   */
  public static FakeEntraCredential failing(RuntimeException failure) {
    return new FakeEntraCredential(null, TENANT, Instant.now(), failure);
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    scopes.add(List.copyOf(request.getScopes()));
    if (failure != null) {
      return Mono.error(failure);
    }
    String scope = request.getScopes().get(0);
    String aud = audience != null ? audience : scope.replaceFirst("/\\.default$", "");
    String claims =
        "{\"aud\":\""
            + aud
            + "\",\"iss\":\"https://sts.windows.net/"
            + tenant
            + "/\","
            + "\"iat\":"
            + (expires.getEpochSecond() - 3600)
            + ",\"exp\":"
            + expires.getEpochSecond()
            + ",\"oid\":\""
            + OBJECT_ID
            + "\",\"tid\":\""
            + tenant
            + "\",\"ver\":\"1.0\"}";
    String jwt = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(claims) + ".";
    return Mono.just(new AccessToken(jwt, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC)));
  }

  /** The scopes of every token request, oldest first. */
  public List<List<String>> scopes() {
    return List.copyOf(scopes);
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
