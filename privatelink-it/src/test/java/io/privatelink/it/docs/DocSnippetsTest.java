package io.privatelink.it.docs;

// Every code example in the docs is compiled and run by a test, so it cannot drift from the API.
//
// How it works: the example's code lives in a test (any module's src/test/java) between
//     // region:NAME
//     ...the example, exactly as the reader sees it...
//     // endregion
// and this test requires every ```java block of README.md and of each module's README.md, and
// every <pre>{@code ...}</pre> block in main sources, to equal one region token for token: layout
// (indentation, line breaks, a formatter's rewrapping) is ignored, every token counts.
//
// To add or change an example:
//   1. write it in a test that runs it against the testkit (variables the example uses, such as
//      `resolver` or `serverBase`, are set up above the region; name them in the doc's prose or
//      in a comment inside the example);
//   2. wrap the lines in // region:NAME and // endregion (NAME unique in the repository, e.g.
//      readme-hapi-client or javadoc-GuardedHttpClient);
//   3. paste the same lines into the README block or the Javadoc <pre>{@code ...}</pre> (in
//      Javadoc a leading @ may stay as it is: javadoc reads {@code ...} up to its closing brace);
//   4. run ./mvnw -B -o -q -pl privatelink-it -am test -Dtest=DocSnippetsTest
//      -Dsurefire.failIfNoSpecifiedTests=false; a mismatch prints the block and its location.

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.privatelink.it.docs.DocSnippets.Block;
import io.privatelink.it.docs.DocSnippets.Region;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every README and Javadoc code example equals a region of a test that runs it. */
class DocSnippetsTest {

  private static final Path ROOT = DocSnippets.repositoryRoot();

  /**
   * Files whose examples are not held to a region yet, each with the reason. Shrinks only: a listed
   * file whose examples all match fails the test until it is removed from here.
   */
  private static final Map<String, String> NOT_YET_WIRED = Map.of();

  @Test
  void everyReadmeJavaBlockIsARegionOfATest() {
    List<Block> blocks = DocSnippets.readmeBlocks(ROOT);
    assertTrue(
        blocks.stream()
            .anyMatch(b -> b.file().endsWith("README.md") && b.file().getParent().equals(ROOT)),
        "found no ```java block in README.md: the reader is broken");
    assertAllMatch(blocks);
  }

  @Test
  void everyJavadocExampleIsARegionOfATest() {
    List<Block> blocks = DocSnippets.javadocBlocks(ROOT);
    assertTrue(blocks.size() >= 10, "found only " + blocks.size() + " Javadoc examples");
    assertAllMatch(blocks);
  }

  private static void assertAllMatch(List<Block> blocks) {
    Map<String, Region> byCode = new HashMap<>();
    for (Region r : DocSnippets.regions(ROOT).values()) {
      byCode.putIfAbsent(DocSnippets.normalise(r.code()), r);
    }
    List<String> drifted = new ArrayList<>();
    Map<String, Boolean> waivedFileDrifted = new HashMap<>();
    for (Block block : blocks) {
      String file = ROOT.relativize(block.file()).toString().replace('\\', '/');
      boolean matches = byCode.containsKey(DocSnippets.normalise(block.code()));
      if (NOT_YET_WIRED.containsKey(file)) {
        waivedFileDrifted.merge(file, !matches, Boolean::logicalOr);
      } else if (!matches) {
        drifted.add(block.where(ROOT) + "\n" + block.code().stripTrailing());
      }
    }
    waivedFileDrifted.forEach(
        (file, anyDrifted) -> {
          if (!anyDrifted) {
            drifted.add(file + ": every example now equals a region; remove it from NOT_YET_WIRED");
          }
        });
    if (!drifted.isEmpty()) {
      fail(
          drifted.size()
              + " code example(s) equal no // region:NAME ... // endregion of any test (token for"
              + " token, layout ignored); either the example drifted from its test, or it has none yet. See the"
              + " comment at the top of DocSnippetsTest.java.\n\n"
              + String.join("\n\n", drifted));
    }
  }

  // The checker itself: it must see a drift, or it proves nothing.

