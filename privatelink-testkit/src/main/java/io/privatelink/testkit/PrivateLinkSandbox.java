package io.privatelink.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one {@link DnsSandbox} for the annotated test class and closes it after the last test.
 * Declare a parameter of type {@code DnsSandbox} on a constructor, a {@code @BeforeAll},
 * {@code @BeforeEach}, {@code @AfterEach} or {@code @AfterAll} method, or a test method to get it.
 *
 * <pre>{@code
 * @PrivateLinkSandbox
 * class PrivateEndpointTest {
 *
 *   @BeforeEach
 *   void freshDns(DnsSandbox dns) {
 *     dns.reset(); // records persist across tests of the class unless reset
 *   }
 *
 *   @Test
 *   void resolvesThroughThePrivateEndpoint(DnsSandbox dns) throws Exception {
 *     dns.privateEndpoint("myfhir.azurehealthcareapis.com", "127.0.0.1");
 *     PrivateLinkResolver resolver = PrivateLinkResolver.builder()
 *         .nameservers(dns.nameserver())
 *         // 127.0.0.1 plays the private endpoint; the default policy refuses loopback
 *         .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
 *         .build();
 *
 *     assertEquals(Verdict.PRIVATE, resolver.resolve("myfhir.azurehealthcareapis.com").verdict());
 *   }
 * }
 * }</pre>
 *
 * <p>Every test of the class shares the sandbox, and with it records, faults and counters: call
 * {@link DnsSandbox#reset()} in {@code @BeforeEach} for isolation. A nested class gets the sandbox
 * of its enclosing class.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PrivateLinkSandboxExtension.class)
public @interface PrivateLinkSandbox {}
