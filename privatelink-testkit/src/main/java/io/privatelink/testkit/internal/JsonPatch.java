package io.privatelink.testkit.internal;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON Patch over a resource's JSON form: {@code add}, {@code remove}, {@code replace},
 * {@code move}, {@code copy} and {@code test}, with RFC 6901 pointers (including {@code -} to append
 * to an array). Operations apply in order to a copy; any failure rejects the whole patch.
 *
 * <p>The patch sees FHIR's JSON shape, so {@code /name/0/family} or {@code /active} work; the
 * result must still parse as the same resource type, and {@code /id} and {@code /resourceType} may
 * not change.
 */
public final class JsonPatch {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonPatch() {}

  /** Applies {@code patch} (a JSON array of operations) to {@code document}; returns the result. */
  public static String apply(String document, String patch) {
    JsonNode target = read(document, "resource");
    JsonNode operations = read(patch, "JSON Patch");
    if (!operations.isArray()) {
      throw new InvalidRequestException("a JSON Patch body must be a JSON array of operations");
    }
    JsonNode result = target.deepCopy();
    for (JsonNode operation : operations) {
      result = applyOne(result, operation);
    }
    for (String fixed : List.of("id", "resourceType")) {
      if (!target.path(fixed).equals(result.path(fixed))) {
        throw new UnprocessableEntityException("JSON Patch may not change /" + fixed);
      }
    }
    return result.toString();
  }

  private static JsonNode applyOne(JsonNode document, JsonNode operation) {
    String op = text(operation, "op");
    List<String> path = pointer(text(operation, "path"));
    switch (op) {
      case "add":
        return add(document, path, value(operation));
      case "remove":
        remove(document, path);
        return document;
      case "replace":
        get(document, path); // must exist
        remove(document, path);
        return add(document, path, value(operation));
      case "move":
        {
          List<String> from = pointer(text(operation, "from"));
          JsonNode moved = get(document, from);
          remove(document, from);
          return add(document, path, moved);
        }
      case "copy":
        return add(document, path, get(document, pointer(text(operation, "from"))).deepCopy());
      case "test":
        if (!get(document, path).equals(value(operation))) {
          throw new UnprocessableEntityException(
              "JSON Patch test failed at " + text(operation, "path"));
        }
        return document;
      default:
        throw new InvalidRequestException("unknown JSON Patch operation: " + op);
    }
  }

  private static JsonNode add(JsonNode document, List<String> path, JsonNode value) {
    if (path.isEmpty()) {
      return value;
    }
    JsonNode parent = get(document, path.subList(0, path.size() - 1));
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      if (last.equals("-")) {
        array.add(value);
      } else {
        int index = index(last, array.size() + 1);
        array.insert(index, value);
      }
    } else {
      throw unprocessable("cannot add below a value that is neither object nor array", path);
    }
    return document;
  }

  private static void remove(JsonNode document, List<String> path) {
    if (path.isEmpty()) {
      throw new UnprocessableEntityException("JSON Patch may not remove the whole resource");
    }
    JsonNode parent = get(document, path.subList(0, path.size() - 1));
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object && object.has(last)) {
      object.remove(last);
    } else if (parent instanceof ArrayNode array) {
      array.remove(index(last, array.size()));
    } else {
      throw unprocessable("nothing to remove at", path);
    }
  }

  private static JsonNode get(JsonNode document, List<String> path) {
    JsonNode node = document;
    for (String token : path) {
      if (node instanceof ObjectNode && node.has(token)) {
        node = node.get(token);
      } else if (node instanceof ArrayNode array) {
        node = array.get(index(token, array.size()));
      } else {
        throw unprocessable("no value at", path);
      }
    }
    return node;
  }

  private static int index(String token, int limit) {
    try {
      int index = Integer.parseInt(token);
      if (index >= 0 && index < limit && (token.equals("0") || !token.startsWith("0"))) {
        return index;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new UnprocessableEntityException("JSON Patch array index out of range: " + token);
  }

  private static List<String> pointer(String pointer) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (!pointer.startsWith("/")) {
      throw new InvalidRequestException("a JSON Pointer must start with '/': " + pointer);
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : pointer.substring(1).split("/", -1)) {
      tokens.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  private static String text(JsonNode operation, String field) {
    JsonNode node = operation.get(field);
    if (node == null || !node.isTextual()) {
      throw new InvalidRequestException("JSON Patch operation lacks \"" + field + "\": " + operation);
    }
    return node.asText();
  }

  private static JsonNode value(JsonNode operation) {
    if (!operation.has("value")) {
      throw new InvalidRequestException("JSON Patch operation lacks \"value\": " + operation);
    }
    return operation.get("value").deepCopy();
  }

  private static JsonNode read(String json, String what) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("malformed " + what + " JSON: " + e.getOriginalMessage());
    }
  }

  private static UnprocessableEntityException unprocessable(String message, List<String> path) {
    return new UnprocessableEntityException(
        "JSON Patch: " + message + " /" + String.join("/", path));
  }
}
