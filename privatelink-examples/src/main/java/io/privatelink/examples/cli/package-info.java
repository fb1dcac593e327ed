/** The {@code privatelink} command line: check, doctor, capabilities, export and the sandbox. */
@NullMarked
package io.privatelink.examples.cli;

import org.jspecify.annotations.NullMarked;
