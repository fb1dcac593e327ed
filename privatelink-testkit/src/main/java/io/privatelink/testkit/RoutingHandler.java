package io.privatelink.testkit;

import io.privatelink.testkit.internal.ExchangeLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Records each request with its body in an {@link ExchangeLog}, then answers with the {@link
 * TestRoute} chosen for its path (query ignored). A route that throws or returns null answers 500
 * with the failure as body.
 */
final class RoutingHandler extends Handler.Abstract {

  private final ExchangeLog log;
  private final Function<String, TestRoute> routeFor;

  /**
   * Records into {@code log}; {@code routeFor} maps a request path to the route that answers it.
   */
  RoutingHandler(ExchangeLog log, Function<String, TestRoute> routeFor) {
    this.log = log;
    this.routeFor = routeFor;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String body = Content.Source.asString(request, StandardCharsets.UTF_8);
    RecordedRequest recorded = Requests.describe(request, body);
    log.record(recorded);
    TestResponse reply;
    try {
      reply = routeFor.apply(recorded.path()).respond(recorded);
      Objects.requireNonNull(reply, "a TestRoute returned null");
    } catch (Exception e) {
      reply = TestResponse.of(500, e.toString());
    }
    response.setStatus(reply.status());
    reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    response.write(true, ByteBuffer.wrap(reply.body().getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
