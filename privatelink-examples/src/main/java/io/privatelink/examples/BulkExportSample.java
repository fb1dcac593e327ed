package io.privatelink.examples;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privatelink.azure.EntraTokenInterceptor;
import io.privatelink.azure.GuardedAzureHttpClient;
import io.privatelink.azure.HostVerificationPolicy;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * A FHIR bulk {@code $export}, end to end over Private Link: kick-off on the FHIR service, polling
 * until the export is done, then each NDJSON output file downloaded from the Storage account with
 * {@code azure-storage-blob}, every hop through the guard and with Entra ID tokens for hosts that
 * verified as private only. With {@code resolver}, a {@code credential} ({@code null} sends no
 * token) and your {@code okHttpClient}:
 *
 * <pre>{@code
 * BulkExportSample.Export export =
 *     BulkExportSample.export(fhirBase, resolver, credential, okHttpClient);
 * BulkExportSample.print(export, new PrintWriter(System.out, true));
 * }</pre>
 *
 * <p>The FHIR calls go through a guarded OkHttp client limited to the FHIR host, with {@link
 * EntraTokenInterceptor}; the downloads through {@link GuardedAzureHttpClient} with {@link
 * HostVerificationPolicy} ahead of the SDK's credential policy, so a storage account whose private
 * DNS zone is not linked is refused before any connection and before any token is requested.
 */
public final class BulkExportSample {

  /** How long {@link #export} waits for the export to finish, in all. */
  public static final Duration MAX_WAIT = Duration.ofMinutes(10);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private BulkExportSample() {}

  /** {@code java ... BulkExportSample https://ws-fhir.fhir.azurehealthcareapis.com/}. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Export export =
        export(
            args[0],
            PrivateLinkResolver.builder().build(),
            new DefaultAzureCredentialBuilder().build(),
            new OkHttpClient());
    print(export, new PrintWriter(System.out, true));
  }

  /**
   * One downloaded output file.
   *
   * @param type the resource type
   * @param url where it was downloaded from
   * @param ndjson its content, one resource per line
   */
  public record OutputFile(String type, String url, String ndjson) {

    /** The number of resources (non-empty lines). */
    public long resources() {
      return ndjson.lines().filter(l -> !l.isBlank()).count();
    }
  }

  /**
   * A finished export.
   *
   * @param statusUrl the status URL the kick-off answered with
   * @param polls how often it was polled
   * @param files the output files, downloaded
   */
  public record Export(String statusUrl, int polls, List<OutputFile> files) {}

