package io.privatelink.examples.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a positive duration the way people type it: {@code 500ms}, {@code 2s}, {@code 1m}, or ISO
 * 8601 ({@code PT2.5S}).
 */
final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m)");

  @Override
  public Duration convert(String text) {
    Duration d = parse(text.trim());
    if (d.isZero() || d.isNegative()) {
      throw new TypeConversionException("'" + text + "' is not a positive duration");
    }
    return d;
  }

  private static Duration parse(String text) {
    Matcher m = SHORT.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Duration.ofMillis(n);
        case "s":
          return Duration.ofSeconds(n);
        default:
          return Duration.ofMinutes(n);
      }
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + text + "' is not a duration; write it like 500ms, 2s or 1m");
    }
  }
}
