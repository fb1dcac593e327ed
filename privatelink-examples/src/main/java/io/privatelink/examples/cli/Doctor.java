package io.privatelink.examples.cli;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privatelink.core.Diagnosis;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Resolution;
import io.privatelink.core.ServiceEndpoint;
import io.privatelink.core.Verdict;
import io.privatelink.examples.DicomHealthSample;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.jspecify.annotations.Nullable;

/**
 * The steps of {@code privatelink doctor}, in order: DNS, TCP, TLS, token, service, and the opt-in
 * look from outside ({@code --public-dns}, {@code --probe-public}). Each step reports one {@link
 * DoctorStep} as soon as it is done; a step whose premise failed is reported as skipped.
 *
 * <p>Every connection of the private steps goes through the guard: TCP through the guarded client's
 * socket factory (which re-checks each address against the policy), the service call through a
 * guarded {@link OkHttpClient}. A token is requested only after the host verified as private, and
 * is sent only to it. The public probe is the one deliberate exception: it connects to what the
 * public resolver gave, never with a token.
 */
final class Doctor {

  /**
   * The audience Microsoft Entra ID puts in tokens for the DICOM service (scope {@code
   * .../.default}).
   */
  static final String DICOM_AUDIENCE = "https://dicom.healthcareapis.azure.com";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrivateLinkResolver resolver;
  private final @Nullable TokenCredential credential;
  private final @Nullable String tenant;
  private final OkHttpClient httpClient;
  private final @Nullable PrivateLinkResolver publicResolver;
  private final boolean probePublic;
  private final @Nullable Arm arm;

  /**
   * What {@code --arm} reads: the service's resource in Azure Resource Manager and, optionally, the
   * VNet this machine resolves from.
   *
   * @param reader reads ARM
   * @param resourceId the FHIR or DICOM service's resource id
   * @param vnetId the id of the VNet whose DNS this machine uses; {@code null} when unknown
   */
  record Arm(ArmReader reader, String resourceId, @Nullable String vnetId) {}

