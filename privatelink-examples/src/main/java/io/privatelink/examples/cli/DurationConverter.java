package io.privatelink.examples.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
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
    Duration d =
        parse(text.trim())
            .orElseThrow(
                () ->
                    new TypeConversionException(
                        "'" + text + "' is not a duration; write it like 500ms, 2s or 1m"));
    if (!isPositive(d)) {
      throw new TypeConversionException("'" + text + "' is not a positive duration");
    }
    return d;
  }

  /**
   * {@code text} as {@link #convert(String)} reads it, or empty where that refuses it: for {@code
   * check}'s way around picocli ({@link CheckFastPath}), which leaves the refusal to picocli.
   */
  static Optional<Duration> positive(String text) {
    Optional<Duration> d = parse(text.trim());
    // Not filter(DurationConverter::isPositive): check's fast path runs this at every start, and
    // the JVM spun that method reference's class up each time (the class-data archive lacked it).
    return d.isPresent() && isPositive(d.get()) ? d : Optional.empty();
  }

  private static boolean isPositive(Duration d) {
    return !d.isZero() && !d.isNegative();
  }

  private static Optional<Duration> parse(String text) {
    Matcher m = SHORT.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return Optional.of(
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
          });
    }
    try {
      return Optional.of(Duration.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