  /**
   * Runs a system-level {@code $export} on {@code fhirBase} and downloads its output.
   *
   * @param fhirBase the FHIR service URL, {@code https://...}
   * @param resolver verifies every host (FHIR and Storage) before tokens and connections
   * @param credential where bearer tokens come from (the FHIR scope for the FHIR calls, Storage's
   *     for the downloads); {@code null} sends none
   * @param httpClient the client to start from (timeouts, TLS settings); the guard takes over DNS,
   *     sockets and proxies
   * @throws PrivateLinkException (or an exception whose cause chain holds it) if the FHIR host or a
   *     storage host does not verify as private; nothing was sent there
   * @throws IOException if a call fails or the service answers unexpectedly
   * @throws IllegalArgumentException if {@code fhirBase} is not an https URL
   */
  public static Export export(
      String fhirBase,
      PrivateLinkResolver resolver,
      @Nullable TokenCredential credential,
      OkHttpClient httpClient)
      throws IOException, InterruptedException {
    HttpUrl base = HttpUrl.parse(fhirBase);
    if (base == null || !base.isHttps()) {
      throw new IllegalArgumentException("not an https URL: " + fhirBase);
    }
    OkHttpClient source = httpClient;
    if (credential != null) {
      source =
          httpClient
              .newBuilder()
              .addInterceptor(
                  EntraTokenInterceptor.builder()
                      .credential(credential)
                      .serviceUrl(fhirBase)
                      .resolver(resolver)
                      .build())
              .build();
    }
    // Limited to the FHIR host: a status URL pointing anywhere else is refused before DNS.
    OkHttpClient fhir =
        GuardedHttpClient.builder().resolver(resolver).from(source).allowedHosts(fhirBase).build();

    String statusUrl = kickOff(fhir, base.newBuilder().addPathSegment("$export").build());
    int polls = 0;
    Instant deadline = Instant.now().plus(MAX_WAIT);
    JsonNode manifest;
    while (true) {
      polls++;
      Request poll =
          new Request.Builder().url(statusUrl).header("Accept", "application/json").build();
      try (Response response = fhir.newCall(poll).execute()) {
        if (response.code() == 200) {
          manifest = JSON.readTree(text(response));
          break;
        }
        if (response.code() != 202) {
          throw new IOException(
              "the export status at "
                  + statusUrl
                  + " answered HTTP "
                  + response.code()
                  + ": "
                  + text(response));
        }
        Duration wait = retryAfter(response.header("Retry-After"));
        if (Instant.now().plus(wait).isAfter(deadline)) {
          throw new IOException(
              "the export did not finish within " + MAX_WAIT + " (" + statusUrl + ")");
        }
        Thread.sleep(wait.toMillis());
      }
    }

    HttpClient storage =
        GuardedAzureHttpClient.builder().resolver(resolver).from(httpClient).build();
    List<OutputFile> files = new ArrayList<>();
    for (JsonNode output : manifest.path("output")) {
      String url = output.path("url").asText();
      BlobClientBuilder blob =
          new BlobClientBuilder()
              .endpoint(url)
              .httpClient(storage)
              .addPolicy(new HostVerificationPolicy(resolver)); // no token for an unverified host
      if (credential != null) {
        blob.credential(credential);
      }
      String ndjson = blob.buildClient().downloadContent().toString();
      files.add(new OutputFile(output.path("type").asText(), url, ndjson));
    }
    return new Export(statusUrl, polls, List.copyOf(files));
  }

  private static String kickOff(OkHttpClient fhir, HttpUrl url) throws IOException {
    Request request =
        new Request.Builder()
            .url(url)
            .header("Accept", "application/fhir+json")
            .header("Prefer", "respond-async")
            .build();
    try (Response response = fhir.newCall(request).execute()) {
      String location = response.header("Content-Location");
      if (response.code() != 202 || location == null) {
        throw new IOException(
            "the $export kick-off at "
                + url
                + " answered HTTP "
                + response.code()
                + (location == null ? " without Content-Location" : "")
                + ": "
                + text(response));
      }
      HttpUrl status = url.resolve(location);
      if (status == null) {
        throw new IOException(
            "the $export kick-off answered a malformed Content-Location: " + location);
      }
      return status.toString();
    }
  }

  private static Duration retryAfter(@Nullable String header) {
    if (header != null) {
      try {
        Duration d = Duration.ofSeconds(Long.parseLong(header.trim()));
        return d.isNegative()
            ? Duration.ZERO
            : d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
      } catch (NumberFormatException e) {
        // an HTTP date or garbage: fall back to one second
      }
    }
    return Duration.ofSeconds(1);
  }

  private static String text(Response response) throws IOException {
    ResponseBody body = response.body();
    return body == null ? "" : body.string();
  }

  /**
   * Prints a summary:
   *
   * <pre>
   * Export:    https://ws-fhir.fhir.azurehealthcareapis.com/$export-poll-status?_jobId=... (2 polls)
   * Patient:   3 resources from https://mystorage.blob.core.windows.net/export/.../Patient.ndjson
   * </pre>
   */
  public static void print(Export export, PrintWriter out) {
    out.println("Export:    " + export.statusUrl() + " (" + export.polls() + " polls)");
    for (OutputFile file : export.files()) {
      out.printf("%-10s %d resources from %s%n", file.type() + ":", file.resources(), file.url());
    }
    if (export.files().isEmpty()) {
      out.println("No output files: the server had nothing to export.");
    }
    out.flush();
  }
}
