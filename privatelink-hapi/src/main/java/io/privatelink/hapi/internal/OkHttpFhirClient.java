package io.privatelink.hapi.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.client.api.Header;
import ca.uhn.fhir.rest.client.api.HttpClientUtil;
import ca.uhn.fhir.rest.client.api.IHttpClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.impl.BaseHttpClientInvocation;
import ca.uhn.fhir.rest.client.method.MethodUtil;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.hl7.fhir.instance.model.api.IBaseBinary;
import org.jspecify.annotations.Nullable;

/**
 * HAPI's {@link IHttpClient} on OkHttp: builds one {@link IHttpRequest} for one URL and verb.
 *
 * <p>HAPI asks its context's {@code IRestfulClientFactory} for a fresh instance of this class for
 * every request; it is cheap (it holds references only). The {@link OkHttpClient} is used as handed
 * in: this class never derives a variant from it, so whatever guard it carries (its {@code Dns},
 * socket factory, proxy settings, interceptors, event listeners) applies to every call.
 *
 * <p>Mirrors the header contract of HAPI's Apache implementation ({@code BaseHttpClient}): the
 * invocation's own headers, a {@code User-Agent}, {@code Accept-Encoding: gzip}, {@code
 * If-None-Exist} for conditional creates, and the {@code Accept} header for the encoding.
 */
public final class OkHttpFhirClient implements IHttpClient {

  /** The client type HAPI puts in its {@code User-Agent} string. */
  static final String USER_AGENT_CLIENT_TYPE = "okhttp; privatelink";

  private final OkHttpClient client;
  private final StringBuilder url;
  private final @Nullable Map<String, List<String>> ifNoneExistParams;
  private final @Nullable String ifNoneExistString;
  private final RequestTypeEnum requestType;
  private final @Nullable List<Header> headers;
  private final boolean gzipRequestBodies;

  /**
   * Called by the factory with exactly the arguments HAPI passes to {@code
   * IRestfulClientFactory.getHttpClient(...)}, and the factory's request-body compression setting.
   *
   * @param client the (guarded) client every request goes through
   * @param url the complete request URL, query included
   * @param ifNoneExistParams parameters of a conditional create, or {@code null}
   * @param ifNoneExistString the query of a conditional create, or {@code null}
   * @param requestType the HTTP verb; {@code null} means GET
   * @param headers extra headers of the invocation, or {@code null}
   * @param gzipRequestBodies whether every non-empty request body is sent gzip-compressed ({@code
   *     Content-Encoding: gzip})
   */
  public OkHttpFhirClient(
      OkHttpClient client,
      StringBuilder url,
      @Nullable Map<String, List<String>> ifNoneExistParams,
      @Nullable String ifNoneExistString,
      @Nullable RequestTypeEnum requestType,
      @Nullable List<Header> headers,
      boolean gzipRequestBodies) {
    this.gzipRequestBodies = gzipRequestBodies;
    this.client = Objects.requireNonNull(client, "client");
    this.url = Objects.requireNonNull(url, "url");
    this.ifNoneExistParams = ifNoneExistParams;
    this.ifNoneExistString = ifNoneExistString;
    this.requestType = requestType == null ? RequestTypeEnum.GET : requestType;
    this.headers = headers;
  }

  /**
   * If {@code request} is one of this transport's, makes it fail when HAPI executes it, with a
   * {@code FhirClientConnectionException} caused by {@code refusal}, before any connection is
   * opened, and returns {@code true}; otherwise returns {@code false} and changes nothing. Lets an
   * interceptor refuse through the transport instead of by throwing inside HAPI's interceptor chain
   * (which HAPI logs at ERROR with a stack trace, for every request).
   */
  public static boolean refuseOnExecute(
      IHttpRequest request, java.net.UnknownHostException refusal) {
    if (request instanceof OkHttpFhirRequest okHttp) {
      okHttp.refuse(refusal);
      return true;
    }
    return false;
  }

