package io.privatelink.testkit;

import io.privatelink.testkit.internal.ExchangeLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Records every request's line and headers (not its body, which belongs to the wrapped handler) in
 * an {@link ExchangeLog}, then passes it on.
 */
final class RecordingHandler extends Handler.Wrapper {

  private final ExchangeLog log;

  /** Records into {@code log}, then delegates to {@code next}. */
  RecordingHandler(ExchangeLog log, Handler next) {
    super(next);
    this.log = log;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    log.record(Requests.describe(request, null));
    return super.handle(request, response, callback);
  }
}
