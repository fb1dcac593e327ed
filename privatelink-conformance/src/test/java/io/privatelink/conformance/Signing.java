package io.privatelink.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signs the two DNSSEC zones of the table with keys made at test time ({@code ldns-keygen}, {@code
 * ldns-signzone} from Debian's {@code ldnsutils}): one with valid signatures, one whose signatures
 * expired in 2020.
 *
 * @param signedZone the zone file with valid signatures
 * @param expiredZone the zone file with expired signatures
 * @param trustAnchors the DNSKEY files a validating resolver trusts (one per zone)
 */
record Signing(Path signedZone, Path expiredZone, List<Path> trustAnchors) {

  static Signing signZones(Path dir) {
    Path keygen = DnsSoftware.require("ldns-keygen", "ldnsutils");
    Path signzone = DnsSoftware.require("ldns-signzone", "ldnsutils");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path valid = ZoneData.write(dir, ZoneData.SIGNED_ZONE, ZoneData.signedZoneText());
    Path expired = ZoneData.write(dir, ZoneData.EXPIRED_ZONE, ZoneData.expiredZoneText());
    String validKey =
        run(dir, keygen.toString(), "-a", "ECDSAP256SHA256", "-k", ZoneData.SIGNED_ZONE).trim();
    String expiredKey =
        run(dir, keygen.toString(), "-a", "ECDSAP256SHA256", "-k", ZoneData.EXPIRED_ZONE).trim();
    Path validSigned = dir.resolve(ZoneData.SIGNED_ZONE + ".signed");
    Path expiredSigned = dir.resolve(ZoneData.EXPIRED_ZONE + ".signed");
    run(dir, signzone.toString(), "-f", validSigned.toString(), valid.toString(), validKey);
    run(
        dir,
        signzone.toString(),
        "-i",
        "20200101",
        "-e",
        "20200201",
        "-f",
        expiredSigned.toString(),
        expired.toString(),
        expiredKey);
    return new Signing(
        validSigned,
        expiredSigned,
        List.of(dir.resolve(validKey + ".key"), dir.resolve(expiredKey + ".key")));
  }

  /** Runs a command in {@code dir}; returns its standard output; fails on a non-zero exit. */
  private static String run(Path dir, String... command) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed: " + new String(err, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
