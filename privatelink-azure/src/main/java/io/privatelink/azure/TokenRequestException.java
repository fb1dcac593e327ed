package io.privatelink.azure;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Microsoft Entra ID gave no token (the credential failed or returned nothing) for a host that did
 * verify as private; the request it was for was not sent. The cause is the credential's exception,
 * when there was one.
 */
public final class TokenRequestException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * For the token cache; the message says which scope, which credential and which host.
   *
   * @param message what failed, naming scope, credential and host
   * @param cause the credential's failure, or {@code null} when there is none
   */
  public TokenRequestException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