  @Override
  public IHttpRequest createByteRequest(
      FhirContext context, String contents, String contentType, EncodingEnum encoding) {
    OkHttpFhirRequest request = newRequest(contents.getBytes(StandardCharsets.UTF_8), null);
    addHeadersToRequest(request, encoding, context);
    request.addHeader(
        Constants.HEADER_CONTENT_TYPE, contentType + Constants.HEADER_SUFFIX_CT_UTF_8);
    return request;
  }

  @Override
  public IHttpRequest createParamRequest(
      FhirContext context, Map<String, List<String>> params, EncodingEnum encoding) {
    // Same wire form as Apache's UrlEncodedFormEntity: UTF-8, '+' for space.
    StringBuilder form = new StringBuilder();
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      for (String value : param.getValue()) {
        if (form.length() > 0) {
          form.append('&');
        }
        form.append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8));
        form.append('=');
        form.append(URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8));
      }
    }
    OkHttpFhirRequest request =
        newRequest(
            form.toString().getBytes(StandardCharsets.UTF_8),
            Constants.CT_X_FORM_URLENCODED + Constants.HEADER_SUFFIX_CT_UTF_8);
    addHeadersToRequest(request, encoding, context);
    return request;
  }

  @Override
  public IHttpRequest createBinaryRequest(FhirContext context, IBaseBinary binary) {
    byte[] content = binary.getContent();
    OkHttpFhirRequest request = newRequest(content == null ? new byte[0] : content, null);
    addHeadersToRequest(request, null, context);
    request.addHeader(Constants.HEADER_CONTENT_TYPE, binary.getContentType());
    return request;
  }

  @Override
  public IHttpRequest createGetRequest(FhirContext context, EncodingEnum encoding) {
    // Despite its name HAPI uses this for every body-less verb (GET, DELETE, OPTIONS).
    OkHttpFhirRequest request = newRequest(null, null);
    addHeadersToRequest(request, encoding, context);
    return request;
  }

  private OkHttpFhirRequest newRequest(
      byte @Nullable [] body, @Nullable String defaultContentType) {
    OkHttpFhirRequest request =
        new OkHttpFhirRequest(client, url.toString(), requestType.name(), body, defaultContentType);
    if (gzipRequestBodies) {
      request.gzipBody();
    }
    return request;
  }

  private void addHeadersToRequest(
      IHttpRequest request, @Nullable EncodingEnum encoding, FhirContext context) {
    if (headers != null) {
      for (Header next : headers) {
        request.addHeader(next.getName(), next.getValue());
      }
    }
    request.addHeader(
        "User-Agent", HttpClientUtil.createUserAgentString(context, USER_AGENT_CLIENT_TYPE));
    // OkHttp decodes gzip itself; OkHttpFhirRequest keeps this header off the wire so it can.
    request.addHeader(Constants.HEADER_ACCEPT_ENCODING, "gzip");
    addHeaderIfNoneExist(request);
    MethodUtil.addAcceptHeaderToRequest(encoding, request, context);
  }

  private void addHeaderIfNoneExist(IHttpRequest request) {
    if (ifNoneExistParams != null) {
      StringBuilder b = urlWithoutTrailingSlash();
      BaseHttpClientInvocation.appendExtraParamsWithQuestionMark(
          ifNoneExistParams, b, b.indexOf("?") == -1);
      request.addHeader(Constants.HEADER_IF_NONE_EXIST, b.toString());
    }
    if (ifNoneExistString != null) {
      StringBuilder b = urlWithoutTrailingSlash();
      b.append(b.indexOf("?") == -1 ? '?' : '&');
      b.append(ifNoneExistString.substring(ifNoneExistString.indexOf('?') + 1));
      request.addHeader(Constants.HEADER_IF_NONE_EXIST, b.toString());
    }
  }

  private StringBuilder urlWithoutTrailingSlash() {
    StringBuilder b = new StringBuilder(url);
    if (b.length() > 0 && b.charAt(b.length() - 1) == '/') {
      b.deleteCharAt(b.length() - 1);
    }
    return b;
  }
}
