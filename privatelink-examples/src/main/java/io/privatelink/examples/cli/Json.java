package io.privatelink.examples.cli;

import java.util.List;

/**
 * Just enough JSON to print one object per line: string escaping (RFC 8259) and a builder for a
 * flat object whose values are strings, numbers, booleans, nulls, or pre-built JSON.
 *
 * <p>The output is pure ASCII: every character outside printable ASCII is written as a {@code \}{@code
 * uXXXX} escape (characters outside the BMP as their two UTF-16 surrogates), so a line survives any
 * terminal or platform encoding unchanged.
 *
 * <pre>{@code
 * String line = new Json.ObjectBuilder().field("host", "a\"b").field("ttl", 60).toString();
 * // {"host":"a\"b","ttl":60}
 * }</pre>
 */
public final class Json {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /** {@code value} as a JSON string literal, quotes included; {@code null} for null. */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(value.length() + 2);
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20 || c >= 0x7f) {
            out.append("\\u")
                .append(HEX[c >> 12 & 0xf])
                .append(HEX[c >> 8 & 0xf])
                .append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }

  /** A JSON array of strings. */
  public static String array(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ",").append(quote(values.get(i)));
    }
    return out.append(']').toString();
  }

  /** Builds one JSON object, fields in the order added. Not thread-safe. */
  public static final class ObjectBuilder {
    private final StringBuilder out = new StringBuilder("{");

    /** Adds a string field ({@code null} for a JSON null). */
    public ObjectBuilder field(String name, String value) {
      return raw(name, quote(value));
    }

    /** Adds a number field. */
    public ObjectBuilder field(String name, long value) {
      return raw(name, Long.toString(value));
    }

    /** Adds a boolean field. */
    public ObjectBuilder field(String name, boolean value) {
      return raw(name, Boolean.toString(value));
    }

    /** Adds a field whose value is already JSON (an array or object built elsewhere). */
    public ObjectBuilder raw(String name, String json) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(quote(name)).append(':').append(json);
      return this;
    }

    /** The object, e.g. {@code {"a":1}}. */
    @Override
    public String toString() {
      return out + "}";
    }
  }
}
