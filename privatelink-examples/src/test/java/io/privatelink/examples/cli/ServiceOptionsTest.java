package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@link ServiceOptions}: what {@code --ca-cert} trusts, and the credential options. */
class ServiceOptionsTest {

  @TempDir Path tmp;

  @Command(name = "host")
  static final class Host {
    @Mixin ServiceOptions options;
  }

  private static ServiceOptions parse(String... args) {
    Host host = new Host();
    new CommandLine(host).parseArgs(args);
    return host.options;
  }

  @Test
  void caCertReplacesThePlatformRootsWithExactlyTheFilesCertificates() throws Exception {
    TestCertificates one = TestCertificates.forNames(List.of("one.example"));
    TestCertificates two = TestCertificates.forNames(List.of("two.example"));
    Path pem =
        Files.writeString(
            tmp.resolve("cas.pem"),
            one.certificateAuthority().certificatePem()
                + two.certificateAuthority().certificatePem());

    OkHttpClient client = parse("--ca-cert", pem.toString()).httpClient();

    assertEquals(
        Set.of(one.certificateAuthority().certificate(), two.certificateAuthority().certificate()),
        Set.of(client.x509TrustManager().getAcceptedIssuers()));
  }

  @Test
  void withoutCaCertThePlatformRootsAreTrusted() {
    OkHttpClient client = parse().httpClient();

    assertTrue(client.x509TrustManager().getAcceptedIssuers().length > 10);
  }

  @Test
  void noAuthGivesNoCredential() {
    assertNull(parse("--no-auth").credential());
  }
}
