package io.privatelink.spring.boot.autoconfigure;

import io.privatelink.core.PrivateLinkResolver.ZoneRequirement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Binds {@code privatelink.require-private-link-zone} leniently as Boot binds enums ({@code
 * for-every-host}, {@code FOR_EVERY_HOST}, {@code forEveryHost}), and refuses the old boolean form
 * with the value to write instead, which Boot's own enum binding would report as a missing {@code
 * ON} or {@code OFF} constant.
 */
final class ZoneRequirementConverter implements GenericConverter {

  static final String PROPERTY = "privatelink.require-private-link-zone";

  @Override
  public Set<ConvertiblePair> getConvertibleTypes() {
    // Boolean too: YAML hands "true" to the binder as a Boolean, not a String.
    return Set.of(
        new ConvertiblePair(String.class, ZoneRequirement.class),
        new ConvertiblePair(Boolean.class, ZoneRequirement.class));
  }

  @Override
  public @Nullable Object convert(
      @Nullable Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
    if (source == null) {
      return null;
    }
    String value = source.toString().trim();
    String canonical = canonical(value);
    for (ZoneRequirement r : ZoneRequirement.values()) {
      if (canonical(r.name()).equals(canonical)) {
        return r;
      }
    }
    String replacement =
        switch (canonical) {
          case "true" ->
              "; the boolean form is gone: true is now " + relaxed(ZoneRequirement.FOR_EVERY_HOST);
          case "false" ->
              "; the boolean form is gone: false is now " + relaxed(ZoneRequirement.FOR_NO_HOST);
          default -> "";
        };
    throw new IllegalArgumentException(
        PROPERTY
            + " is '"
            + value
            + "'; write one of "
            + Arrays.stream(ZoneRequirement.values())
                .map(ZoneRequirementConverter::relaxed)
                .collect(Collectors.joining(", "))
            + " (default "
            + relaxed(ZoneRequirement.FOR_AZURE_SERVICES)
            + ")"
            + replacement);
  }

  /** The property value as the docs write it, e.g. {@code for-every-host}. */
  static String relaxed(ZoneRequirement r) {
    return r.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Letters and digits only, lower case: the form Boot compares enum names in. */
  private static String canonical(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .filter(Character::isLetterOrDigit)
        .map(Character::toLowerCase)
        .forEach(b::appendCodePoint);
    return b.toString();
  }
}
