package io.privatelink.it.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the repository's code examples (README {@code ```java} blocks, Javadoc {@code <pre>{@code
 * ...}} blocks) and the test-source regions they must equal. See {@link DocSnippetsTest} for how to
 * add a snippet.
 */
final class DocSnippets {

  /** A code example as written in a document. */
  record Block(Path file, int line, String code) {
    String where(Path root) {
      return root.relativize(file) + ":" + line;
    }
  }

  /** A region of test source: the code between {@code // region:NAME} and {@code // endregion}. */
  record Region(String name, Path file, int line, String code) {}

  private static final Pattern REGION_START = Pattern.compile("^\\s*//\\s*region:([\\w.-]+)\\s*$");
  private static final Pattern REGION_END = Pattern.compile("^\\s*//\\s*endregion\\b.*$");
  private static final Pattern JAVADOC_PRE =
      Pattern.compile("<pre>\\{@code(.*?)}</pre>", Pattern.DOTALL);

  private DocSnippets() {}

  /** The repository root: the nearest ancestor of the working directory with the parent pom. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom)
          && read(pom).contains("<artifactId>privatelink-parent</artifactId>")
          && Files.isDirectory(dir.resolve("privatelink-core"))) {
        return dir;
      }
    }
    throw new IllegalStateException("not inside the privatelink-fhir repository");
  }

  /** Every {@code ```java} block of {@code README.md} and of each module's {@code README.md}. */
  static List<Block> readmeBlocks(Path root) {
    List<Block> blocks = new ArrayList<>();
    List<Path> readmes = new ArrayList<>();
    readmes.add(root.resolve("README.md"));
    try (Stream<Path> modules = Files.list(root)) {
      modules
          .filter(Files::isDirectory)
          .map(m -> m.resolve("README.md"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(readmes::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path readme : readmes) {
      blocks.addAll(markdownBlocks(readme, read(readme)));
    }
    return blocks;
  }

  static List<Block> markdownBlocks(Path file, String text) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().equals("```java")) {
        int start = i + 1;
        StringBuilder code = new StringBuilder();
        for (i = start; i < lines.length && !lines[i].strip().equals("```"); i++) {
          code.append(lines[i]).append('\n');
        }
        blocks.add(new Block(file, start + 1, code.toString()));
      }
    }
    return blocks;
  }

  /** Every {@code <pre>{@code ...}</pre>} example in the main sources of every module. */
  static List<Block> javadocBlocks(Path root) {
    List<Block> blocks = new ArrayList<>();
    for (Path source : javaFiles(root, "main")) {
      blocks.addAll(javadocBlocks(source, read(source)));
    }
    return blocks;
  }

  static List<Block> javadocBlocks(Path file, String text) {
    List<Block> blocks = new ArrayList<>();
    Matcher m = JAVADOC_PRE.matcher(text);
    while (m.find()) {
      int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
      String code =
          m.group(1)
              .lines()
              .map(l -> l.replaceFirst("^\\s*\\*( |$)", ""))
              .collect(Collectors.joining("\n"))
              .replace("{@literal @}", "@")
              .replace("&#64;", "@")
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&amp;", "&");
      blocks.add(new Block(file, line, code));
    }
    return blocks;
  }

  /** Every region in the test sources of every module, by name. */
  static Map<String, Region> regions(Path root) {
    Map<String, Region> regions = new LinkedHashMap<>();
    for (Path source : javaFiles(root, "test")) {
      for (Region r : regions(source, read(source))) {
        Region before = regions.putIfAbsent(r.name(), r);
        if (before != null) {
          throw new IllegalStateException(
              "region " + r.name() + " is defined twice: " + before.file() + ", " + r.file());
        }
      }
    }
    return regions;
  }

