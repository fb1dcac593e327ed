package io.privatelink.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The Maven coordinates README's "Use it" section gives a user to paste agree with the poms: the
 * BOM at the version the reactor builds, and exactly the modules that BOM lists.
 */
class ReadmeCoordinatesTest {

  private static final Path ROOT = DocSnippets.repositoryRoot();
  private static final String GROUP = "io.privatelink";
  private static final String BOM = "privatelink-bom";

  /** What the reactor's poms say: the version it builds and the modules the BOM publishes. */
  record Poms(
      String parentVersion, String bomVersion, Set<String> bomModules, Set<String> reactor) {

    static Poms read(Path root) {
      Element parent = parse(readText(root.resolve("pom.xml"))).getDocumentElement();
      Element bom = parse(readText(root.resolve(BOM).resolve("pom.xml"))).getDocumentElement();
      Set<String> managed = new LinkedHashSet<>();
      for (Element dependency :
          elements(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
        managed.add(text(dependency, "artifactId"));
      }
      Set<String> reactor = new LinkedHashSet<>();
      for (Element module : elements(child(parent, "modules"), "module")) {
        Element pom =
            parse(readText(root.resolve(module.getTextContent().strip()).resolve("pom.xml")))
                .getDocumentElement();
        reactor.add(text(pom, "artifactId"));
      }
      return new Poms(text(parent, "version"), text(bom, "version"), managed, reactor);
    }
  }

  @Test
  void readmeCoordinatesAgreeWithThePoms() {
    Poms poms = Poms.read(ROOT);
    assertEquals(
        poms.parentVersion(), poms.bomVersion(), "privatelink-bom's version is not the parent's");

    List<String> problems = problems(useItBlock(readText(ROOT.resolve("README.md"))), poms);

    assertTrue(
        problems.isEmpty(), "README.md \"Use it\" coordinates:\n" + String.join("\n", problems));
  }

  // The checker itself: each kind of drift must be reported, or the test above proves nothing.

  private static final Poms SAMPLE =
      new Poms(
          "1.2.0",
          "1.2.0",
          Set.of("privatelink-core", "privatelink-hapi"),
          Set.of("privatelink-bom", "privatelink-core", "privatelink-hapi", "privatelink-it"));

  @Test
  void aMatchingBlockHasNoProblem() {
    assertEquals(
        List.of(), problems(block("1.2.0", "privatelink-core", "privatelink-hapi"), SAMPLE));
  }

  @Test
  void aBomVersionOtherThanTheReactorsIsReported() {
    List<String> problems =
        problems(block("1.1.0", "privatelink-core", "privatelink-hapi"), SAMPLE);

    assertEquals(1, problems.size(), problems::toString);
    assertTrue(
        problems.get(0).contains("1.1.0") && problems.get(0).contains("1.2.0"), problems::toString);
  }

  @Test
  void anArtifactTheBomDoesNotListIsReported() {
    List<String> problems =
        problems(block("1.2.0", "privatelink-core", "privatelink-hapi", "privatelink-it"), SAMPLE);

    assertEquals(List.of("privatelink-it: not listed in privatelink-bom"), problems);
  }

  @Test
  void anArtifactNoModuleBuildsIsReported() {
    List<String> problems =
        problems(
            block("1.2.0", "privatelink-core", "privatelink-hapi", "privatelink-fhir"), SAMPLE);

    assertEquals(
        List.of(
            "privatelink-fhir: no module of the reactor builds it",
            "privatelink-fhir: not listed in privatelink-bom"),
        problems);
  }

  @Test
  void aModuleOfTheBomMissingFromTheBlockIsReported() {
    List<String> problems = problems(block("1.2.0", "privatelink-core"), SAMPLE);

    assertEquals(
        List.of("privatelink-hapi: listed in privatelink-bom but not in README"), problems);
  }

  @Test
  void aVersionOnAModuleIsReportedWhenItDisagrees() {
    String block =
        block("1.2.0", "privatelink-core")
            .replace(
                "</dependencies>\n",
                "<dependency><groupId>io.privatelink</groupId><artifactId>privatelink-hapi</artifactId>"
                    + "<version>1.0.0</version></dependency>\n</dependencies>\n");

    assertEquals(
        List.of("privatelink-hapi: version 1.0.0, but the reactor builds 1.2.0"),
        problems(block, SAMPLE));
  }

  /** Every way the README's block disagrees with the poms, one line each; empty when it agrees. */
  static List<String> problems(String xml, Poms poms) {
    List<String> problems = new ArrayList<>();
    Element root = parse("<readme>" + xml + "</readme>").getDocumentElement();
    List<Element> imports =
        elements(child(child(root, "dependencyManagement"), "dependencies"), "dependency");
    if (imports.size() != 1 || !BOM.equals(text(imports.get(0), "artifactId"))) {
      problems.add("dependencyManagement must import exactly " + BOM);
    } else {
      Element bom = imports.get(0);
      expect(problems, BOM + " groupId", GROUP, text(bom, "groupId"));
      expect(problems, BOM + " version", poms.bomVersion(), text(bom, "version"));
      expect(problems, BOM + " type", "pom", text(bom, "type"));
      expect(problems, BOM + " scope", "import", text(bom, "scope"));
    }
    Set<String> listed = new LinkedHashSet<>();
    for (Element dependency : elements(child(root, "dependencies"), "dependency")) {
      String artifactId = text(dependency, "artifactId");
      listed.add(artifactId);
      expect(problems, artifactId + " groupId", GROUP, text(dependency, "groupId"));
      String version = text(dependency, "version");
      if (!version.isEmpty() && !version.equals(poms.parentVersion())) {
        problems.add(
            artifactId
                + ": version "
                + version
                + ", but the reactor builds "
                + poms.parentVersion());
      }
      if (!poms.reactor().contains(artifactId)) {
        problems.add(artifactId + ": no module of the reactor builds it");
      }
      if (!poms.bomModules().contains(artifactId)) {
        problems.add(artifactId + ": not listed in " + BOM);
      }
    }
    for (String module : poms.bomModules()) {
      if (!listed.contains(module)) {
        problems.add(module + ": listed in " + BOM + " but not in README");
      }
    }
    return problems;
  }

  /** The first {@code ```xml} block after README's "## Use it" heading. */
  static String useItBlock(String readme) {
    int section = readme.indexOf("\n## Use it\n");
    assertTrue(section >= 0, "README.md has no \"## Use it\" section");
    int next = readme.indexOf("\n## ", section + 1);
    int start = readme.indexOf("\n```xml\n", section);
    assertTrue(
        start >= 0 && (next < 0 || start < next),
        "README's \"Use it\" section has no ```xml block");
    int end = readme.indexOf("\n```\n", start + 1);
    return readme.substring(start + "\n```xml\n".length(), end + 1);
  }

  private static String block(String bomVersion, String... artifactIds) {
    StringBuilder xml =
        new StringBuilder(
            """
            <dependencyManagement><dependencies><dependency>
              <groupId>io.privatelink</groupId><artifactId>privatelink-bom</artifactId>
              <version>%s</version><type>pom</type><scope>import</scope>
            </dependency></dependencies></dependencyManagement>
            <dependencies>
            """
                .formatted(bomVersion));
    for (String artifactId : artifactIds) {
      xml.append("<dependency><groupId>io.privatelink</groupId><artifactId>")
          .append(artifactId)
          .append("</artifactId></dependency>\n");
    }
    return xml.append("</dependencies>\n").toString();
  }

  private static void expect(List<String> problems, String what, String expected, String actual) {
    if (!expected.equals(actual)) {
      problems.add(
          what + ": " + (actual.isEmpty() ? "missing" : actual) + ", expected " + expected);
    }
  }

  private static Element child(Element parent, String name) {
    List<Element> children = elements(parent, name);
    if (children.size() != 1) {
      throw new IllegalArgumentException(
          "<" + parent.getTagName() + "> has " + children.size() + " <" + name + ">, expected one");
    }
    return children.get(0);
  }

  /** The direct children of {@code parent} named {@code name}, in order. */
  private static List<Element> elements(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  /** The text of the direct child {@code name}, or "" when there is none. */
  private static String text(Element parent, String name) {
    List<Element> children = elements(parent, name);
    return children.isEmpty() ? "" : children.get(0).getTextContent().strip();
  }

  private static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
    }
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
