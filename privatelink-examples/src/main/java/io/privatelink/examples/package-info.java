/** Runnable samples of the library against FHIR, DICOM and bulk export. */
@NullMarked
package io.privatelink.examples;

import org.jspecify.annotations.NullMarked;
