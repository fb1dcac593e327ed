package io.privatelink.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The sample as a user runs it with {@code --sandbox}: it starts, reads, and reports UP. */
@ExtendWith(OutputCaptureExtension.class)
class CapabilityStatementApplicationTest {

  @Test
  void withTheSandboxItPrintsTheCapabilityStatementAndReportsPrivateLinkUp(CapturedOutput output)
      throws Exception {
    try (ConfigurableApplicationContext app =
        CapabilityStatementApplication.run(
            "--sandbox", "--server.port=0", "--server.address=127.0.0.1")) {
      assertThat(output.getOut())
          .contains("FHIR version:   4.0.1")
          .contains("Software:       privatelink-testkit")
          .contains("Resource types: Observation, OperationDefinition, Patient");

      String port = app.getEnvironment().getProperty("local.server.port");
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode privateLink =
          new ObjectMapper().readTree(health.body()).path("components").path("privateLink");
      assertThat(privateLink.path("status").asText()).isEqualTo("UP");
      assertThat(privateLink.path("details").path("fhir").path("verdict").asText())
          .isEqualTo("PRIVATE");
    }
  }
}
