package io.peakgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for LiqPay's server API ({@code /api/request}), served by the test application at
 * /test-liqpay: it decodes the signed {@code data} as LiqPay would, answers a {@code paytoken} with
 * success, and keeps every request's data so tests can see what the gateway sent.
 */
@Path("/test-liqpay")
public class FakeLiqPay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();

    /** The decoded data of every request whose {@code order_id} is {@code orderId}. */
    public static List<JsonNode> sent(String orderId) {
        return REQUESTS.stream().filter(r -> orderId.equals(r.path("order_id").asText())).toList();
    }

    @POST
    @org.eclipse.microprofile.openapi.annotations.Operation(hidden = true)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public String answer(@FormParam("data") String data, @FormParam("signature") String signature) throws IOException {
        JsonNode request = JSON.readTree(Base64.getDecoder().decode(data));
        REQUESTS.add(request);
        boolean token = "paytoken".equals(request.path("action").asText()) && request.hasNonNull("card_token");
        return JSON.createObjectNode().put("status", token ? "success" : "error")
                .put("payment_id", IDS.incrementAndGet()).put("order_id", request.path("order_id").asText())
                .put("amount", request.path("amount").asDouble()).put("currency", request.path("currency").asText())
                .toString();
    }
}
