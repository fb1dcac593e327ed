package io.privatelink.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the running application's actuator over HTTP on loopback, as an operator's probe does. */
final class Actuator {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;

  Actuator(int port) {
    this.port = port;
  }

  /** The HTTP status and JSON body of GET /actuator/{path}. */
  Response get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/" + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body(), JSON.readTree(response.body()));
  }

  /** The value of the first measurement of a metric, optionally narrowed by tags (key:value). */
  double metric(String name, String... tags) throws IOException, InterruptedException {
    StringBuilder path = new StringBuilder("metrics/").append(name);
    for (int i = 0; i < tags.length; i++) {
      path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
    }
    Response r = get(path.toString());
    if (r.status() != 200) {
      throw new AssertionError("GET /actuator/" + path + ": HTTP " + r.status() + " " + r.body());
    }
    return r.json().path("measurements").get(0).path("value").asDouble();
  }

  record Response(int status, String body, JsonNode json) {}
}
