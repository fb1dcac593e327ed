package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.examples.ExportFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code privatelink export}, in-process with {@code --no-auth}, against FHIR and Azurite on
 * loopback.
 */
class CliExportTest {

  @TempDir Path tmp;
  private ExportFixture fixture;
  private Path caCert;

  @BeforeEach
  void fresh() throws Exception {
    fixture = ExportFixture.shared();
    caCert = Files.writeString(tmp.resolve("ca.pem"), fixture.caPem());
  }

  @AfterEach
  void canariesUntouched() {
    if (fixture != null) { // null when the fixture skipped the test (Azurite not installed)
      fixture.assertCanariesUntouched();
    }
  }

  private CliResult export(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "export",
                "--dns",
                fixture.nameserver(),
                "--allow",
                "127.0.0.1/32",
                "--ca-cert",
                caCert.toString(),
                "--no-auth"));
    all.addAll(List.of(args));
    return CliResult.run(all.toArray(new String[0]));
  }

  @Test
  void linkedStorageExitsZeroAndListsTheFiles() {
    fixture.exportToAnonymouslyReadable(ExportFixture.LINKED_ACCOUNT);

    CliResult r = export(fixture.fhirBase());

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    assertTrue(
        r.out.contains("Patient:   3 resources from https://linkedstore.blob.core.windows.net:"),
        r::toString);
    assertTrue(r.out.contains("Observation: 2 resources"), r::toString);
  }

  @Test
  void unlinkedStorageExitsTwoAndSaysNothingWasSent() {
    fixture.exportToAnonymouslyReadable(ExportFixture.UNLINKED_ACCOUNT);

    CliResult r = export(fixture.fhirBase());

    assertEquals(ExitStatus.VIOLATION, r.status, r::toString);
    assertTrue(r.err.contains("unlinkedstore.blob.core.windows.net"), r::toString);
    assertTrue(r.err.contains("Nothing was sent"), r::toString);
  }
}
