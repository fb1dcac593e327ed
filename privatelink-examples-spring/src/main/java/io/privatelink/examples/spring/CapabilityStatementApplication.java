package io.privatelink.examples.spring;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.PrintStream;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot app on {@code privatelink-spring-boot-starter}: the starter verifies the FHIR
 * service configured as {@code privatelink.services.fhir} before the app starts, and this app reads
 * its CapabilityStatement through the injected, guarded client; {@code /actuator/health} shows the
 * {@code privateLink} indicator.
 *
 * <pre>
 * java -jar privatelink-examples-spring/target/privatelink-spring-sample.jar \
 *     --privatelink.nameservers=10.0.0.4 --privatelink.services.fhir.url=https://myfhir.azurehealthcareapis.com/
 * java -jar privatelink-examples-spring/target/privatelink-spring-sample.jar --sandbox
 * </pre>
 *
 * With {@code --sandbox} it first starts an {@link io.privatelink.testkit.AzureSandbox} on loopback
 * and points itself at it: no Azure account needed.
 */
@SpringBootApplication
public class CapabilityStatementApplication {

  /**
   * Starts the app; {@code --sandbox} starts the loopback sandbox first (see the class comment).
   */
  public static void main(String[] args) {
    run(args);
  }

  /** {@link #main}, returning the running context (closing it stops the sandbox too). */
  public static ConfigurableApplicationContext run(String... args) {
    SpringApplication app = new SpringApplication(CapabilityStatementApplication.class);
    SandboxMode.applyIf(app, args);
    return app.run(args);
  }

  /** Reads the CapabilityStatement once the application has started. */
  @Bean
  ApplicationRunner printCapabilities(@Qualifier("fhir") IGenericClient fhir) {
    return args ->
        print(fhir.capabilities().ofType(CapabilityStatement.class).execute(), System.out);
  }

  static void print(CapabilityStatement cs, PrintStream out) {
    out.println("FHIR version:   " + cs.getFhirVersion().toCode());
    String version = cs.getSoftware().getVersion();
    out.println(
        "Software:       " + cs.getSoftware().getName() + (version != null ? " " + version : ""));
    out.println(
        "Resource types: "
            + cs.getRestFirstRep().getResource().stream()
                .map(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .sorted()
                .collect(Collectors.joining(", ")));
  }
}
