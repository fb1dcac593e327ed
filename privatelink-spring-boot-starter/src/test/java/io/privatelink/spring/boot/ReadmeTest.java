package io.privatelink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/**
 * The README's Spring Boot section: its snippets appear here verbatim (the Java ones as code in
 * {@link LinkedServiceTest} and {@link TestApplication}, marked {@code // README: Spring Boot}),
 * and each one is checked against README.md so the two cannot drift apart.
 */
class ReadmeTest {

  // README: Spring Boot
  static final String DEPENDENCY =
      """
      <dependency>
        <groupId>io.privatelink</groupId>
        <artifactId>privatelink-spring-boot-starter</artifactId>
        <version>0.1.0-SNAPSHOT</version>
      </dependency>
      """;

  // README: Spring Boot
  static final String APPLICATION_YAML =
      """
      privatelink:
        nameservers: [10.0.0.4]           # the VNet's DNS server; default: resolv.conf
        services:
          records:
            url: https://myfhir.azurehealthcareapis.com/
      """;

  // README: Spring Boot
  static final String INJECTION =
      """
      @Autowired @Qualifier("records") IGenericClient records;   // verified at startup, guarded
      """;

  private static String readme() throws IOException {
    return Files.readString(Path.of("..", "README.md"));
  }

  @Test
  void everySnippetIsInTheReadmeVerbatim() throws IOException {
    String readme = readme();
    for (String snippet : List.of(DEPENDENCY, APPLICATION_YAML, INJECTION)) {
      assertThat(readme).contains(snippet);
    }
  }

  @Test
  void theFiveLineApplicationYamlConfiguresOneVerifiedFhirService() throws IOException {
    List<PropertySource<?>> yaml =
        new YamlPropertySourceLoader()
            .load("readme", new ByteArrayResource(APPLICATION_YAML.getBytes()));
    StandardEnvironment env = new StandardEnvironment();
    yaml.forEach(env.getPropertySources()::addFirst);

    PrivateLinkProperties properties =
        new Binder(ConfigurationPropertySources.get(env))
            .bind("privatelink", PrivateLinkProperties.class)
            .get();
    PrivateLinkService records = PrivateLinkServices.of(properties.getServices()).get("records");

    assertThat(APPLICATION_YAML.lines()).hasSize(5);
    assertThat(properties.getNameservers()).containsExactly("10.0.0.4");
    assertThat(records.kind()).isEqualTo(ServiceKind.FHIR);
    assertThat(records.host()).isEqualTo("myfhir.azurehealthcareapis.com");
    assertThat(properties.isFailFast()).isTrue();
  }
}
