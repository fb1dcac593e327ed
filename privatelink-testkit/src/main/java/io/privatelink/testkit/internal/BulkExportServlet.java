package io.privatelink.testkit.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privatelink.testkit.ExportStorage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * A minimal FHIR Bulk Data system-level export ({@code GET [base]/$export}): the async request
 * pattern with {@code Prefer: respond-async}, 202 and {@code Content-Location}; a status endpoint
 * that answers 202 ({@code Retry-After: 1}) at least once and then 200 with the manifest; one
 * NDJSON file per resource type in {@link ExportStorage}. {@code _type} narrows the types; {@code
 * _outputFormat} must be NDJSON when given. Nothing else of the specification is implemented.
 */
public final class BulkExportServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The status endpoint's path. */
  public static final String STATUS_PATH = "/$export-poll-status";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Class<? extends Resource>> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put("Patient", Patient.class);
    TYPES.put("Observation", Observation.class);
  }

  private final transient ResourceStore store;
  private final transient FhirContext context;
  private final transient @Nullable ExportStorage storage;
  private final transient Map<String, Job> jobs = new ConcurrentHashMap<>();

  /** A job: done once {@code manifest} or {@code failure} is set. */
  private static final class Job {
    final AtomicInteger polls = new AtomicInteger();
    volatile @Nullable String manifest;
    volatile @Nullable String failure;
  }

  public BulkExportServlet(
      ResourceStore store, FhirContext context, @Nullable ExportStorage storage) {
    this.store = store;
    this.context = context;
    this.storage = storage;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (STATUS_PATH.equals(request.getServletPath())) {
      status(request, response);
    } else {
      kickOff(request, response);
    }
  }

  private void kickOff(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (storage == null) {
      outcome(response, 501, "bulk export is not configured on this server");
      return;
    }
    String prefer = request.getHeader("Prefer");
    if (prefer == null || !prefer.toLowerCase().contains("respond-async")) {
      outcome(response, 400, "$export needs the header Prefer: respond-async");
      return;
    }
    String format = request.getParameter("_outputFormat");
    if (format != null && !format.contains("ndjson")) {
      outcome(response, 400, "only NDJSON output is supported, not " + format);
      return;
    }
    List<String> types = new ArrayList<>(TYPES.keySet());
    String typeParam = request.getParameter("_type");
    if (typeParam != null) {
      types = new ArrayList<>();
      for (String t : typeParam.split(",")) {
        if (!TYPES.containsKey(t.trim())) {
          outcome(response, 400, "cannot export resource type " + t.trim());
          return;
        }
        types.add(t.trim());
      }
    }
    String id = UUID.randomUUID().toString();
    Job job = new Job();
    jobs.put(id, job);
    String kickOffUrl =
        request.getRequestURL()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    List<String> exportTypes = types;
    Thread worker = new Thread(() -> run(id, job, exportTypes, kickOffUrl), "bulk-export-" + id);
    worker.setDaemon(true);
    worker.start();
    response.setStatus(202);
    response.setHeader("Content-Location", base(request) + STATUS_PATH + "?_jobId=" + id);
  }

  private void run(String id, Job job, List<String> types, String kickOffUrl) {
    try {
      IParser parser = context.newJsonParser().setPrettyPrint(false);
      ObjectNode manifest = JSON.createObjectNode();
      manifest.put("transactionTime", Instant.now().toString());
      manifest.put("request", kickOffUrl);
      manifest.put("requiresAccessToken", true);
      ArrayNode output = manifest.putArray("output");
      manifest.putArray("error");
      for (String type : types) {
        List<? extends Resource> resources =
            store.current(Objects.requireNonNull(TYPES.get(type), type));
        if (resources.isEmpty()) {
          continue;
        }
        StringBuilder ndjson = new StringBuilder();
        for (Resource r : resources) {
          ndjson.append(parser.encodeResourceToString(r)).append('\n');
        }
        String url =
            Objects.requireNonNull(storage, "checked at kick-off")
                .store(
                    id + "/" + type + ".ndjson",
                    ndjson.toString().getBytes(StandardCharsets.UTF_8));
        output.addObject().put("type", type).put("url", url).put("count", resources.size());
      }
      job.manifest = JSON.writeValueAsString(manifest);
    } catch (IOException | RuntimeException e) {
      job.failure = "export " + id + " failed: " + e.getMessage();
    }
  }

  private void status(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Job job = jobs.get(String.valueOf(request.getParameter("_jobId")));
    if (job == null) {
      outcome(response, 404, "no export job " + request.getParameter("_jobId"));
      return;
    }
    // The first poll always answers "in progress", so clients exercise their polling.
    if (job.polls.getAndIncrement() == 0 || (job.manifest == null && job.failure == null)) {
      response.setStatus(202);
      response.setHeader("X-Progress", "in progress");
      response.setHeader("Retry-After", "1");
      return;
    }
    if (job.failure != null) {
      outcome(response, 500, job.failure);
      return;
    }
    response.setStatus(200);
    response.setContentType("application/json");
    response
        .getOutputStream()
        .write(Objects.requireNonNull(job.manifest).getBytes(StandardCharsets.UTF_8));
  }

  private static String base(HttpServletRequest request) {
    return request.getScheme() + "://" + request.getHeader("Host");
  }

  private static void outcome(HttpServletResponse response, int status, String message)
      throws IOException {
    ObjectNode outcome = JSON.createObjectNode();
    outcome.put("resourceType", "OperationOutcome");
    outcome
        .putArray("issue")
        .addObject()
        .put("severity", "error")
        .put("code", "processing")
        .put("diagnostics", message);
    response.setStatus(status);
    response.setContentType("application/fhir+json");
    response.getOutputStream().write(JSON.writeValueAsBytes(outcome));
  }
}
