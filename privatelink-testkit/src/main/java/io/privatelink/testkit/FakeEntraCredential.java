package io.privatelink.testkit;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Plays Microsoft Entra ID, an edge the tests do not own: a {@link TokenCredential} whose access
 * tokens have the documented v1 shape (a JWT with {@code aud} from the scope the way Entra ID
 * derives it, {@code iss https://sts.windows.net/{tenant}/}, {@code iat}, {@code nbf}, {@code exp},
 * {@code tid}, {@code oid}, {@code sub}, {@code ver} and a per-token {@code uti}) and a placeholder
 * signature, so services that read tokens without checking signatures (Azurite with {@code --oauth
 * basic}) accept them. It counts calls and records the scopes asked for. Needs azure-core on the
 * classpath. {@link #token(int)} gives the tokens it issued, to compare with the {@code
 * Authorization} headers a server recorded.
 */
public final class FakeEntraCredential implements TokenCredential {

  /** The tenant of the tokens unless the builder chose another. */
  public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

  /** The object id of the identity the tokens are for. */
  public static final String OBJECT_ID = "00000000-0000-0000-0000-0000000000aa";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Clock clock;
  private final Duration lifetime;
  private final @Nullable Instant expiresAt;
  private final @Nullable String audience;
  private final String tenant;
  private volatile @Nullable RuntimeException failure;
  private volatile Duration latency = Duration.ZERO;
  private final AtomicInteger calls = new AtomicInteger();
  private final List<List<String>> scopes = new CopyOnWriteArrayList<>();
  private final List<String> issued = new CopyOnWriteArrayList<>();

  private FakeEntraCredential(Builder b) {
    this.clock = b.clock;
    this.lifetime = b.lifetime;
    this.expiresAt = b.expiresAt;
    this.audience = b.audience;
    this.tenant = b.tenant;
    this.failure = b.failure;
  }

  /**
   * Tokens for whatever scope is asked, in {@link #TENANT}, valid for an hour.
   *
   * @return a new credential
   */
  public static FakeEntraCredential valid() {
    return builder().build();
  }

  /**
   * A builder; every setting has a default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Issues a token as {@link #getTokenSync} does, when the returned {@code Mono} is subscribed.
   *
   * @param request the scopes asked for
   * @return the token, or an error with the configured failure
   */
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
        Thread.sleep(latency.toMillis()); // Entra's latency is the behaviour a test asks for
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw failure;
    }
    Instant now = clock.instant();
    Instant expires = expiresAt != null ? expiresAt : now.plus(lifetime);
    String scope = request.getScopes().isEmpty() ? "" : request.getScopes().get(0);
    String aud = audience != null ? audience : scope.replaceFirst("/\\.default$", "");
    String claims =
        "{\"aud\":\""
            + aud
            + "\",\"iss\":\"https://sts.windows.net/"
            + tenant
            + "/\","
            + "\"iat\":"
            + (now.getEpochSecond() - 60)
            + ",\"nbf\":"
            + (now.getEpochSecond() - 60)
            + ",\"exp\":"
            + expires.getEpochSecond()
            + ",\"tid\":\""
            + tenant
            + "\","
            + "\"oid\":\""
            + OBJECT_ID
            + "\",\"sub\":\"privatelink-tests\",\"uti\":\"token-"
            + n
            + "\",\"ver\":\"1.0\"}";
    String token =
        b64("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"privatelink-testkit\"}")
            + "."
            + b64(claims)
            + "."
            + b64("unsigned");
    issued.add(token);
    return new AccessToken(token, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC));
  }

  /**
   * From now on each call takes {@code latency} before answering, like Entra ID over a slow network
   * (a test widening the window in which concurrent callers could each ask). Returns this.
   *
   * @param latency the delay before each answer; zero for none
   * @return this credential
   */
  public FakeEntraCredential withLatency(Duration latency) {
    this.latency = Objects.requireNonNull(latency, "latency");
    return this;
  }

  /**
   * From now on every call fails with {@code failure}, as Entra ID going away. Returns this.
   *
   * @param failure the exception every later call throws
   * @return this credential
   */
  public FakeEntraCredential startFailing(RuntimeException failure) {
    this.failure = Objects.requireNonNull(failure, "failure");
    return this;
  }

  /**
   * How many tokens were asked for (failed calls included).
   *
   * @return the count since the credential was built
   */
  public int calls() {
    return calls.get();
  }

  /**
   * The scopes of every token request, oldest first.
   *
   * @return a snapshot of the scopes asked, one list per request
   */
  public List<List<String>> scopes() {
    return List.copyOf(scopes);
  }

  /**
   * Whether a token was asked for a scope starting with {@code prefix}.
   *
   * @param prefix the scope prefix, e.g. {@code https://myfhir.azurehealthcareapis.com}
   * @return {@code true} if any request asked for such a scope
   */
  public boolean asked(String prefix) {
    return scopes.stream().flatMap(List::stream).anyMatch(s -> s.startsWith(prefix));
  }

  /**
   * Every token issued, oldest first.
   *
   * @return a snapshot of the tokens
   */
  public List<String> tokens() {
    return List.copyOf(issued);
  }

  /**
   * The {@code n}th token issued, counting from 1.
   *
   * @param n the token's position, from 1
   * @return the token, as sent in {@code Authorization: Bearer}
   * @throws IllegalArgumentException if fewer than {@code n} were issued
   */
  public String token(int n) {
    List<String> tokens = new ArrayList<>(issued);
    if (n < 1 || n > tokens.size()) {
      throw new IllegalArgumentException(
          "token " + n + " was never issued; " + tokens.size() + " were");
    }
    return tokens.get(n - 1);
  }

  private static String b64(String text) {
    return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Configures a {@link FakeEntraCredential}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration lifetime = Duration.ofHours(1);
    private @Nullable Instant expiresAt;
    private @Nullable String audience;
    private String tenant = TENANT;
    private @Nullable RuntimeException failure;

    private Builder() {}

    /**
     * The clock tokens are issued by (default: the system's, UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long each token is valid from the moment it is issued (default an hour).
     *
     * @param lifetime the validity of each token
     * @return this builder
     */
    public Builder lifetime(Duration lifetime) {
      this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    /**
     * Every token expires at {@code expiresAt}, whenever issued (an expired credential).
     *
     * @param expiresAt the expiry of every token
     * @return this builder
     */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
      return this;
    }

    /**
     * Tokens carry this audience whatever scope is asked (default: derived from the scope).
     *
     * @param audience the {@code aud} claim
     * @return this builder
     */
    public Builder audience(String audience) {
      this.audience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /**
     * Tokens from this tenant (default {@link #TENANT}).
     *
     * @param tenant the {@code tid} claim
     * @return this builder
     */
    public Builder tenant(String tenant) {
      this.tenant = Objects.requireNonNull(tenant, "tenant");
      return this;
    }

    /**
     * No token: every call fails with {@code failure}, as a credential that found no sign-in.
     *
     * @param failure the exception every call throws
     * @return this builder
     */
    public Builder failing(RuntimeException failure) {
      this.failure = Objects.requireNonNull(failure, "failure");
      return this;
    }

    /**
     * The credential.
     *
     * @return a new credential
     */
    public FakeEntraCredential build() {
      return new FakeEntraCredential(this);
    }
  }
}
