package io.privatelink.examples;

import io.privatelink.testkit.AzureSandbox;
import okhttp3.OkHttpClient;

/** Clients for tests against an {@link AzureSandbox}. */
final class SandboxClients {

  private SandboxClients() {}

  /** An OkHttp client trusting the sandbox's generated CA and nothing else (not yet guarded). */
  static OkHttpClient trustingSandboxCa(AzureSandbox sandbox) {
    return new OkHttpClient.Builder()
        .sslSocketFactory(
            sandbox.certificates().clientSocketFactory(), sandbox.certificates().trustManager())
        .build();
  }
}
