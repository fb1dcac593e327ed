package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** {@code --timeout} values as people type them. */
class DurationConverterTest {

  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsMillisecondsSecondsAndMinutes() {
    assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
    assertEquals(Duration.ofSeconds(2), converter.convert("2s"));
    assertEquals(Duration.ofMinutes(1), converter.convert("1m"));
  }

  @Test
  void readsIso8601() {
    assertEquals(Duration.ofMillis(1500), converter.convert("PT1.5S"));
  }

  @Test
  void refusesZero() {
    assertThrows(TypeConversionException.class, () -> converter.convert("0s"));
  }

  @Test
  void refusesNegative() {
    assertThrows(TypeConversionException.class, () -> converter.convert("PT-1S"));
  }

  @Test
  void refusesAUnitItDoesNotKnow() {
    assertThrows(TypeConversionException.class, () -> converter.convert("2h"));
  }
}
