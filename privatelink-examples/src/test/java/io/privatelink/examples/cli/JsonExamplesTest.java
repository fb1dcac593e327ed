package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Javadoc example of {@link Json}, run as written. */
class JsonExamplesTest {

  @Test
  void objectBuilderEscapesAndOrdersFields() {
    // region:javadoc-Json
    String line = new Json.ObjectBuilder().field("host", "a\"b").field("ttl", 60).toString();
    // {"host":"a\"b","ttl":60}
    // endregion
    assertEquals("{\"host\":\"a\\\"b\",\"ttl\":60}", line);
  }
}
