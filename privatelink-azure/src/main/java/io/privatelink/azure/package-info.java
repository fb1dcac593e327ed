/**
 * The private-link guard for Azure SDK clients: a guarded azure-core {@code HttpClient} ({@link
 * io.privatelink.azure.GuardedAzureHttpClient}) and an opt-in JVM-wide {@code HttpClientProvider}
 * ({@link io.privatelink.azure.GuardedHttpClientProvider}).
 */
package io.privatelink.azure;
