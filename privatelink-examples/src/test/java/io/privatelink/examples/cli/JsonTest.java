package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tiny JSON writer behind {@code check --json}. */
class JsonTest {

  @Test
  void quotesAndBackslashesAreEscaped() {
    assertEquals("\"say \\\"hi\\\" \\\\o/\"", Json.quote("say \"hi\" \\o/"));
  }

  @Test
  void namedControlCharactersUseShortEscapes() {
    assertEquals("\"\\b\\t\\n\\f\\r\"", Json.quote("\b\t\n\f\r"));
  }

  @Test
  void otherControlCharactersAndDeleteUseUnicodeEscapes() {
    assertEquals("\"\\u0000\\u0001\\u001f\\u007f\"", Json.quote("\u0000\u0001\u001f\u007f"));
  }

  @Test
  void nonAsciiIsEscapedSoTheOutputIsPureAscii() {
    assertEquals("\"caf\\u00e9 \\u2028\"", Json.quote("caf\u00e9 \u2028"));
  }

  @Test
  void charactersBeyondTheBmpBecomeSurrogatePairs() {
    assertEquals("\"\\ud83d\\ude00\"", Json.quote("\uD83D\uDE00"));
  }

  @Test
  void printableAsciiIsUnchanged() {
    assertEquals("\"a/b:c [1] {x}\"", Json.quote("a/b:c [1] {x}"));
  }

  @Test
  void nullIsJsonNull() {
    assertEquals("null", Json.quote(null));
  }

  @Test
  void everyCharacterRoundTripsThroughAParser() {
    Random random = new Random(42);
    for (int i = 0; i < 1_000; i++) {
      char[] chars = new char[random.nextInt(20)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = (char) random.nextInt(j % 2 == 0 ? 0x80 : 0x10000);
      }
      String s = new String(chars);
      assertEquals(s, MiniJson.parse(Json.quote(s)));
    }
  }

  @Test
  void objectBuilderKeepsFieldOrderAndTypes() {
    String json =
        new Json.ObjectBuilder()
            .field("s", "x")
            .field("n", 60)
            .field("b", false)
            .field("z", (String) null)
            .raw("a", Json.array(List.of("p", "q")))
            .toString();

    assertEquals("{\"s\":\"x\",\"n\":60,\"b\":false,\"z\":null,\"a\":[\"p\",\"q\"]}", json);
  }

  @Test
  void emptyObjectAndArray() {
    assertEquals(Map.of(), MiniJson.parse(new Json.ObjectBuilder().toString()));
    assertEquals("[]", Json.array(List.of()));
  }
}
