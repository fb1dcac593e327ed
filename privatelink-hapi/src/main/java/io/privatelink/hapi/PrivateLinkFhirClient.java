package io.privatelink.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.impl.BaseClient;
import com.azure.core.credential.TokenCredential;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.ServiceEndpoint;
import io.privatelink.hapi.internal.GzipRequestBodies;
import io.privatelink.hapi.internal.LinkGuard;
import io.privatelink.hapi.internal.Refusals;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a HAPI {@link IGenericClient} for an Azure FHIR service that talks to it only over its
 * private endpoint, with Azure tokens, and fails at startup when the host does not verify.
 *
 * <pre>{@code
 * FhirContext ctx = FhirContext.forR4();
 * IGenericClient client = PrivateLinkFhirClient.builder(ctx)
 *     .serverBase(serverBase)     // e.g. "https://myfhir.azurehealthcareapis.com/"
 *     .resolver(resolver)         // e.g. PrivateLinkResolver.builder().build(): the VNet's resolv.conf
 *     .credential(credential)     // e.g. new DefaultAzureCredentialBuilder().build()
 *     .httpClient(httpClient)     // optional: your OkHttpClient (timeouts, pool, TLS trust)
 *     .build();                   // fails here if the host is not private
 * Patient p = client.read().resource(Patient.class).withId("123").execute();
 * }</pre>
 *
 * <p>What {@link Builder#build()} does, in order:
 *
 * <ol>
 *   <li><b>Preflight:</b> resolves the server host with the resolver. A host that is not private
 *       fails the build with a {@link FhirClientConnectionException} whose cause is the {@link
 *       PrivateLinkException} (host, verdict, chain, addresses, nameserver and a hint in its
 *       message; for a host that resolved to public addresses only and is not an Azure health host,
 *       how to reach it as a deliberately public server with {@link PublicServers}); nothing is
 *       installed and no token is requested.
 *   <li>Makes sure the context sends every request through a guarded client: HAPI builds each
 *       request through its context's factory, so a {@link PrivateLinkRestfulClientFactory} over
 *       {@code GuardedHttpClient.builder().resolver(resolver).from(httpClient)} is installed on the
 *       context. This is context-wide: every client of that context is guarded from then on. When
 *       the context already has a {@code PrivateLinkRestfulClientFactory}, that one is kept (one
 *       guarded transport per context): its client must be guarded by the same resolver (otherwise
 *       {@link IllegalStateException}), and {@link Builder#httpClient(OkHttpClient)} is refused.
 *   <li>Creates the client and, when a credential is given, registers an {@link
 *       AzureTokenInterceptor} for the server host with the same resolver.
 * </ol>
 *
 * <p>Every later connection is verified again by the guarded client, so a DNS change after startup
 * is caught too.
 */
public final class PrivateLinkFhirClient {

  private static final Logger LOG = LoggerFactory.getLogger(PrivateLinkFhirClient.class);

  private PrivateLinkFhirClient() {}

  /**
   * Starts a builder for clients of {@code ctx}.
   *
   * @return a new builder
   * @param ctx the FHIR context; its client factory becomes a guarded one (see the class comment)
   */
  public static Builder builder(FhirContext ctx) {
    return new Builder(Objects.requireNonNull(ctx, "ctx"));
  }

  /** Configures one guarded client. Not thread-safe; {@link #build()} may be called repeatedly. */
  public static final class Builder {
    private final FhirContext ctx;
    private @Nullable String serverBase;
    private @Nullable PrivateLinkResolver resolver;
    private @Nullable TokenCredential credential;
    private @Nullable String scope;
    private @Nullable OkHttpClient httpClient;
    private ServerValidationModeEnum serverValidationMode = ServerValidationModeEnum.ONCE;
    private boolean verifyAtBuild = true;
    private @Nullable Duration tokenRefreshMargin;
    private @Nullable LinkPolicy linkPolicy;
    private @Nullable PublicServers publicServers;
    private boolean gzipRequestBodies;

    private Builder(FhirContext ctx) {
      this.ctx = ctx;
    }

    /**
     * The FHIR service base URL, {@code https://...}. Required.
     *
     * @param serverBase the https base URL; required
     * @return this builder
     */
    public Builder serverBase(String serverBase) {
      this.serverBase = Objects.requireNonNull(serverBase, "serverBase");
      return this;
    }

    /**
     * The resolver that verifies the host, at build and at every connection. Required.
     *
     * @param resolver the resolver; required
     * @return this builder
     */
    public Builder resolver(PrivateLinkResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Where bearer tokens come from. Optional: without one, requests carry no token.
     *
     * @param credential the credential; required when called
     * @return this builder
     */
    public Builder credential(TokenCredential credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    /**
     * The token scope. Optional: derived from the server base for Azure FHIR and DICOM hosts
     * ({@link ServiceEndpoint#tokenScope()}).
     *
     * @param scope the scope, e.g. {@code https://myfhir.azurehealthcareapis.com/.default};
     *     required when called
     * @return this builder
     */
    public Builder scope(String scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /**
     * The client to start from (timeouts, pool, TLS settings, your interceptors); the guard
     * replaces its DNS, socket factory and proxy. Optional: default a new {@code OkHttpClient}.
     *
     * @param httpClient the client to start from; required when called
     * @return this builder
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Whether HAPI fetches {@code /metadata} before the first request to this server: {@code ONCE}
     * (the default, as in HAPI) or {@code NEVER}. Applies to this client only.
     *
     * @param mode the validation mode; required
     * @return this builder
     */
    public Builder serverValidationMode(ServerValidationModeEnum mode) {
      this.serverValidationMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Whether {@link #build()} resolves the host first and fails when it does not verify (default
     * {@code true}). With {@code false} the client is built whatever DNS says now; every request is
     * still verified at connection time and refused while the host is not private. For apps that
     * start degraded and report through a health check instead of failing at startup.
     *
     * @param verify {@code false} to build without resolving the host first
     * @return this builder
     */
    public Builder verifyAtBuild(boolean verify) {
      this.verifyAtBuild = verify;
      return this;
    }

    /**
     * How long before a token expires it is refreshed (default five minutes, as in {@link
     * AzureTokenInterceptor.Builder#refreshBefore(Duration)}); applies when a credential is set.
     *
     * @param margin the refresh margin; zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder tokenRefreshMargin(Duration margin) {
      Objects.requireNonNull(margin, "margin");
      if (margin.isNegative()) {
        throw new IllegalArgumentException("tokenRefreshMargin must not be negative: " + margin);
      }
      this.tokenRefreshMargin = margin;
      return this;
    }

    /**
     * What this client does with URLs the server hands it (paging links, {@code Location}): default
     * the context factory's, {@link LinkPolicy#sameOrigin()} unless changed. See {@link
     * LinkPolicy}.
     *
     * @param policy the link policy; required
     * @return this builder
     */
    public Builder linkPolicy(LinkPolicy policy) {
      this.linkPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * FHIR servers this context deliberately reaches over the public internet (see {@link
     * PublicServers}). Context-wide, like the guarded factory itself: stated when the factory is
     * installed; for a context whose factory is already installed it must name the same hosts.
     *
     * @param servers the public servers; required
     * @return this builder
     */
    public Builder publicServers(PublicServers servers) {
      this.publicServers = Objects.requireNonNull(servers, "servers");
      return this;
    }

    /**
     * Sends this client's non-empty request bodies gzip-compressed, with {@code Content-Encoding:
     * gzip} (default {@code false}); only for servers that accept it. HAPI's Apache-only
     * interceptors, such as {@code GZipContentInterceptor}, do not work on the guarded OkHttp
     * transport: use this instead.
     *
     * @param gzip {@code true} to compress request bodies
     * @return this builder
     */
    public Builder gzipRequestBodies(boolean gzip) {
      this.gzipRequestBodies = gzip;
      return this;
    }

    /**
     * Verifies the host and builds the client.
     *
     * @return a HAPI client whose every request goes through the guarded client
     * @throws FhirClientConnectionException if the host does not verify as private; its cause is
     *     the {@link PrivateLinkException}
     * @throws IllegalStateException if {@code serverBase} or {@code resolver} is missing, or the
     *     context already has a guarded factory and {@code httpClient} was given, or its client is
     *     guarded by another resolver (or by none)
     * @throws IllegalArgumentException if the server base is malformed or not https
     */
    public IGenericClient build() {
      if (serverBase == null) {
        throw new IllegalStateException("serverBase(String) is required");
      }
      if (resolver == null) {
        throw new IllegalStateException("resolver(PrivateLinkResolver) is required");
      }
      String host = preflight();
      AzureTokenInterceptor tokens = credential == null ? null : tokenInterceptor();
      guardedFactory();
      IGenericClient client = ctx.newRestfulGenericClient(serverBase);
      if (linkPolicy != null) {
        LinkPolicy policy = linkPolicy;
        client.getInterceptorService().getAllRegisteredInterceptors().stream()
            .filter(LinkGuard.class::isInstance)
            .map(LinkGuard.class::cast)
            .forEach(guard -> guard.rule(policy.ruleFor(serverBase)));
      }
      if (serverValidationMode == ServerValidationModeEnum.NEVER) {
        ((BaseClient) client).setDontValidateConformance(true);
      }
      if (tokens != null) {
        client.registerInterceptor(tokens);
      }
      if (gzipRequestBodies) {
        client.registerInterceptor(new GzipRequestBodies());
      }
      LOG.debug("Guarded FHIR client for {} ready (token: {})", host, tokens != null);
      return client;
    }

    private String preflight() {
      String serverBase = Objects.requireNonNull(this.serverBase, "checked by build()");
      PrivateLinkResolver resolver = Objects.requireNonNull(this.resolver, "checked by build()");
      String host;
      try {
        ServiceEndpoint endpoint = ServiceEndpoint.parse(serverBase);
        host = endpoint.host();
      } catch (PrivateLinkException e) {
        throw new IllegalArgumentException("serverBase is malformed: " + e.getMessage(), e);
      }
      if (!serverBase.regionMatches(true, 0, "https://", 0, 8)) {
        throw new IllegalArgumentException("serverBase must be an https URL: " + serverBase);
      }
      if (!verifyAtBuild) {
        return host;
      }
      try {
        resolver.resolve(host);
      } catch (PrivateLinkException e) {
        String hint = Refusals.publicServerHint(e);
        throw new FhirClientConnectionException(
            "Preflight for "
                + serverBase
                + " failed: "
                + e.getMessage()
                + hint
                + (hint.isEmpty()
                    ? ""
                    : ", and create its client with ctx.newRestfulGenericClient(url):"
                        + " PrivateLinkFhirClient builds clients for private servers only"),
            e);
      }
      return host;
    }

    private AzureTokenInterceptor tokenInterceptor() {
      AzureTokenInterceptor.Builder tokens =
          AzureTokenInterceptor.builder()
              .credential(Objects.requireNonNull(credential, "credential"))
              .serverBase(Objects.requireNonNull(serverBase, "checked by build()"))
              .resolver(Objects.requireNonNull(resolver, "checked by build()"));
      if (scope != null) {
        tokens.scope(scope);
      }
      if (tokenRefreshMargin != null) {
        tokens.refreshBefore(tokenRefreshMargin);
      }
      return tokens.build();
    }

    // A second resolver would mean a second idea of what is private (nameservers, policy, zones);
    // the installed factory's transport would silently keep the first.
    private void requireSameResolver(PrivateLinkRestfulClientFactory factory) {
      PrivateLinkResolver installed =
          GuardedHttpClient.resolverOf(factory.getOkHttpClient()).orElse(null);
      if (installed == null) {
        throw new IllegalStateException(
            "This FhirContext's PrivateLinkRestfulClientFactory sends its requests through a"
                + " client that GuardedHttpClient did not build, so its connections are not"
                + " verified with the resolver given here. Build the factory over"
                + " GuardedHttpClient.builder().resolver(resolver).from(yourClient).build(), or let"
                + " PrivateLinkFhirClient install it, or use a separate FhirContext.");
      }
      if (installed != resolver) {
        throw new IllegalStateException(
            "This FhirContext already sends its requests through a client guarded by another"
                + " PrivateLinkResolver; the one given here would only verify the preflight and the"
                + " token requests while every connection is verified by the other. Pass the same resolver to every client of a context, or use a"
                + " separate FhirContext.");
      }
    }

    private void guardedFactory() {
      synchronized (ctx) {
        IRestfulClientFactory installed = ctx.getRestfulClientFactory();
        if (installed instanceof PrivateLinkRestfulClientFactory factory) {
          if (publicServers != null
              && !publicServers.hosts().equals(factory.getPublicServers().hosts())) {
            throw new IllegalStateException(
                "This FhirContext's guarded factory routes "
                    + factory.getPublicServers()
                    + " as public; public servers are stated once, when the factory is installed."
                    + " Name them all on the first client built for this context.");
          }
          requireSameResolver(factory);
          if (httpClient != null) {
            throw new IllegalStateException(
                "This FhirContext already sends its requests through a guarded client; its"
                    + " transport cannot be changed per client. Drop httpClient(...) or use a"
                    + " separate FhirContext.");
          }
          return;
        }
        OkHttpClient guarded =
            GuardedHttpClient.builder()
                .resolver(Objects.requireNonNull(resolver, "checked by build()"))
                .from(httpClient != null ? httpClient : new OkHttpClient())
                .build();
        ctx.setRestfulClientFactory(
            new PrivateLinkRestfulClientFactory(
                ctx, guarded, publicServers != null ? publicServers : PublicServers.none()));
      }
    }
  }
}
