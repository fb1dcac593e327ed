package io.privatelink.it.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Apache adapters' builders, built without their one required setting: each says what to add.
 * One test for both adapters, which share the builder ({@code PooledClientBuilder}).
 */
class MissingResolverTest {

  static Stream<Named<Executable>> builds() {
    return Stream.of(
        Named.of(
            "Apache HttpClient 4.5",
            () -> io.privatelink.httpclient4.GuardedApacheHttpClient.builder().build()),
        Named.of(
            "Apache HttpClient 5",
            () -> io.privatelink.httpclient5.GuardedApacheHttpClient.builder().build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builds")
  void buildWithoutAResolverSaysWhatToAdd(Executable build) {
    IllegalStateException e = assertThrows(IllegalStateException.class, build);
    assertTrue(e.getMessage().contains("resolver("), e.getMessage());
  }
}
