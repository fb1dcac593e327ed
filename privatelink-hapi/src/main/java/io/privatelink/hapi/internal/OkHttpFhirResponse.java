package io.privatelink.hapi.internal;

import ca.uhn.fhir.rest.client.impl.BaseHttpResponse;
import ca.uhn.fhir.util.StopWatch;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * HAPI's view of an OkHttp {@link Response}. The body streams from the connection until {@link
 * #bufferEntity()} is called; {@link #close()} releases the connection (HAPI's {@code BaseClient}
 * calls it in a {@code finally} block after every request) and may be called more than once.
 *
 * <p>Gzip-encoded bodies arrive decoded: OkHttp negotiated the encoding and decodes it itself.
 */
final class OkHttpFhirResponse extends BaseHttpResponse {

  private final Response response;
  // Parsed once: ResponseBody.contentType() parses the header again on every call.
  private final @Nullable MediaType contentType;
  private byte @Nullable [] buffered;

  OkHttpFhirResponse(Response response, StopWatch stopWatch) {
    super(stopWatch);
    this.response = response;
    ResponseBody body = response.body();
    this.contentType = body == null ? null : body.contentType();
  }

  @Override
  public void bufferEntity() throws IOException {
    if (buffered != null) {
      return;
    }
    ResponseBody body = response.body();
    if (body == null) {
      return;
    }
    try (body) {
      buffered = body.bytes();
    }
  }

  @Override
  public void close() {
    response.close();
  }

  @Override
  public Reader createReader() throws IOException {
    InputStream entity = readEntity();
    if (entity == null) {
      return new StringReader("");
    }
    return new InputStreamReader(entity, charset());
  }

  private Charset charset() {
    Charset charset = contentType == null ? null : contentType.charset();
    return charset == null ? StandardCharsets.UTF_8 : charset;
  }

  /** All response headers, names in lower case (as HAPI's Apache implementation gives them). */
  @Override
  public Map<String, List<String>> getAllHeaders() {
    Headers headers = response.headers();
    Map<String, List<String>> result = new HashMap<>(headers.size() * 2);
    for (int i = 0; i < headers.size(); i++) {
      result
          .computeIfAbsent(headers.name(i).toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
          .add(headers.value(i));
    }
    return result;
  }

  @Override
  public List<String> getHeaders(String name) {
    return new ArrayList<>(response.headers(name));
  }

  @Override
  public @Nullable String getMimeType() {
    if (contentType == null) {
      return null;
    }
    return contentType.type() + "/" + contentType.subtype();
  }

  /** The OkHttp {@link Response}. */
  @Override
  public Response getResponse() {
    return response;
  }

  @Override
  public int getStatus() {
    return response.code();
  }

  @Override
  public String getStatusInfo() {
    return response.message();
  }

  @Override
  public @Nullable InputStream readEntity() {
    if (buffered != null) {
      return new ByteArrayInputStream(buffered);
    }
    ResponseBody body = response.body();
    return body == null ? null : new BodyStream(body.source());
  }

  /**
   * The body as a stream whose {@link #readAllBytes()}, which is how HAPI reads every successful
   * response, copies the body once out of Okio's pooled segments into an array of its exact size;
   * {@code InputStream}'s default copies it twice, through a chain of 8 KB arrays.
   */
  private static final class BodyStream extends FilterInputStream {
    private final BufferedSource source;

    BodyStream(BufferedSource source) {
      super(source.inputStream());
      this.source = source;
    }

    @Override
    public byte[] readAllBytes() throws IOException {
      try {
        return source.readByteArray();
      } catch (IllegalStateException closed) { // Okio's signal for a closed source
        throw new IOException(closed.getMessage(), closed);
      }
    }
  }
}
