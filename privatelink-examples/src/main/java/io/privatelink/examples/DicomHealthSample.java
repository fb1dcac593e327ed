package io.privatelink.examples;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privatelink.azure.EntraTokenInterceptor;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.ServiceEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Calls an Azure DICOM service's health check ({@code GET [base]/health/check}) through a guarded
 * OkHttp client: the host must resolve to its private endpoint, or nothing is sent and no token is
 * requested.
 *
 * <pre>{@code
 * DicomHealthSample.Health health = DicomHealthSample.check(
 *     serviceBase,  // e.g. "https://ws-dicom.dicom.azurehealthcareapis.com/"
 *     resolver,     // e.g. PrivateLinkResolver.builder().build(): the system's nameservers
 *     credential,   // e.g. new DefaultAzureCredentialBuilder().build(), or null to send no token
 *     httpClient);  // e.g. new OkHttpClient()
 * DicomHealthSample.print(health, new PrintWriter(System.out, true));
 * }</pre>
 */
public final class DicomHealthSample {

  /** The path of the health check, relative to the service URL. */
  public static final String HEALTH_PATH = "health/check";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DicomHealthSample() {}

  /** {@code java ... DicomHealthSample https://ws-dicom.dicom.azurehealthcareapis.com/}. */
  public static void main(String[] args) throws IOException {
    Health health =
        check(
            args[0],
            PrivateLinkResolver.builder().build(),
            new DefaultAzureCredentialBuilder().build(),
            new OkHttpClient());
    print(health, new PrintWriter(System.out, true));
  }

  /**
   * What the health check answered.
   *
   * @param url the URL that was called
   * @param httpStatus the HTTP status code
   * @param overallStatus the body's {@code overallStatus} (e.g. {@code Healthy}); {@code null} when
   *     the body has none
   * @param body the response body as text
   */
  public record Health(String url, int httpStatus, @Nullable String overallStatus, String body) {

    /** True for a 2xx answer whose {@code overallStatus} is {@code Healthy}. */
    public boolean healthy() {
      return httpStatus / 100 == 2 && "Healthy".equals(overallStatus);
    }
  }

  /**
   * Calls the health check of {@code dicomBase} over its private endpoint.
   *
   * @param dicomBase the DICOM service URL, {@code https://...}
   * @param resolver verifies the host, before the token request and at every connection
   * @param credential where the bearer token comes from (scope {@link ServiceEndpoint#tokenScope()}
   *     of the URL); {@code null} sends no token
   * @param httpClient the client to start from (timeouts, TLS settings); the guard replaces its
   *     DNS, socket factory and proxy
   * @throws PrivateLinkException if the host does not verify as private (nothing was sent, no token
   *     requested)
   * @throws IOException if the service cannot be reached, or no token could be obtained ({@link
   *     io.privatelink.azure.TokenRequestException})
   * @throws IllegalArgumentException if {@code dicomBase} is not an https URL
   */
  public static Health check(
      String dicomBase,
      PrivateLinkResolver resolver,
      @Nullable TokenCredential credential,
      OkHttpClient httpClient)
      throws IOException {
    HttpUrl base = HttpUrl.parse(dicomBase);
    if (base == null || !base.isHttps()) {
      throw new IllegalArgumentException("not an https URL: " + dicomBase);
    }
    HttpUrl url = base.newBuilder().addPathSegments(HEALTH_PATH).query(null).build();
    Request request = new Request.Builder().url(url).header("Accept", "application/json").build();
    OkHttpClient source = httpClient;
    if (credential != null) {
      // Verifies the host before asking Microsoft Entra ID for a token (a misrouted call never gets
      // as far as holding one), caches the token and sends it to this host only.
      EntraTokenInterceptor tokens =
          EntraTokenInterceptor.builder()
              .credential(credential)
              .serviceUrl(dicomBase)
              .resolver(resolver)
              .build();
      source = httpClient.newBuilder().addInterceptor(tokens).build();
    }
    OkHttpClient guarded =
        GuardedHttpClient.builder().resolver(resolver).from(source).allowedHosts(dicomBase).build();
    try (Response response = guarded.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      return new Health(url.toString(), response.code(), overallStatus(text), text);
    }
  }

  private static @Nullable String overallStatus(String body) {
    try {
      JsonNode status = JSON.readTree(body).get("overallStatus");
      return status != null && status.isTextual() ? status.asText() : null;
    } catch (IOException e) {
      return null; // not JSON: no status to report
    }
  }

  /**
   * Prints a summary:
   *
   * <pre>
   * GET https://ws-dicom.dicom.azurehealthcareapis.com/health/check: HTTP 200
   * Overall status: Healthy
   * </pre>
   */
  public static void print(Health health, PrintWriter out) {
    out.println("GET " + health.url() + ": HTTP " + health.httpStatus());
    out.println(
        "Overall status: "
            + (health.overallStatus() == null ? "(none in the body)" : health.overallStatus()));
    out.flush();
  }
}
