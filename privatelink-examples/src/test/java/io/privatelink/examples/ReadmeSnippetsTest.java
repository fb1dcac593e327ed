package io.privatelink.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import io.privatelink.azure.EntraTokenInterceptor;
import io.privatelink.azure.GuardedAzureHttpClient;
import io.privatelink.azure.HostVerificationPolicy;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.FakeEntraCredential;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The README's code, verbatim between the region markers (see privatelink-it's DocSnippetsTest),
 * run against loopback stand-ins.
 */
class ReadmeSnippetsTest {

  @Test
  void azureSdkClients() {
    ExportFixture fixture = ExportFixture.shared();
    fixture
        .azurite
        .serviceClient(ExportFixture.LINKED_ACCOUNT)
        .createBlobContainerIfNotExists("readme")
        .getBlobClient("notes/hello.txt")
        .upload(BinaryData.fromString("hello over private link"), true);
    PrivateLinkResolver resolver = fixture.resolver();
    OkHttpClient okHttpClient = fixture.trusting();
    FakeEntraCredential credential = FakeEntraCredential.valid();
    // With the emulator's explicit port the SDK parses URLs IP-style (first segment = account);
    // a blob name with a folder keeps container and blob where the SDK rebuilds them.
    String blobUrl =
        fixture.azurite.blobEndpoint(ExportFixture.LINKED_ACCOUNT) + "/readme/notes/hello.txt";

    // region:readme-azure-sdk-clients
    HttpClient guarded =
        GuardedAzureHttpClient.builder().resolver(resolver).from(okHttpClient).build();
    BlobClient blob =
        new BlobClientBuilder()
            .endpoint(blobUrl)
            .credential(credential)
            .httpClient(guarded)
            .addPolicy(
                new HostVerificationPolicy(resolver)) // no token for a host that does not verify
            .buildClient();
    // endregion

    assertEquals("hello over private link", blob.downloadContent().toString());
    assertTrue(credential.asked("https://storage.azure.com"));
    fixture.assertCanariesUntouched();
  }

  @Test
  void dicomWeb() throws Exception {
    try (AzureSandbox sandbox = AzureSandbox.start()) {
      sandbox.dns().privateEndpoint("ws-dicom.dicom.azurehealthcareapis.com", "127.0.0.1");
      sandbox.dicom().dicomHealth();
      PrivateLinkResolver resolver = sandbox.newResolver();
      OkHttpClient okHttpClient = SandboxClients.trustingSandboxCa(sandbox);
      TokenCredential credential = new RecordingCredential();

      // region:readme-dicomweb
      EntraTokenInterceptor tokens =
          EntraTokenInterceptor.builder()
              .credential(credential)
              .serviceUrl(
                  "https://ws-dicom.dicom.azurehealthcareapis.com/") // scope: the DICOM audience
              .resolver(resolver)
              .build();
      OkHttpClient dicom =
          GuardedHttpClient.builder()
              .resolver(resolver)
              .from(okHttpClient.newBuilder().addInterceptor(tokens).build())
              .build();
      // endregion

      String url =
          "https://ws-dicom.dicom.azurehealthcareapis.com:"
              + sandbox.dicom().port()
              + "/health/check";
      try (Response response = dicom.newCall(new Request.Builder().url(url).build()).execute()) {
        assertEquals(200, response.code());
      }
      assertEquals(List.of("Bearer token-1"), sandbox.dicom().authorizationHeaders());
      sandbox.assertCanariesUntouched();
    }
  }
}
