package io.privatelink.core.fuzz;

import java.nio.charset.StandardCharsets;

/** Turns fuzzer bytes into text, so seed files can be plain UTF-8. */
final class FuzzText {
  private FuzzText() {}

  /**
   * UTF-8, unless the first byte is 0xFF: then UTF-16BE, which reaches what UTF-8 cannot encode
   * (lone surrogates).
   */
  static String decode(byte[] data) {
    if (data.length > 0 && data[0] == (byte) 0xFF) {
      return new String(data, 1, data.length - 1, StandardCharsets.UTF_16BE);
    }
    return new String(data, StandardCharsets.UTF_8);
  }
}
