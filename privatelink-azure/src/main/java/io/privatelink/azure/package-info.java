/**
 * The private-link guard for Azure SDK clients and Entra ID tokens: a guarded azure-core {@code
 * HttpClient} ({@link io.privatelink.azure.GuardedAzureHttpClient}), an opt-in JVM-wide {@code
 * HttpClientProvider} ({@link io.privatelink.azure.GuardedHttpClientProvider}), and bearer tokens
 * for one verified host on OkHttp ({@link io.privatelink.azure.EntraTokenInterceptor}).
 */
@NullMarked
package io.privatelink.azure;

import org.jspecify.annotations.NullMarked;
