package io.privatelink.core.internal.dns;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Answers every query with one of two given responses, by query type (AAAA gets the second, every
 * other type the first), at once and on the calling thread: the resolution logic without a socket,
 * a thread or a timeout. For {@link DnsClient#answerFrom}. Internal.
 */
final class CannedResolver implements Resolver {

  private final CompletableFuture<Message> aResponse;
  private final CompletableFuture<Message> aaaaResponse;

  /** {@code null} stands for a reply that did not parse. */
  CannedResolver(@Nullable Message aResponse, @Nullable Message aaaaResponse) {
    this.aResponse = given(aResponse);
    this.aaaaResponse = given(aaaaResponse);
  }

  /** Replies on the wire, parsed here once each as dnsjava's {@link SimpleResolver} parses them. */
  CannedResolver(byte[] aReply, byte[] aaaaReply) {
    this.aResponse = parse(aReply);
    this.aaaaResponse = parse(aaaaReply);
  }

  private static CompletableFuture<Message> given(@Nullable Message response) {
    return response == null
        ? CompletableFuture.failedFuture(new WireParseException("unparseable response"))
        : CompletableFuture.completedFuture(response);
  }

  /**
   * What {@link SimpleResolver#sendAsync} makes of a reply: the parsed message, or a failure when
   * the bytes do not parse, whatever dnsjava throws (its parser also throws unchecked exceptions,
   * such as {@code InvalidTTLException}, which end the query's future exceptionally there too).
   */
  private static CompletableFuture<Message> parse(byte[] wire) {
    try {
      return CompletableFuture.completedFuture(new Message(wire));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query, Executor executor) {
    // The client only reads responses: the same message may answer a follow-up query.
    return query.getQuestion() != null && query.getQuestion().getType() == Type.AAAA
        ? aaaaResponse
        : aResponse;
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