  static List<Region> regions(Path file, String text) {
    List<Region> regions = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher start = REGION_START.matcher(lines[i]);
      if (!start.matches()) {
        continue;
      }
      int first = i + 1;
      StringBuilder code = new StringBuilder();
      for (i = first; i < lines.length && !REGION_END.matcher(lines[i]).matches(); i++) {
        code.append(lines[i]).append('\n');
      }
      if (i == lines.length) {
        throw new IllegalStateException(
            file + ":" + first + ": region:" + start.group(1) + " has no // endregion");
      }
      regions.add(new Region(start.group(1), file, first, code.toString()));
    }
    return regions;
  }

  /**
   * What two snippets are compared by: their Java tokens, one per line. Layout is not a token, so a
   * formatter that re-indents, rewraps or joins lines changes nothing; any other difference (a
   * name, an operator, a literal, a word of a comment) does. Comments count word by word, since a
   * formatter may rewrap their text; a text block counts by its value, as the compiler sees it.
   */
  static String normalise(String code) {
    return String.join("\n", tokens(code));
  }

  /** Multi-character operators, longest first, so that {@code >>=} is one token and not three. */
  private static final List<String> OPERATORS =
      List.of(
          ">>>=", "<<=", ">>=", ">>>", "...", "->", "::", "++", "--", "&&", "||", "==", "!=", "<=",
          ">=", "+=", "-=", "*=", "/=", "&=", "|=", "^=", "%=", "<<", ">>");

  /** Where a run of line comments ends: code after it is code, not more words of the comment. */
  static final String END_OF_LINE_COMMENT = "<end of // comment>";

  /** The Java tokens of {@code code}, comments split into words; whitespace only separates. */
  static List<String> tokens(String code) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = code.length();
    // The formatter wraps a long line comment onto a next // line: consecutive line comments are
    // one comment, its words in order.
    boolean inLineComment = false;
    while (i < n) {
      char c = code.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      boolean lineComment = code.startsWith("//", i);
      if (inLineComment && !lineComment) {
        tokens.add(END_OF_LINE_COMMENT);
      }
      if (lineComment) {
        int end = code.indexOf('\n', i);
        end = end < 0 ? n : end;
        if (!inLineComment) {
          tokens.add("//");
        }
        words(code.substring(i + 2, end), tokens);
        i = end;
      } else if (code.startsWith("/*", i)) {
        int end = code.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated comment: " + code.substring(i));
        }
        tokens.add("/*");
        // A comment's margin of leading asterisks is layout, as its line breaks are.
        words(code.substring(i + 2, end).replaceAll("(?m)^\\s*\\*(?!/)", " "), tokens);
        tokens.add("*/");
        i = end + 2;
      } else if (code.startsWith("\"\"\"", i)) {
        int end = code.indexOf("\"\"\"", i + 3);
        while (end > 0 && code.charAt(end - 1) == '\\') {
          end = code.indexOf("\"\"\"", end + 1);
        }
        if (end < 0) {
          throw new IllegalArgumentException("unterminated text block: " + code.substring(i));
        }
        // Its value: what is left after the compiler strips the incidental indentation.
        String body = code.substring(code.indexOf('\n', i) + 1, end);
        tokens.add("\"\"\"" + body.stripIndent() + "\"\"\"");
        i = end + 3;
      } else if (c == '"' || c == '\'') {
        int end = i + 1;
        while (end < n && code.charAt(end) != c) {
          end += code.charAt(end) == '\\' ? 2 : 1;
        }
        if (end >= n) {
          throw new IllegalArgumentException("unterminated literal: " + code.substring(i));
        }
        tokens.add(code.substring(i, end + 1));
        i = end + 1;
      } else if (Character.isJavaIdentifierStart(c)) {
        int end = i + 1;
        while (end < n && Character.isJavaIdentifierPart(code.charAt(end))) {
          end++;
        }
        tokens.add(code.substring(i, end));
        i = end;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(code.charAt(i + 1)))) {
        int end = i + 1;
        while (end < n) {
          char d = code.charAt(end);
          boolean exponentSign =
              (d == '+' || d == '-')
                  && "eEpP".indexOf(code.charAt(end - 1)) >= 0
                  && !code.substring(i, end).matches("0[xX][0-9a-fA-F_]*[eE]");
          if (Character.isLetterOrDigit(d) || d == '_' || d == '.' || exponentSign) {
            end++;
          } else {
            break;
          }
        }
        tokens.add(code.substring(i, end));
        i = end;
      } else {
        String operator = String.valueOf(c);
        for (String candidate : OPERATORS) {
          if (code.startsWith(candidate, i)) {
            operator = candidate;
            break;
          }
        }
        tokens.add(operator);
        i += operator.length();
      }
      inLineComment = lineComment;
    }
    if (inLineComment) {
      tokens.add(END_OF_LINE_COMMENT);
    }
    return tokens;
  }

  private static void words(String text, List<String> tokens) {
    for (String word : text.strip().split("\\s+")) {
      if (!word.isEmpty()) {
        tokens.add(word);
      }
    }
  }

  private static List<Path> javaFiles(Path root, String sourceSet) {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !root.relativize(p).toString().replace('\\', '/').contains("/target/"))
          .filter(
              p ->
                  root.relativize(p)
                      .toString()
                      .replace('\\', '/')
                      .matches("[^/]+/src/" + sourceSet + "/java/.*"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