  /**
   * @param credential where tokens come from; {@code null} for {@code --no-auth}
   * @param tenant the tenant asked for with {@code --tenant}, compared with the token's {@code
   *     tid}; may be {@code null}
   * @param httpClient timeouts and trust ({@code --ca-cert}) for every connection
   * @param publicResolver a public resolver ({@code --public-dns}); {@code null} to stay private
   */
  Doctor(
      PrivateLinkResolver resolver,
      @Nullable TokenCredential credential,
      @Nullable String tenant,
      OkHttpClient httpClient,
      @Nullable PrivateLinkResolver publicResolver,
      boolean probePublic,
      @Nullable Arm arm) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.credential = credential;
    this.tenant = tenant;
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    this.publicResolver = publicResolver;
    this.probePublic = probePublic;
    this.arm = arm;
  }

  /**
   * The service URL doctor works on: {@code https://host[:port]/path/}, from a URL or a bare host.
   */
  static HttpUrl serviceUrl(String urlOrHost) {
    String text = urlOrHost.contains("://") ? urlOrHost : "https://" + urlOrHost;
    HttpUrl url = HttpUrl.parse(text);
    if (url == null || !url.isHttps()) {
      throw new IllegalArgumentException("not an https URL or host name: " + urlOrHost);
    }
    String path = url.encodedPath().endsWith("/") ? url.encodedPath() : url.encodedPath() + "/";
    return url.newBuilder().encodedPath(path).query(null).fragment(null).build();
  }

  /**
   * Runs every step for {@code url}, handing each result to {@code report} as soon as it is known.
   *
   * @return the exit status: the DNS verdict's ({@link ExitStatus#of(Verdict)}) when DNS failed,
   *     {@link ExitStatus#ERROR} when a later step failed, otherwise {@link ExitStatus#PRIVATE}
   */
  int run(HttpUrl url, Consumer<DoctorStep> report) {
    return run(url, resolver.diagnose(url.host()), report);
  }

  /** Like {@link #run(HttpUrl, Consumer)}, from a diagnosis of the host the caller already made. */
  int run(HttpUrl url, Diagnosis diagnosis, Consumer<DoctorStep> report) {
    DoctorStep dns = dnsStep(diagnosis);
    report.accept(dns);
    List<DoctorStep> later = new ArrayList<>();
    Consumer<DoctorStep> laterReport =
        step -> {
          later.add(step);
          report.accept(step);
        };
    if (dns.failed()) {
      String why = "DNS did not verify the host as private: nothing was sent to it";
      for (String step : List.of("tcp", "tls", "token", "service")) {
        laterReport.accept(DoctorStep.skip(step, why));
      }
    } else {
      privateSteps(url, diagnosis.resolution(), laterReport);
    }
    if (publicResolver != null) {
      publicSteps(publicResolver, url, laterReport);
    }
    if (arm != null) {
      new ArmSteps(arm, url.host(), diagnosis).run(laterReport);
    }
    if (dns.failed()) {
      return ExitStatus.of(diagnosis.verdict());
    }
    return later.stream().anyMatch(DoctorStep::failed) ? ExitStatus.ERROR : ExitStatus.PRIVATE;
  }

  private void privateSteps(HttpUrl url, Resolution resolution, Consumer<DoctorStep> report) {
    // Derived from httpClient: it shares its pool and dispatcher, which the caller shuts down.
    OkHttpClient guarded =
        GuardedHttpClient.builder()
            .resolver(resolver)
            .from(httpClient)
            .allowedHosts(url.toString())
            .build();
    DoctorStep tcp = tcpStep(guarded, url, resolution.allowedAddresses());
    report.accept(tcp);
    if (tcp.failed()) {
      String why = "no TCP connection to the private endpoint";
      for (String step : List.of("tls", "token", "service")) {
        report.accept(DoctorStep.skip(step, why));
      }
      return;
    }
    DoctorStep tls = tlsStep(guarded, url, resolution.allowedAddresses().get(0));
    report.accept(tls);
    if (tls.failed()) {
      report.accept(
          DoctorStep.skip("token", "no trusted TLS connection: no token is requested for it"));
      report.accept(DoctorStep.skip("service", "no trusted TLS connection"));
      return;
    }
    ServiceEndpoint endpoint = endpoint(url);
    Token token = tokenStep(url, endpoint, report);
    if (token.failed) {
      report.accept(DoctorStep.skip("service", "no usable token; fix the token step first"));
      return;
    }
    report.accept(serviceStep(guarded, url, endpoint, token.value));
  }

  // ---- DNS

  static DoctorStep dnsStep(Diagnosis diagnosis) {
    Resolution r = diagnosis.resolution();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("host", r.host());
    facts.put("verdict", r.verdict().name());
    facts.put("nameserver", r.nameserver().orElse(null));
    facts.put("chain", r.cnameChain());
    List<Map<String, Object>> addresses = new ArrayList<>();
    List<String> addressText = new ArrayList<>();
    for (Resolution.Address a : r.addresses()) {
      Map<String, Object> address = new LinkedHashMap<>();
      address.put("address", a.text());
      address.put("ttl", a.ttlSeconds());
      address.put("allowed", a.decision().allowed());
      address.put("rule", a.decision().rule());
      addresses.add(address);
      addressText.add(a.decision() + ", ttl " + a.ttlSeconds());
    }
    facts.put("addresses", addresses);
    facts.put("privateLinkZone", r.privateLinkZone().orElse(null));
    facts.put("detail", r.detail().orElse(null));
    facts.put("hints", diagnosis.hints());
    // The typed form, for scripts that act on a cause rather than parse its wording.
    List<Map<String, Object>> causes = new ArrayList<>();
    for (Diagnosis.Hint hint : diagnosis.hintsWithEvidence()) {
      Map<String, Object> cause = new LinkedHashMap<>();
      cause.put("cause", hint.cause().name());
      cause.put(
          "evidence", hint.evidence().stream().map(f -> f.kind() + " " + f.subject()).toList());
      causes.add(cause);
    }
    facts.put("causes", causes);
    StringBuilder evidence = new StringBuilder(r.verdict().name());
    evidence.append(" from ").append(r.nameserver().orElse("no nameserver"));
    evidence
        .append(": ")
        .append(String.join(" -> ", r.cnameChain().isEmpty() ? List.of(r.host()) : r.cnameChain()));
    if (!addressText.isEmpty()) {
      evidence.append(" -> ").append(String.join("; ", addressText));
    }
    r.privateLinkZone().ifPresent(zone -> evidence.append("; zone ").append(zone));
    r.detail().ifPresent(detail -> evidence.append("; ").append(detail));
    if (r.verdict() == Verdict.PRIVATE) {
      return DoctorStep.pass("dns", evidence.toString(), facts);
    }
    String fix =
        diagnosis.hints().isEmpty()
            ? "run 'privatelink check' with the same options for the full report"
            : String.join("; ", diagnosis.hints());
    return DoctorStep.fail("dns", evidence.toString(), fix, facts);
  }

  // ---- TCP

  private DoctorStep tcpStep(OkHttpClient guarded, HttpUrl url, List<InetAddress> addresses) {
    int timeoutMillis = guarded.connectTimeoutMillis();
    List<Map<String, Object>> connections = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    String failure = null;
    for (InetAddress address : addresses) {
      Map<String, Object> connection = new LinkedHashMap<>();
      String target = endpointText(address, url.port());
      connection.put("address", target);
      long start = System.nanoTime();
      // The guarded client's socket factory re-checks the address against the policy at connect().
      try (Socket socket = guarded.socketFactory().createSocket()) {
        socket.connect(new InetSocketAddress(address, url.port()), timeoutMillis);
        double millis = (System.nanoTime() - start) / 1e6;
        connection.put("connected", true);
        connection.put("millis", Math.round(millis * 10) / 10.0);
        evidence.add(
            target + " connected in " + String.format(java.util.Locale.ROOT, "%.1f ms", millis));
      } catch (IOException e) {
        connection.put("connected", false);
        connection.put("error", String.valueOf(e.getMessage()));
        evidence.add(target + " failed: " + e.getMessage());
        failure = target;
      }
      connections.add(connection);
    }
    Map<String, Object> facts = Map.of("connections", connections);
    String line = String.join("; ", evidence) + " (through the guard's socket check)";
    if (failure == null) {
      return DoctorStep.pass("tcp", line, facts);
    }
    return DoctorStep.fail(
        "tcp",
        line,
        "nothing accepted the connection at the private endpoint: check that the private endpoint"
            + " connection is Approved (not Pending), that the URL's port is the service's (443), and"
            + " that network security groups, routes and firewalls allow TCP "
            + url.port()
            + " from here to "
            + failure,
        facts);
  }

  /**
   * {@code ip:port}, an IPv6 address in brackets and in its short RFC 5952 form ({@code
   * [fd00::4]:443}), as the dns step prints addresses. OkHttp canonicalises a URL's IP host so; a
   * scoped (link-local) address keeps the JDK's form.
   */
  private static String endpointText(InetAddress address, int port) {
    String ip = address.getHostAddress();
    if (ip.indexOf(':') < 0) {
      return ip + ":" + port;
    }
    String host =
        ip.indexOf('%') >= 0 ? ip : new HttpUrl.Builder().scheme("https").host(ip).build().host();
    return "[" + host + "]:" + port;
  }

  // ---- TLS

  private DoctorStep tlsStep(OkHttpClient guarded, HttpUrl url, InetAddress address) {
    X509TrustManager trust = Objects.requireNonNull(httpClient.x509TrustManager(), "trust manager");
    RecordingTrustManager recording = new RecordingTrustManager(trust);
    Map<String, Object> facts = new LinkedHashMap<>();
    String host = url.host();
    try (Socket tcp = guarded.socketFactory().createSocket()) {
      tcp.connect(new InetSocketAddress(address, url.port()), guarded.connectTimeoutMillis());
      tcp.setSoTimeout(guarded.readTimeoutMillis());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {recording}, null);
      // The host name gives SNI; the name is checked below, on its own, to report it as a fact.
      try (SSLSocket tls =
          (SSLSocket) context.getSocketFactory().createSocket(tcp, host, url.port(), false)) {
        tls.startHandshake();
        SSLSession session = tls.getSession();
        // A finished handshake went through checkServerTrusted, which recorded the chain.
        X509Certificate leaf = Objects.requireNonNull(recording.leaf(), "server certificate");
        certificateFacts(facts, leaf);
        facts.put("protocol", session.getProtocol());
        boolean nameMatches = guarded.hostnameVerifier().verify(host, session);
        facts.put("nameMatches", nameMatches);
        String evidence = session.getProtocol() + "; " + certificateText(leaf, host, nameMatches);
        if (!nameMatches) {
          return DoctorStep.fail(
              "tls",
              evidence,
              "the certificate is not for "
                  + host
                  + ": is the URL the service's own name"
                  + " (not an IP address or a private alias)? A proxy or firewall inspecting TLS"
                  + " on the way would present its own certificate",
              facts);
        }
        return DoctorStep.pass("tls", evidence, facts);
      }
    } catch (SSLException e) {
      X509Certificate leaf = recording.leaf();
      String evidence = "handshake failed: " + e.getMessage();
      if (leaf != null) {
        certificateFacts(facts, leaf);
        evidence += "; server presented " + certificateText(leaf, host, null);
      }
      facts.put("error", String.valueOf(e.getMessage()));
      return DoctorStep.fail("tls", evidence, tlsFix(recording.failure(), leaf), facts);
    } catch (IOException | java.security.GeneralSecurityException e) {
      facts.put("error", String.valueOf(e.getMessage()));
      return DoctorStep.fail(
          "tls",
          "no TLS connection: " + e,
          "the connection closed before the handshake finished: check what listens at the"
              + " private endpoint's port (a service that is not HTTPS, or a firewall)",
          facts);
    }
  }

  private static String tlsFix(
      @Nullable CertificateException failure, @Nullable X509Certificate leaf) {
    if (failure instanceof CertificateExpiredException && leaf != null) {
      return "the server's certificate expired on "
          + leaf.getNotAfter().toInstant()
          + ": Azure renews its own certificates, so this one is not Azure's; look for a proxy or"
          + " firewall inspecting TLS, or renew the certificate of the gateway in front of the"
          + " service";
    }
    if (failure instanceof CertificateNotYetValidException) {
      return "the server's certificate is not valid yet: check this machine's clock";
    }
    if (failure != null) {
      return "the server's certificate is not trusted here ("
          + failure.getMessage()
          + "): a"
          + " proxy or firewall inspecting TLS presents its own; if the service is behind a"
          + " private CA, give that CA with --ca-cert FILE";
    }
    return "the TLS handshake failed: check that the private endpoint's port speaks HTTPS and"
        + " that this JVM supports TLS 1.2 or newer";
  }

  private static void certificateFacts(Map<String, Object> facts, X509Certificate leaf) {
    facts.put("subject", leaf.getSubjectX500Principal().getName());
    facts.put("subjectAlternativeNames", dnsNames(leaf));
    facts.put("issuer", leaf.getIssuerX500Principal().getName());
    facts.put("notAfter", leaf.getNotAfter().toInstant().toString());
  }

  private static String certificateText(
      X509Certificate leaf, String host, @Nullable Boolean nameMatches) {
    StringBuilder text = new StringBuilder("certificate ");
    text.append(leaf.getSubjectX500Principal().getName());
    if (nameMatches != null) {
      text.append(nameMatches ? ", names " + host : ", does NOT name " + host);
    }
    List<String> names = dnsNames(leaf);
    text.append(" (SAN ").append(String.join(", ", names.subList(0, Math.min(3, names.size()))));
    text.append(names.size() > 3 ? ", +" + (names.size() - 3) + " more)" : ")");
    text.append("; issuer ").append(leaf.getIssuerX500Principal().getName());
    Instant notAfter = leaf.getNotAfter().toInstant();
    Duration left = Duration.between(Instant.now(), notAfter);
    text.append("; expires ").append(notAfter.truncatedTo(ChronoUnit.SECONDS));
    text.append(left.isNegative() ? " (EXPIRED)" : " (in " + human(left) + ")");
    return text.toString();
  }

  private static String human(Duration d) {
    if (d.toDays() >= 2) {
      return d.toDays() + " days";
    }
    return d.toHours() >= 1 ? d.toHours() + " h" : d.toMinutes() + " min";
  }

  private static List<String> dnsNames(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (Integer.valueOf(2).equals(san.get(0)) || Integer.valueOf(7).equals(san.get(0))) {
            names.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateException e) {
      // unparseable extension: report no names
    }
    return names;
  }

  /** Records the chain the server presented, and why it was refused, before delegating. */
  private static final class RecordingTrustManager implements X509TrustManager {
    private final X509TrustManager delegate;
    private volatile X509Certificate @Nullable [] chain;
    private volatile @Nullable CertificateException failure;

    RecordingTrustManager(X509TrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      this.chain = chain.clone();
      try {
        delegate.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        this.failure = rootCertificateFailure(e, chain[0]);
        throw e;
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }

    @Nullable X509Certificate leaf() {
      X509Certificate[] c = chain;
      return c == null || c.length == 0 ? null : c[0];
    }

    @Nullable CertificateException failure() {
      return failure;
    }

    /** PKIX wraps the expiry in a validator exception; the leaf's own dates say it plainly. */
    private static CertificateException rootCertificateFailure(
        CertificateException e, X509Certificate leaf) {
      try {
        leaf.checkValidity();
      } catch (CertificateExpiredException | CertificateNotYetValidException validity) {
        return validity;
      }
      return e;
    }
  }

  // ---- token

  private record Token(@Nullable String value, boolean failed) {}

  private ServiceEndpoint endpoint(HttpUrl url) {
    try {
      return ServiceEndpoint.parse(url.host());
    } catch (PrivateLinkException e) {
      throw new IllegalStateException("the host verified but does not parse: " + url.host(), e);
    }
  }

  private Token tokenStep(HttpUrl url, ServiceEndpoint endpoint, Consumer<DoctorStep> report) {
    if (credential == null) {
      report.accept(DoctorStep.skip("token", "--no-auth: no token requested, none sent"));
      return new Token(null, false);
    }
    if (endpoint.tokenScope().isEmpty()) {
      report.accept(
          DoctorStep.skip(
              "token",
              url.host()
                  + " is not an Azure FHIR or DICOM host: no token scope is known, none sent"));
      return new Token(null, false);
    }
    String scope = endpoint.tokenScope().get();
    String expectedAudience = expectedAudience(endpoint);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("scope", scope);
    facts.put("expectedAudience", expectedAudience);
    AccessToken token;
    try {
      token =
          credential.getTokenSync(new TokenRequestContext().addScopes(scope).setTenantId(tenant));
    } catch (RuntimeException e) {
      facts.put("error", String.valueOf(e.getMessage()));
      report.accept(
          DoctorStep.fail(
              "token",
              "no token for scope " + scope + ": " + firstLine(e.getMessage()),
              "sign in with 'az login' (and 'az account set'), or run where a managed identity or"
                  + " AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET is set; give the tenant with"
                  + " --tenant; or check without a token with --no-auth",
              facts));
      return new Token(null, true);
    }
    JsonNode claims = claims(token.getToken());
    if (claims == null) {
      report.accept(
          DoctorStep.fail(
              "token",
              "the credential returned a token for scope " + scope + " that is not a JWT",
              "use a Microsoft Entra ID credential (DefaultAzureCredential): the service expects a JWT",
              facts));
      return new Token(null, true);
    }
    String audience = text(claims, "aud");
    String tid = text(claims, "tid");
    Instant expires =
        claims.hasNonNull("exp") ? Instant.ofEpochSecond(claims.get("exp").asLong()) : null;
    facts.put("aud", audience);
    facts.put("tid", tid);
    facts.put("oid", text(claims, "oid"));
    facts.put("appid", text(claims, "appid"));
    facts.put("exp", expires == null ? null : expires.toString());
    String evidence =
        "aud "
            + audience
            + ", tid "
            + tid
            + ", expires "
            + (expires == null
                ? "(no exp)"
                : expires + " (in " + human(Duration.between(Instant.now(), expires)) + ")")
            + " (claims decoded, not validated)";
    List<String> problems = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    if (!audienceMatches(audience, expectedAudience)) {
      problems.add("audience " + audience + " is not the service's " + expectedAudience);
      fixes.add("request scope " + scope + " (the audience must be " + expectedAudience + ")");
    }
    if (tenant != null && tid != null && !tenant.equalsIgnoreCase(tid)) {
      problems.add("tenant " + tid + " is not --tenant " + tenant);
      fixes.add("get the token from tenant " + tenant + " (az login --tenant " + tenant + ")");
    }
    if (expires == null || !expires.isAfter(Instant.now())) {
      problems.add("the token has expired");
      fixes.add("check this machine's clock, then sign in again");
    }
    if (problems.isEmpty()) {
      report.accept(DoctorStep.pass("token", evidence, facts));
      return new Token(token.getToken(), false);
    }
    report.accept(
        DoctorStep.fail(
            "token",
            evidence + ": " + String.join("; ", problems),
            String.join("; ", fixes),
            facts));
    return new Token(null, true);
  }

  static String expectedAudience(ServiceEndpoint endpoint) {
    return endpoint.kind() == ServiceEndpoint.Kind.AHDS_DICOM
        ? DICOM_AUDIENCE
        : "https://" + endpoint.host();
  }

  private static boolean audienceMatches(@Nullable String audience, String expected) {
    return audience != null
        && (audience.equalsIgnoreCase(expected) || audience.equalsIgnoreCase(expected + "/"));
  }

  /** The JWT's payload, decoded but not validated; {@code null} when it is not a JWT. */
  static @Nullable JsonNode claims(String jwt) {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      JsonNode node =
          JSON.readTree(
              new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      return node != null && node.isObject() ? node : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable String text(JsonNode claims, String name) {
    JsonNode value = claims.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "no message";
    }
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  // ---- service

  private DoctorStep serviceStep(
      OkHttpClient guarded, HttpUrl url, ServiceEndpoint endpoint, @Nullable String token) {
    boolean dicom = endpoint.kind() == ServiceEndpoint.Kind.AHDS_DICOM;
    String path = dicom ? DicomHealthSample.HEALTH_PATH : "metadata";
    HttpUrl target = url.newBuilder().addPathSegments(path).build();
    Request.Builder request =
        new Request.Builder()
            .url(target)
            .header("Accept", dicom ? "application/json" : "application/fhir+json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("url", target.toString());
    String call = "GET " + target.encodedPath();
    int status;
    String body;
    try (Response response = guarded.newCall(request.build()).execute()) {
      status = response.code();
      ResponseBody responseBody = response.body();
      body = responseBody == null ? "" : responseBody.string();
      facts.put("status", status);
      facts.put("wwwAuthenticate", response.header("WWW-Authenticate"));
    } catch (IOException e) {
      facts.put("error", String.valueOf(e.getMessage()));
      return DoctorStep.fail(
          "service",
          call + " failed: " + e.getMessage(),
          "the connection worked a moment ago: check the service's health in the Azure portal and"
              + " run again with --verbose",
          facts);
    }
    if (status == 401 || status == 403) {
      return DoctorStep.fail(
          "service",
          call + ": HTTP " + status + " " + snippet(body),
          refusalFix(status, body, dicom, token != null),
          facts);
    }
    if (status / 100 != 2) {
      return DoctorStep.fail(
          "service",
          call + ": HTTP " + status + " " + snippet(body),
          "is the URL the service's own base URL ("
              + (dicom
                  ? "https://{workspace}-{dicom}.dicom.azurehealthcareapis.com/"
                  : "https://{workspace}-{fhir}.fhir.azurehealthcareapis.com/ or https://{name}.azurehealthcareapis.com/")
              + ")?",
          facts);
    }
    return dicom ? dicomHealth(call, body, facts) : capabilities(call, body, facts);
  }

  private static DoctorStep capabilities(String call, String body, Map<String, Object> facts) {
    CapabilityStatement cs;
    try {
      cs = FhirContext.forR4Cached().newJsonParser().parseResource(CapabilityStatement.class, body);
    } catch (DataFormatException e) {
      return DoctorStep.fail(
          "service",
          call + ": HTTP 200 but not a CapabilityStatement: " + firstLine(e.getMessage()),
          "the URL does not lead to a FHIR service: give the FHIR service's base URL",
          facts);
    }
    String version = cs.hasFhirVersion() ? cs.getFhirVersion().toCode() : "unknown";
    String software =
        cs.getSoftware().getName()
            + (cs.getSoftware().hasVersion() ? " " + cs.getSoftware().getVersion() : "");
    facts.put("fhirVersion", version);
    facts.put("software", software);
    return DoctorStep.pass(
        "service", call + ": HTTP 200, FHIR " + version + ", software " + software, facts);
  }

  private static DoctorStep dicomHealth(String call, String body, Map<String, Object> facts) {
    String overall = null;
    try {
      JsonNode status = JSON.readTree(body).get("overallStatus");
      overall = status != null && status.isTextual() ? status.asText() : null;
    } catch (IOException e) {
      // not JSON: no status
    }
    facts.put("overallStatus", overall);
    if ("Healthy".equals(overall)) {
      return DoctorStep.pass("service", call + ": HTTP 200, overall status Healthy", facts);
    }
    return DoctorStep.fail(
        "service",
        call + ": HTTP 200, overall status " + overall,
        "the service itself reports a problem: see the body's details and the service's resource"
            + " health in the Azure portal",
        facts);
  }

  static String refusalFix(int status, String body, boolean dicom, boolean sentToken) {
    if (status == 403 && body.contains("Access to") && body.contains("was denied")) {
      return "the service refused the request as not arriving over its private endpoint (public"
          + " network access is disabled, and this request reached the service some other way):"
          + " the address DNS gave is not this service's private endpoint from here, or the"
          + " private endpoint connection is not Approved; compare with 'doctor --arm'";
    }
    if (!sentToken) {
      return "the service requires a bearer token: run without --no-auth";
    }
    String roles =
        dicom
            ? "DICOM Data Reader (read) or DICOM Data Owner"
            : "FHIR Data Reader (read) or FHIR Data Contributor (read and write)";
    if (status == 401) {
      return "the service did not accept the token: check the token step's audience and tenant (the"
          + " token must come from the service's tenant), then that the identity holds "
          + roles;
    }
    return "the identity (the token's oid) has no data-plane role on the service: assign "
        + roles
        + " on the service (or its workspace) to it; role assignments take a few minutes to apply";
  }

  private static String snippet(String body) {
    String one = body.strip().replaceAll("\\s+", " ");
    return one.isEmpty()
        ? "(empty body)"
        : "\"" + (one.length() > 160 ? one.substring(0, 160) + "..." : one) + "\"";
  }

  // ---- public side (opt-in)

  private void publicSteps(
      PrivateLinkResolver publicResolver, HttpUrl url, Consumer<DoctorStep> report) {
    Diagnosis outside = publicResolver.diagnose(url.host());
    Resolution r = outside.resolution();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("nameserver", r.nameserver().orElse(null));
    facts.put("chain", r.cnameChain());
    List<String> addresses = r.addresses().stream().map(Resolution.Address::text).toList();
    facts.put("addresses", addresses);
    String evidence =
        "LEFT THE PRIVATE NETWORK: asked public resolver "
            + String.join(", ", publicResolver.nameservers())
            + ": "
            + String.join(" -> ", r.cnameChain().isEmpty() ? List.of(r.host()) : r.cnameChain())
            + (addresses.isEmpty()
                ? " (no addresses: " + r.verdict().name() + ")"
                : " -> " + String.join(", ", addresses))
            + "; an outside client would connect there";
    report.accept(DoctorStep.pass("public-dns", evidence, facts));
    if (!probePublic) {
      return;
    }
    if (r.addresses().isEmpty()) {
      report.accept(
          DoctorStep.skip("public-probe", "the public resolver gave no address to probe"));
      return;
    }
    report.accept(publicProbe(url, r.addresses().get(0).address()));
  }

  private DoctorStep publicProbe(HttpUrl url, InetAddress address) {
    ServiceEndpoint endpoint = endpoint(url);
    boolean dicom = endpoint.kind() == ServiceEndpoint.Kind.AHDS_DICOM;
    HttpUrl target =
        url.newBuilder()
            .addPathSegments(dicom ? DicomHealthSample.HEALTH_PATH : "metadata")
            .build();
    // Deliberately unguarded and pinned to the public address; no credential is anywhere near it.
    OkHttpClient outside =
        httpClient
            .newBuilder()
            .dns(host -> List.of(address))
            .proxy(java.net.Proxy.NO_PROXY)
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
    Map<String, Object> facts = new LinkedHashMap<>();
    String where = endpointText(address, url.port());
    facts.put("address", where);
    facts.put("url", target.toString());
    facts.put("tokenSent", false);
    String call =
        "LEFT THE PRIVATE NETWORK: unauthenticated GET " + target.encodedPath() + " to " + where;
    try (Response response = outside.newCall(new Request.Builder().url(target).build()).execute()) {
      int status = response.code();
      ResponseBody responseBody = response.body();
      String body = responseBody == null ? "" : responseBody.string();
      facts.put("status", status);
      if (status == 403) {
        facts.put("publicNetworkAccess", "Disabled");
        return DoctorStep.pass(
            "public-probe",
            call + ": HTTP 403 " + snippet(body) + ": public network access is off",
            facts);
      }
      facts.put("publicNetworkAccess", "Enabled");
      return DoctorStep.fail(
          "public-probe",
          call
              + ": HTTP "
              + status
              + ": the service answers over the internet, public network access is ON",
          "turn public network access off (portal: the service's Networking, Public network access:"
              + " Disabled; or publicNetworkAccess=Disabled in your template); it takes up to 5"
              + " minutes to apply",
          facts);
    } catch (IOException e) {
      facts.put("error", String.valueOf(e.getMessage()));
      return DoctorStep.skip(
          "public-probe",
          call
              + ": no answer ("
              + e.getMessage()
              + "): inconclusive, a firewall on the way or the public endpoint is unreachable from here");
    }
  }
}
