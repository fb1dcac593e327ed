package io.privatelink.core.internal.dns;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Answers every query with one of two given responses, by query type (AAAA gets the second, every
 * other type the first), at once and on the calling thread: the resolution logic without a socket,
 * a thread or a timeout. For {@link DnsClient#answerFrom}. Internal.
 */
final class CannedResolver implements Resolver {

  private final @Nullable Message aResponse;
  private final @Nullable Message aaaaResponse;

  CannedResolver(@Nullable Message aResponse, @Nullable Message aaaaResponse) {
    this.aResponse = aResponse;
    this.aaaaResponse = aaaaResponse;
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query, Executor executor) {
    Message canned =
        query.getQuestion() != null && query.getQuestion().getType() == Type.AAAA
            ? aaaaResponse
            : aResponse;
    if (canned == null) {
      return CompletableFuture.failedFuture(new WireParseException("unparseable response"));
    }
    // No copy: the client only reads responses.
    return CompletableFuture.completedFuture(canned);
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query) {
    return sendAsync(query, Runnable::run);
  }

  @Override
  public String toString() {
    return "in-process";
  }

  @Override
  public void setPort(int port) {}

  @Override
  public void setTCP(boolean flag) {}

  @Override
  public void setIgnoreTruncation(boolean flag) {}

  @Override
  public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}

  @Override
  public void setTSIGKey(TSIG key) {}

  @Override
  public void setTimeout(Duration timeout) {}
}
