package io.privatelink.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.testkit.CanaryServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * azure-core reads proxy settings by itself, once, at first use: {@code https.proxyHost} always,
 * {@code HTTPS_PROXY} with {@code java.net.useSystemProxies=true}. So each test starts a JVM with
 * the settings in place from the start, all pointing at a canary on 127.0.0.2 (a proxy would
 * resolve the target itself). The guarded client and the provider must reach their private server
 * directly with the canary untouched; then an unguarded azure-core client in the same JVM must go
 * to the canary, which proves the settings were live.
 */
class ProxySettingsIgnoredTest {

  private static final String SELECT =
      "-D"
          + GuardedHttpClientProvider.SELECT_PROPERTY
          + "="
          + GuardedHttpClientProvider.class.getName();

  @Test
  void proxyFromSystemPropertiesIsIgnored() throws Exception {
    try (CanaryServer proxy = CanaryServer.plainHttpOnPort(freePortOnCanaryAddress())) {
      String p = String.valueOf(proxy.port());
      runProbe(
          proxy,
          List.of(
              "-Dhttps.proxyHost=" + CanaryServer.ADDRESS,
              "-Dhttps.proxyPort=" + p,
              "-Dhttp.proxyHost=" + CanaryServer.ADDRESS,
              "-Dhttp.proxyPort=" + p,
              "-Dhttp.nonProxyHosts=none.invalid"),
          Map.of());
    }
  }

  @Test
  void proxyFromTheEnvironmentIsIgnored() throws Exception {
    try (CanaryServer proxy = CanaryServer.plainHttpOnPort(freePortOnCanaryAddress())) {
      String p = "http://" + CanaryServer.ADDRESS + ":" + proxy.port();
      runProbe(
          proxy,
          List.of("-Djava.net.useSystemProxies=true"),
          Map.of("HTTPS_PROXY", p, "HTTP_PROXY", p, "NO_PROXY", "none.invalid"));
    }
  }

  private static void runProbe(CanaryServer proxy, List<String> jvmOptions, Map<String, String> env)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add(SELECT);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ProxyProbe.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
    builder.environment().putAll(env);
    Process child = builder.start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
      String line;
      while ((line = out.readLine()) != null && !line.equals(ProxyProbe.GUARDED_DONE)) {
        output.add(line);
      }
      assertTrue(output.contains("guarded 200"), "guarded client: " + output);
      assertTrue(output.contains("provider 200"), "provider: " + output);
      assertTrue(
          output.contains("server requests 2"), "both reached the private server: " + output);
      proxy.assertUntouched();

      in.write("go\n");
      in.flush();
      while ((line = out.readLine()) != null) {
        output.add(line);
      }
    } finally {
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    assertEquals(0, child.exitValue(), "probe output: " + output);
    assertTrue(
        proxy.awaitConnections(1, Duration.ofSeconds(5)),
        "the control (unguarded azure-core client) did not use the proxy, so the settings were not"
            + " live and the test proves nothing: "
            + output);
  }

  private static int freePortOnCanaryAddress() throws IOException {
    try (ServerSocket socket =
        new ServerSocket(0, 1, InetAddress.getByName(CanaryServer.ADDRESS))) {
      return socket.getLocalPort();
    }
  }
}
