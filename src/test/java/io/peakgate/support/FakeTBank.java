package io.peakgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for T-Bank's Internet Acquiring API (Init, Charge, GetState), served by the test
 * application at /test-tbank: it answers as T-Bank's documentation describes and keeps every request
 * it received, so tests can see exactly what the gateway sent to the provider.
 */
@Path("/test-tbank/{method}")
public class FakeTBank {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final List<Map.Entry<String, JsonNode>> REQUESTS = new CopyOnWriteArrayList<>();
    private static final Map<String, String> STATES = new ConcurrentHashMap<>();

    /** What the gateway sent, in order: (method, body). */
    public static List<Map.Entry<String, JsonNode>> requests() {
        return REQUESTS;
    }

    /** The requests of one method whose field {@code field} equals {@code value}. */
    public static List<JsonNode> sent(String method, String field, String value) {
        return REQUESTS.stream().filter(r -> r.getKey().equals(method) && value.equals(r.getValue().path(field).asText()))
                .map(Map.Entry::getValue).toList();
    }

    @POST
    @org.eclipse.microprofile.openapi.annotations.Operation(hidden = true)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public String answer(@PathParam("method") String method, byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        REQUESTS.add(Map.entry(method, request));
        ObjectNode answer = JSON.createObjectNode().put("Success", true).put("ErrorCode", "0")
                .put("TerminalKey", request.path("TerminalKey").asText());
        switch (method) {
            case "Init" -> {
                String paymentId = Long.toString(IDS.incrementAndGet());
                STATES.put(paymentId, "NEW");
                answer.put("Status", "NEW").put("PaymentId", paymentId).put("OrderId", request.path("OrderId").asText())
                        .put("Amount", request.path("Amount").asLong())
                        .put("PaymentURL", "https://securepay.example/new/" + paymentId);
            }
            case "Charge" -> {
                String paymentId = request.path("PaymentId").asText();
                STATES.put(paymentId, "CONFIRMED");
                answer.put("Status", "CONFIRMED").put("PaymentId", paymentId);
            }
            case "GetState" -> answer.put("Status", STATES.getOrDefault(request.path("PaymentId").asText(), "NEW"))
                    .put("PaymentId", request.path("PaymentId").asText());
            default -> answer.put("Success", false).put("ErrorCode", "9999");
        }
        return answer.toString();
    }
}