  @Test
  void aBlockThatDiffersFromItsRegionBeyondWhitespaceDoesNotMatch() {
    Region region =
        DocSnippets.regions(Path.of("T.java"), "  // region:x\n  int a = 1;\n  // endregion\n")
            .get(0);
    Block same =
        DocSnippets.markdownBlocks(Path.of("R.md"), "```java\nint  a =\n 1;\n```\n").get(0);
    Block drifted =
        DocSnippets.markdownBlocks(Path.of("R.md"), "```java\nint a = 2;\n```\n").get(0);

    assertEquals("x", region.name());
    assertEquals(DocSnippets.normalise(region.code()), DocSnippets.normalise(same.code()));
    assertNotEquals(DocSnippets.normalise(region.code()), DocSnippets.normalise(drifted.code()));
  }

  // A formatter (google-java-format via Spotless) rewraps and re-indents the regions, never the
  // README: the comparison is by token, so layout never matters and every token still does.

  @Test
  void aRegionReformattedByAFormatterStillMatchesItsBlock() {
    String asWritten =
        """
        GuardedHttpClient client = GuardedHttpClient.builder(resolver).connectTimeout(Duration.ofSeconds(5)).build(); // one per app, shared by every request
        /* A comment the formatter
           may rewrap. */
        String body = \"""
            {"resourceType": "Patient"}
            \""";
        int[] mask = {0x1F, 1_000, 1.5e-3 > 0 ? 1 : 0};
        """;
    String reformatted =
        """
            GuardedHttpClient client =
                GuardedHttpClient.builder(resolver)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build(); // one per app, shared by
            // every request
            /*
             * A comment the formatter may rewrap.
             */
            String body =
                \"""
                {"resourceType": "Patient"}
                \""";
            int[] mask = {
              0x1F, 1_000, 1.5e-3 > 0 ? 1 : 0
            };
        """;

    assertEquals(DocSnippets.normalise(asWritten), DocSnippets.normalise(reformatted));
  }

  @Test
  void tokensThatOnlyWhitespaceSeparatedDoNotMatchTheirJoinedForm() {
    assertNotEquals(DocSnippets.normalise("return a;"), DocSnippets.normalise("returna;"));
    assertNotEquals(
        DocSnippets.normalise("int x = a - -b;"), DocSnippets.normalise("int x = a--b;"));
    assertNotEquals(DocSnippets.normalise("a > >= b"), DocSnippets.normalise("a >>= b"));
  }

  @Test
  void whitespaceInsideALiteralIsPartOfTheToken() {
    assertNotEquals(DocSnippets.normalise("s = \"a b\";"), DocSnippets.normalise("s = \"a  b\";"));
    assertNotEquals(
        DocSnippets.normalise("s = \"\"\"\n  a\n    b\n  \"\"\";"),
        DocSnippets.normalise("s = \"\"\"\n  a\n  b\n  \"\"\";"));
  }

  @Test
  void aLineCommentEndsTheLineSoTheCodeAfterItDoesNotJoinIt() {
    assertNotEquals(
        DocSnippets.normalise("a(); // note\nb();"), DocSnippets.normalise("a(); // note b();"));
  }

  @Test
  void aChangedWordInACommentDoesNotMatch() {
    assertNotEquals(
        DocSnippets.normalise("call(); // once per app"),
        DocSnippets.normalise("call(); // once per request"));
  }

  @Test
  void tokensAreJavasOwn() {
    assertEquals(
        List.of(
            "a",
            ">>>=",
            "b",
            "->",
            "c",
            "::",
            "d",
            "\"x \\\" y\"",
            "'\\''",
            "1.5e-3",
            "//",
            "two",
            "words",
            DocSnippets.END_OF_LINE_COMMENT),
        DocSnippets.tokens("a>>>=b->c::d \"x \\\" y\" '\\'' 1.5e-3 // two   words"));
  }

  @Test
  void javadocExamplesLoseTheirCommentMarginAndEscapes() {
    String source =
        "/**\n * Use it:\n *\n * <pre>{@code\n * {@literal @}Test\n * void t() { a(); }\n * }</pre>\n */\n";

    List<Block> blocks = DocSnippets.javadocBlocks(Path.of("A.java"), source);

    assertEquals(1, blocks.size());
    assertEquals(4, blocks.get(0).line());
    assertEquals(
        List.of("@", "Test", "void", "t", "(", ")", "{", "a", "(", ")", ";", "}"),
        DocSnippets.tokens(blocks.get(0).code()));
  }

  @Test
  void aRegionWithoutItsEndIsAnError() {
    assertThrows(
        IllegalStateException.class,
        () -> DocSnippets.regions(Path.of("T.java"), "// region:open\nint a;\n"));
  }
}
