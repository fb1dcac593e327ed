package io.privatelink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.privatelink.testkit.AzureSandbox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Each bad {@code privatelink.*} value stops startup, and the failure report names the property,
 * the value, and what to write instead.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadPropertiesTest {

  private static final AzureSandbox SANDBOX = SharedSandbox.get();

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "privatelink.policy.allow      | 10.0.0.0/33           | privatelink.policy.allow[0]       | in CIDR form such as 10.0.0.0/8",
        "privatelink.policy.deny       | banana                | privatelink.policy.deny[0]        | in CIDR form such as 10.0.0.0/8",
        "privatelink.nameservers       | dns.example.com       | privatelink.nameservers[0]        | write an IP address, ip:port or [ipv6]:port",
        "privatelink.timeout           | 0s                    | privatelink.timeout               | must be positive; write e.g. 5s",
        "privatelink.zones.extra       | azurehealthcareapis.com | privatelink.zones.extra[0]      | write a DNS zone starting with privatelink.",
        "privatelink.drift.min-interval | 0s                   | privatelink.drift.min-interval    | must be positive; write e.g. 10s",
        "privatelink.services.records.url | http://sandbox-fhir.fhir.azurehealthcareapis.com/ | privatelink.services.records.url | the URL must be https",
        "privatelink.services.records.url | https://exa mple.com/ | privatelink.services.records.url | write an https base URL",
        "privatelink.services.records.url | ''                   | privatelink.services.records.url  | every service needs a URL",
        "privatelink.services.records.kind | fhirr               | privatelink.services.records.kind | The following values are valid",
        "privatelink.services.records.scope | ' '                | privatelink.services.records.scope | leave it out to derive the scope from the URL",
        "privatelink.require-private-link-zone | sometimes     | privatelink.require-private-link-zone | write one of for-azure-services, for-every-host, for-no-host",
      })
  void badValueFailsStartupNamingThePropertyAndTheFix(
      String property, String value, String reported, String fix, CapturedOutput output) {
    SpringApplication app = new SpringApplication(TestApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("privatelink.nameservers", SANDBOX.dns().nameserver());
    properties.put("privatelink.services.records.url", SANDBOX.fhirBaseUrl());
    properties.put(property, value); // replaces, never adds to, a good value
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);

    Throwable failure = catchThrowable(() -> app.run(args).close());

    assertThat(failure).as("startup with %s=%s", property, value).isNotNull();

    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START")
        .contains(reported)
        .contains(fix);
    SANDBOX.assertCanariesUntouched();
  }
}
