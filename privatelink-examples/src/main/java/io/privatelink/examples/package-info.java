/** Runnable samples of the library against FHIR, DICOM and bulk export. */
package io.privatelink.examples;
