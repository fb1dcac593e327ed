package io.privatelink.hapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.AzureSandboxExtension;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The testkit's EmbeddedFhirServer honours the conditional interactions a HAPI client sends (or
 * refuses them as FHIR says), tested with a real HAPI client through the guarded transport.
 */
class EmbeddedServerConditionalTest {

  // The sandbox's data outlives each test: every test gets its own identifier system and names.
  private final String SYSTEM = "urn:mrn:" + java.util.UUID.randomUUID();
  private final String tag = "T" + Long.toHexString(System.nanoTime());

  @RegisterExtension static final AzureSandboxExtension SANDBOX = new AzureSandboxExtension();
  private static AzureSandbox sandbox;
  private IGenericClient client;

  @BeforeEach
  void fresh() {
    sandbox = SANDBOX.sandbox();
    client = GuardedSandboxContext.of(sandbox).newRestfulGenericClient(sandbox.fhirBaseUrl());
  }

  private Patient patient(String mrn, String family) {
    Patient p = new Patient();
    p.addIdentifier().setSystem(SYSTEM).setValue(mrn);
    p.addName(new HumanName().setFamily(tag + family));
    return p;
  }

  private MethodOutcome createUnlessIdentifierExists(String mrn, String family) {
    return client
        .create()
        .resource(patient(mrn, family))
        .conditional()
        .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(SYSTEM, mrn))
        .execute();
  }

  private MethodOutcome updateByIdentifier(String mrn, String family) {
    return client
        .update()
        .resource(patient(mrn, family))
        .conditional()
        .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(SYSTEM, mrn))
        .execute();
  }

  /** Patients of this test: their family names start with its tag. */
  private int patientCount() {
    return client
        .search()
        .forResource(Patient.class)
        .where(Patient.FAMILY.matches().value(tag))
        .returnBundle(Bundle.class)
        .execute()
        .getTotal();
  }

  @Test
  void conditionalCreateWithAMatchCreatesNothing() {
    MethodOutcome first = createUnlessIdentifierExists("1", "Ng");
    MethodOutcome second = createUnlessIdentifierExists("1", "Ng");

    assertTrue(first.getCreated());
    assertFalse(Boolean.TRUE.equals(second.getCreated()));
    assertEquals(first.getId().getIdPart(), second.getId().getIdPart());
    assertEquals(1, patientCount());
  }

  @Test
  void conditionalCreateWithSeveralMatchesIsRefusedWith412() {
    client.create().resource(patient("1", "Ng")).execute();
    client.create().resource(patient("2", "Ng")).execute();

    assertThrows(
        PreconditionFailedException.class,
        () ->
            client
                .create()
                .resource(patient("3", "Ng"))
                .conditional()
                .where(Patient.FAMILY.matches().value(tag + "Ng"))
                .execute());
    assertEquals(2, patientCount());
  }

  @Test
  void conditionalUpdateUpdatesTheOneMatch() {
    String id = client.create().resource(patient("7", "Old")).execute().getId().getIdPart();

    updateByIdentifier("7", "New");

    Patient read = client.read().resource(Patient.class).withId(id).execute();
    assertEquals(tag + "New", read.getNameFirstRep().getFamily());
    assertEquals(1, patientCount());
  }

  @Test
  void conditionalUpdateWithoutAMatchCreates() {
    MethodOutcome outcome = updateByIdentifier("8", "Fresh");

    assertTrue(outcome.getCreated());
    assertEquals(1, patientCount());
  }

  @Test
  void conditionalDeleteDeletesTheOneMatch() {
    client.create().resource(patient("9", "Gone")).execute();
    client.create().resource(patient("10", "Stays")).execute();

    client.delete().resourceConditionalByUrl("Patient?identifier=" + SYSTEM + "|9").execute();

    assertEquals(1, patientCount());
  }

  @Test
  void conditionalDeleteWithSeveralMatchesIsRefusedWith412() {
    client.create().resource(patient("11", "Twin")).execute();
    client.create().resource(patient("12", "Twin")).execute();

    assertThrows(
        PreconditionFailedException.class,
        () -> client.delete().resourceConditionalByUrl("Patient?family=" + tag + "Twin").execute());
    assertEquals(2, patientCount());
  }

  @Test
  void aCriterionTheServerCannotMatchIsRefusedWith400() {
    assertThrows(
        InvalidRequestException.class,
        () ->
            client
                .create()
                .resource(patient("13", "X"))
                .conditional()
                .where(Patient.BIRTHDATE.exactly().day("2000-01-01"))
                .execute());
    assertEquals(0, patientCount());
  }

  @Test
  void anUpdateWithAStaleIfMatchIsRefusedWith412() {
    Patient created =
        (Patient) client.create().resource(patient("14", "V1")).execute().getResource();
    String id = created.getIdElement().getIdPart();
    client.update().resource(patient("14", "V2").setId(id)).execute();

    Patient stale = patient("14", "V3");
    stale.setId("Patient/" + id + "/_history/1");
    assertThrows(
        PreconditionFailedException.class, () -> client.update().resource(stale).execute());
  }

  @Test
  void aConditionalCreateInsideATransactionIsRefusedWith400() {
    Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    tx.addEntry()
        .setResource(patient("15", "Tx"))
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Patient")
        .setIfNoneExist("identifier=" + SYSTEM + "|15");

    assertThrows(
        InvalidRequestException.class, () -> client.transaction().withBundle(tx).execute());
    assertEquals(0, patientCount());
  }
}
