package io.privatelink.testkit;

import java.io.IOException;

/**
 * Where {@link EmbeddedFhirServer}'s bulk {@code $export} writes its NDJSON files, as the Azure
 * FHIR service writes to the storage account configured for export. {@link Azurite#exportStorage}
 * is the real one: a blob container in Azurite.
 */
@FunctionalInterface
public interface ExportStorage {

  /**
   * Stores one output file and returns the URL a client downloads it from (it goes into the export
   * manifest's {@code output[].url}).
   *
   * @return the download URL of the file
   * @param name the file's name within the export, e.g. {@code 3f2a.../Patient.ndjson}
   * @param ndjson the file's content, one JSON resource per line
   * @throws IOException if the file cannot be stored; the export job then fails
   */
  String store(String name, byte[] ndjson) throws IOException;
}
