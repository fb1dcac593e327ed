package io.privatelink.hapi.internal;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.client.api.BaseHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.util.StopWatch;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.ServiceEndpoint;
import io.privatelink.core.Verdict;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * One HAPI request, turned into an OkHttp {@link Request} only when {@link #execute()} is called,
 * so HAPI and its interceptors may still change headers and the URI until then.
 *
 * <p>Not thread-safe, like every HAPI {@code IHttpRequest}: one thread builds and executes it.
 */
final class OkHttpFhirRequest extends BaseHttpRequest {

  private final OkHttpClient client;
  private final String verb;
  private final byte @Nullable [] body;
  private final @Nullable String defaultContentType;
  private final List<String[]> headers = new ArrayList<>();
  private String uri;
  private boolean gzipBody;
  private java.net.@Nullable UnknownHostException refusal;

  OkHttpFhirRequest(
      OkHttpClient client,
      String uri,
      String verb,
      byte @Nullable [] body,
      @Nullable String defaultContentType) {
    this.client = client;
    this.uri = uri;
    this.verb = verb;
    this.body = body;
    this.defaultContentType = defaultContentType;
  }

  /** Makes {@link #execute()} fail with {@code refusal}, as the guarded client's DNS would. */
  void refuse(java.net.UnknownHostException refusal) {
    this.refusal = refusal;
  }

  /** Sends a non-empty body gzip-compressed, with {@code Content-Encoding: gzip}. */
  void gzipBody() {
    this.gzipBody = true;
  }

  @Override
  public void addHeader(String name, String value) {
    headers.add(new String[] {name, value});
  }

  /**
   * Sends the request through the client it was made with.
   *
   * <p>An {@link IOException} from OkHttp (including the {@code UnknownHostException} a guarded
   * client's {@code Dns} throws for a host that is not private) is rethrown as HAPI's {@link
   * FhirClientConnectionException} with that exception as its cause. HAPI's {@code BaseClient}
   * would otherwise wrap it as "Failed to parse response", which misleads the reader; a runtime
   * exception passes through HAPI untouched and is never retried by HAPI.
   */
  @Override
  public IHttpResponse execute() {
    if (refusal != null) {
      throw new FhirClientConnectionException(
          verb + " " + uri + " failed before any response: " + refusal, refusal);
    }
    Request request = toOkHttpRequest();
    StopWatch stopWatch = new StopWatch();
    Response response;
    try {
      response = client.newCall(request).execute();
    } catch (IOException e) {
      throw new FhirClientConnectionException(
          verb + " " + uri + " failed before any response: " + e + publicServerHint(e), e);
    }
    return new OkHttpFhirResponse(response, stopWatch);
  }

  /**
   * For a host that resolved to public addresses only, outside any private-link zone and not an
   * Azure health host, names the option of routing it as a public server; empty for every other
   * refusal (a mixed or unlinked private-link host must be fixed, not routed around the guard).
   */
  static String publicServerHint(IOException e) {
    return PrivateLinkException.find(e)
        .filter(p -> p.verdict() == Verdict.PUBLIC_ADDRESS)
        .filter(p -> p.resolution().cnameChain().stream().noneMatch(OkHttpFhirRequest::isPrivateLinkName))
        .filter(p -> isOtherHost(p.host()))
        .map(
            p ->
                ". If "
                    + p.host()
                    + " is a FHIR server you mean to reach over the public internet (a terminology"
                    + " server, a national API), name it: PublicServers.named(\"https://"
                    + p.host()
                    + "/\") on the PrivateLinkRestfulClientFactory or with"
                    + " PrivateLinkFhirClient.builder(ctx).publicServers(...)")
        .orElse("");
  }

  private static boolean isPrivateLinkName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.startsWith("privatelink.") || lower.contains(".privatelink.");
  }

  private static boolean isOtherHost(String host) {
    try {
      return ServiceEndpoint.parse(host).kind() == ServiceEndpoint.Kind.OTHER;
    } catch (PrivateLinkException e) {
      return false;
    }
  }

  Request toOkHttpRequest() {
    HttpUrl url = HttpUrl.parse(uri);
    if (url == null) {
      throw new IllegalArgumentException("Not an http or https URL: " + uri);
    }
    Request.Builder builder = new Request.Builder().url(url);
    String contentType = defaultContentType;
    for (String[] header : headers) {
      String name = header[0];
      String value = header[1];
      if (value == null) {
        continue;
      }
      if (Constants.HEADER_ACCEPT_ENCODING.equalsIgnoreCase(name) && isGzipOnly(value)) {
        // OkHttp decodes gzip transparently only when it adds Accept-Encoding itself.
        continue;
      }
      if (Constants.HEADER_CONTENT_TYPE.equalsIgnoreCase(name) && body != null) {
        contentType = value; // carried by the body's media type
        continue;
      }
      builder.addHeader(name, value);
    }
    boolean gzip = gzipBody && body != null && body.length > 0;
    if (gzip) {
      builder.header(Constants.HEADER_CONTENT_ENCODING, Constants.ENCODING_GZIP);
    }
    builder.method(verb, requestBody(contentType, gzip));
    return builder.build();
  }

  private @Nullable RequestBody requestBody(@Nullable String contentType, boolean gzip) {
    MediaType mediaType = contentType == null ? null : MediaType.parse(contentType);
    if (body != null) {
      return RequestBody.create(gzip ? gzip(body) : body, mediaType);
    }
    boolean bodyRequired = verb.equals("POST") || verb.equals("PUT") || verb.equals("PATCH");
    return bodyRequired ? RequestBody.create(new byte[0], mediaType) : null;
  }

  private static byte[] gzip(byte[] plain) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(plain.length / 4 + 64);
    try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
      zip.write(plain);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // in memory: cannot happen
    }
    return out.toByteArray();
  }

  private static boolean isGzipOnly(String value) {
    return value.trim().toLowerCase(Locale.ROOT).equals("gzip");
  }

  @Override
  public Map<String, List<String>> getAllHeaders() {
    Map<String, List<String>> result = new LinkedHashMap<>();
    for (String[] header : headers) {
      result.computeIfAbsent(header[0], k -> new ArrayList<>()).add(header[1]);
    }
    result.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return Collections.unmodifiableMap(result);
  }

  @Override
  public @Nullable String getRequestBodyFromStream() {
    if (body == null) {
      return null;
    }
    return new String(body, charset());
  }

  private Charset charset() {
    String contentType = defaultContentType;
    for (String[] header : headers) {
      if (Constants.HEADER_CONTENT_TYPE.equalsIgnoreCase(header[0]) && header[1] != null) {
        contentType = header[1];
      }
    }
    MediaType mediaType = contentType == null ? null : MediaType.parse(contentType);
    Charset charset = mediaType == null ? null : mediaType.charset();
    return charset == null ? StandardCharsets.UTF_8 : charset;
  }

  @Override
  public String getUri() {
    return uri;
  }

  @Override
  public void setUri(String uri) {
    this.uri = uri;
  }

  @Override
  public String getHttpVerbName() {
    return verb;
  }

  @Override
  public void removeHeaders(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("theHeaderName must not be null or blank");
    }
    headers.removeIf(header -> header[0].equalsIgnoreCase(name));
  }

  @Override
  public String toString() {
    return verb + " " + uri;
  }
}
