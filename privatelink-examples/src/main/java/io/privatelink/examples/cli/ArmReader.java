package io.privatelink.examples.cli;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privatelink.azure.GuardedAzureHttpClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Reads Azure Resource Manager over its REST API through an azure-core {@link HttpPipeline}: a
 * bearer token for the management scope, and azure-core's retry policy, which waits as long as a
 * 429's {@code Retry-After} says. Lists are followed through every {@code nextLink}.
 *
 * <p>ARM is public by design (like Microsoft Entra ID): by default these requests go through
 * azure-core's OkHttp client unguarded, and carry only the management token, never the data-plane
 * one. When ARM is reached over its own private link (Resource Management Private Link, {@code
 * doctor --arm-private}), they go through the guarded {@link GuardedAzureHttpClient} instead, so
 * the management token too leaves only over the private network.
 */
final class ArmReader {

  /** Azure Resource Manager in the public cloud. */
  static final String PUBLIC_CLOUD = "https://management.azure.com/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpPipeline pipeline;
  private final String endpoint;

  /**
   * @param endpoint ARM's base URL, e.g. {@link #PUBLIC_CLOUD}
   * @param credential the management token's source; {@code null} sends none (a sandbox ARM only)
   * @param base the OkHttp client to start from (timeouts, trusted certificate authorities)
   * @param privateArm verifies ARM's host and guards every ARM request when ARM is reached over its
   *     private link; {@code null} for the public ARM endpoint
   */
  ArmReader(
      String endpoint,
      @Nullable TokenCredential credential,
      OkHttpClient base,
      @Nullable PrivateLinkResolver privateArm) {
    this.endpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
    List<HttpPipelinePolicy> policies = new ArrayList<>();
    policies.add(
        new RetryPolicy(
            new ExponentialBackoff(3, Duration.ofMillis(500), Duration.ofSeconds(30)) {
              @Override
              public boolean shouldRetryCondition(RequestRetryCondition condition) {
                // A refusal by the guard is a verdict, not a transient failure: asking again
                // changes nothing.
                return PrivateLinkException.find(condition.getThrowable()).isEmpty()
                    && super.shouldRetryCondition(condition);
              }
            }));
    if (credential != null) {
      policies.add(new BearerTokenAuthenticationPolicy(credential, this.endpoint + ".default"));
    }
    this.pipeline =
        new HttpPipelineBuilder()
            .httpClient(httpClient(base, privateArm))
            .policies(policies.toArray(new HttpPipelinePolicy[0]))
            .build();
  }

  private static HttpClient httpClient(
      OkHttpClient base, @Nullable PrivateLinkResolver privateArm) {
    if (privateArm != null) {
      return GuardedAzureHttpClient.builder().resolver(privateArm).from(base).build();
    }
    // azure-core would replace the base's timeouts with its defaults; keep them.
    return new OkHttpAsyncHttpClientBuilder(base)
        .connectionTimeout(Duration.ofMillis(base.connectTimeoutMillis()))
        .readTimeout(Duration.ofMillis(base.readTimeoutMillis()))
        .build();
  }

  /** A failed ARM request: its status and ARM's error code and message. */
  static final class ArmException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final @Nullable String code;

    ArmException(int status, @Nullable String code, @Nullable String message) {
      super(
          "HTTP "
              + status
              + (code == null ? "" : " " + code)
              + (message == null ? "" : ": " + message));
      this.status = status;
      this.code = code;
    }

    int status() {
      return status;
    }

    @Nullable String code() {
      return code;
    }
  }

  /** GET {@code resourceId?api-version=...}. */
  JsonNode get(String resourceId, String apiVersion) throws IOException {
    return send(endpoint + strip(resourceId) + "?api-version=" + apiVersion);
  }

  /** Every item of a list, following {@code nextLink} page by page. */
  List<JsonNode> list(String collectionId, String apiVersion) throws IOException {
    List<JsonNode> items = new ArrayList<>();
    String url = endpoint + strip(collectionId) + "?api-version=" + apiVersion;
    for (int page = 0; url != null; page++) {
      if (page == 100) {
        throw new IOException(
            "more than 100 pages at " + collectionId + ": stopped following nextLink");
      }
      JsonNode body = send(url);
      body.path("value").forEach(items::add);
      JsonNode next = body.get("nextLink");
      url = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
    }
    return items;
  }

  private static String strip(String id) {
    return id.startsWith("/") ? id.substring(1) : id;
  }

  private JsonNode send(String url) throws IOException {
    try (HttpResponse response =
        pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
      String body =
          response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
      JsonNode json = body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
      if (response.getStatusCode() / 100 != 2) {
        JsonNode error = json.path("error");
        throw new ArmException(
            response.getStatusCode(),
            error.hasNonNull("code") ? error.get("code").asText() : null,
            error.hasNonNull("message") ? error.get("message").asText() : null);
      }
      return json;
    } catch (RuntimeException e) {
      throw new IOException(
          "Azure Resource Manager at " + endpoint + " could not be read: " + e.getMessage(), e);
    }
  }
}
