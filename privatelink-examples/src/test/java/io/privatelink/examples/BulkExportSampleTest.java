package io.privatelink.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.examples.BulkExportSample.Export;
import io.privatelink.examples.BulkExportSample.OutputFile;
import io.privatelink.testkit.FakeEntraCredential;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BulkExportSample} end to end: the embedded FHIR server exports into Azurite (a real blob
 * store over HTTPS, checking bearer tokens), the sample downloads through the guard.
 */
class BulkExportSampleTest {

  private static final String STORAGE_SCOPE = "https://storage.azure.com";
  private ExportFixture fixture;
  private FakeEntraCredential credential;

  @BeforeEach
  void fresh() {
    fixture = ExportFixture.shared();
    credential = FakeEntraCredential.valid();
  }

  @AfterEach
  void canariesUntouched() {
    if (fixture != null) { // null when the fixture skipped the test (Azurite not installed)
      fixture.assertCanariesUntouched();
    }
  }

  private Export export() throws Exception {
    String fhirBase = fixture.fhirBase();
    PrivateLinkResolver resolver = fixture.resolver();
    OkHttpClient okHttpClient = fixture.trusting();
    // region:javadoc-BulkExportSample
    BulkExportSample.Export export =
        BulkExportSample.export(fhirBase, resolver, credential, okHttpClient);
    BulkExportSample.print(export, new PrintWriter(System.out, true));
    // endregion
    return export;
  }

  @Test
  void linkedStorageAccountDownloadsEveryFile() throws Exception {
    Export export = export();

    Map<String, Long> counts =
        export.files().stream().collect(Collectors.toMap(OutputFile::type, OutputFile::resources));
    assertEquals(Map.of("Patient", 3L, "Observation", 2L), counts);
    assertTrue(
        export.files().stream()
            .allMatch(f -> f.url().startsWith("https://linkedstore.blob.core.windows.net:")),
        export::toString);
    assertTrue(export.files().get(0).ndjson().startsWith("{\"resourceType\":"), export::toString);
  }

  @Test
  void kickOffIsAsyncAndTheStatusIsPolledUntilDone() throws Exception {
    Export export = export();

    assertTrue(export.polls() >= 2, "the first poll always answers 202: " + export.polls());
    var kickOff = fixture.fhir.server().requests().get(0);
    assertEquals("/$export", kickOff.path());
    assertEquals("respond-async", kickOff.header("Prefer"));
    assertTrue(export.statusUrl().contains("$export-poll-status"), export.statusUrl());
  }

  @Test
  void fhirCallsAndDownloadsCarryTokensForTheirOwnScopes() throws Exception {
    export();

    assertTrue(
        credential.asked("https://" + ExportFixture.FHIR_HOST), credential.scopes()::toString);
    assertTrue(credential.asked(STORAGE_SCOPE), credential.scopes()::toString);
    assertTrue(
        fixture.fhir.server().authorizationHeaders().stream()
            .allMatch(h -> h.startsWith("Bearer ")),
        "every FHIR call carried the FHIR token");
  }

  @Test
  void withoutATokenThePrivateContainerRefusesTheDownload() {
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                BulkExportSample.export(
                    fixture.fhirBase(), fixture.resolver(), null, fixture.trusting()));
    assertFalse(
        PrivateLinkException.find(e).isPresent(), "refused by Storage, not by the guard: " + e);
  }

  @Test
  void unlinkedStorageAccountIsRefusedBeforeAnyConnectionAndWithoutAToken() {
    fixture.exportTo(ExportFixture.UNLINKED_ACCOUNT);

    Exception e = assertThrows(Exception.class, this::export);

    PrivateLinkException refusal =
        PrivateLinkException.find(e)
            .orElseThrow(() -> new AssertionError("not a refusal: " + e, e));
    assertEquals(Verdict.PUBLIC_ADDRESS, refusal.verdict());
    assertTrue(
        refusal.getMessage().contains("unlinkedstore.blob.core.windows.net"), refusal::getMessage);
    assertFalse(
        credential.asked(STORAGE_SCOPE),
        "no Storage token for an unverified host: " + credential.scopes());
    // the canary beside Azurite on 127.0.0.2 is checked after each test
  }

  @Test
  void unlinkedFhirHostIsRefusedBeforeKickOffWithoutAToken() {
    fixture.dns.reset();
    fixture.dns.unlinkedZone(ExportFixture.FHIR_HOST, "127.0.0.2");

    Exception e = assertThrows(Exception.class, this::export);

    assertEquals(Verdict.PUBLIC_ADDRESS, PrivateLinkException.find(e).orElseThrow().verdict());
    assertEquals(List.of(), credential.scopes());
    assertTrue(fixture.fhir.server().requests().isEmpty());
  }
}
