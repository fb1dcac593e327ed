package io.privatelink.testkit.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What to send back for one query: the bytes (unframed, {@code null} for no answer at all) and how
 * long to wait before sending them.
 */
public record Reply(byte @Nullable [] bytes, Duration delay) {

  static final Reply NONE = new Reply(null, Duration.ZERO);

  /** Whether anything is sent. */
  public boolean sends() {
    return bytes != null;
  }
}
