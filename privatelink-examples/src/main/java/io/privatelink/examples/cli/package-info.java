/** The {@code privatelink} command line: check, doctor, capabilities, export and the sandbox. */
package io.privatelink.examples.cli;
