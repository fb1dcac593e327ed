package io.privatelink.testkit.internal;

import java.time.Duration;

/**
 * What to send back for one query: the bytes (unframed, {@code null} for no answer at all) and how
 * long to wait before sending them.
 */
public record Reply(byte[] bytes, Duration delay) {

  static final Reply NONE = new Reply(null, Duration.ZERO);

  /** Whether anything is sent. */
  public boolean sends() {
    return bytes != null;
  }
}
