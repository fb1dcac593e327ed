package io.privatelink.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The JSON writer of every {@code --json} output ({@code check}, {@code doctor}, {@code sandbox}):
 * Jackson, one object per line, every character outside ASCII written as a {@code \}{@code uXXXX}
 * escape so a line survives any terminal or platform encoding unchanged.
 *
 * <p>A class of its own so that the mapper is built on first use: creating one loads some 400
 * Jackson classes, which a run without {@code --json} never needs.
 */
final class CliJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private CliJson() {}

  /** A new, empty object whose fields keep the order they are put in. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** {@code value} (a tree or a bean such as {@link DoctorStep}) as JSON on one line. */
  static String line(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Trees and the CLI's own beans always serialize: this is a bug, not bad input.
      throw new UncheckedIOException(e);
    }
  }
}
