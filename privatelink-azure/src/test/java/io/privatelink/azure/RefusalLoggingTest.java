package io.privatelink.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.util.Configuration;
import com.azure.core.util.Context;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.AzureSandboxExtension;
import io.privatelink.testkit.CapturedLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broken link must not flood the log: azure-core's OkHttp client logs every failed call at ERROR
 * with a stack trace; the guarded client refuses before it, so the resolver's WARN (once per host
 * per interval) is all there is. Counts the lines slf4j-simple (this module's test binding) writes
 * to System.err.
 */
class RefusalLoggingTest {

  private static final int REQUESTS = 20;

  @RegisterExtension static final AzureSandboxExtension SANDBOX = new AzureSandboxExtension();
  private static AzureSandbox sandbox;
  private PrivateLinkResolver resolver;

  @BeforeEach
  void fresh() {
    sandbox = SANDBOX.sandbox();
    resolver = sandbox.newResolver();
  }

  @Test
  void refusedCallsLogOneWarningAndNoError() {
    HttpPipeline pipeline = pipeline(GuardedAzureHttpClient.builder().resolver(resolver).build());

    CapturedLog log = CapturedLog.ofStdErr(() -> sendRefusedCalls(pipeline));

    assertEquals(0, log.lines("ERROR"), log.text());
    assertEquals(
        1,
        log.text().lines().filter(l -> l.contains(" WARN ") && l.contains("refused")).count(),
        log.text());
    sandbox.assertCanariesUntouched();
  }

  @Test
  void azureCoresOwnClientWouldLogEachRefusalAtError() {
    // The same guarded OkHttp client handed to azure-core directly: the flood the wrapper prevents.
    HttpClient unwrapped =
        new OkHttpAsyncHttpClientBuilder(GuardedHttpClient.builder().resolver(resolver).build())
            .configuration(Configuration.NONE)
            .build();

    CapturedLog log = CapturedLog.ofStdErr(() -> sendRefusedCalls(pipeline(unwrapped)));

    assertEquals(REQUESTS, log.lines("ERROR"), log.text());
    sandbox.assertCanariesUntouched();
  }

  private static HttpPipeline pipeline(HttpClient client) {
    return new HttpPipelineBuilder().httpClient(client).build();
  }

  private static void sendRefusedCalls(HttpPipeline pipeline) {
    for (int i = 0; i < REQUESTS; i++) {
      HttpRequest request =
          new HttpRequest(HttpMethod.GET, sandbox.unlinkedFhirBaseUrl() + "metadata");
      RuntimeException e =
          assertThrows(
              RuntimeException.class, () -> pipeline.sendSync(request, Context.NONE).close());
      assertTrue(PrivateLinkException.find(e).isPresent(), "call " + i + " failed otherwise: " + e);
    }
  }
}
