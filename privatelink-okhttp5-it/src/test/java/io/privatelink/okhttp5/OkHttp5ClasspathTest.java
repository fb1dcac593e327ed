package io.privatelink.okhttp5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import okhttp3.OkHttp;
import org.junit.jupiter.api.Test;

/**
 * The suites in this module prove something only if they really run on OkHttp 5, and only on it.
 */
class OkHttp5ClasspathTest {

  @Test
  void theSuitesRunOnOkHttp5() {
    assertTrue(OkHttp.VERSION.startsWith("5."), "OkHttp " + OkHttp.VERSION + " is loaded");
  }

  @Test
  void noOkHttp4ClassesAreOnTheClasspathBesideIt() throws IOException {
    List<URL> copies =
        Collections.list(getClass().getClassLoader().getResources("okhttp3/OkHttpClient.class"));
    assertEquals(1, copies.size(), () -> "okhttp3.OkHttpClient found in " + copies);
  }
}
