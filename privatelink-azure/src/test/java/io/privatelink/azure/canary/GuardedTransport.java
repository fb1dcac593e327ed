package io.privatelink.azure.canary;

/**
 * One guarded HTTP client under attack, as the cross-transport canary suite drives it: a GET with
 * an {@code Authorization} header, answered or refused. Each transport (azure-core here; OkHttp,
 * Apache 4 and 5 elsewhere) implements it once.
 */
public interface GuardedTransport extends AutoCloseable {

  /** The answer to a request that was sent. */
  record Reply(int status, String body) {}

  /**
   * Sends {@code GET url} with {@code Authorization: authorization}, following redirects the way
   * the guarded client does.
   *
   * @throws Exception whatever the client throws when it refuses; its cause chain must hold the
   *     {@code PrivateLinkException} (or a {@code ProtocolException} for a refused downgrade)
   */
  Reply get(String url, String authorization) throws Exception;

  @Override
  default void close() {}
}
