package io.peakgate.payments.provider.sandbox;

import io.peakgate.payments.PaymentStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peakgate.payments.FailureCode;
import io.peakgate.payments.provider.ProvidersConfig;
import io.peakgate.platform.security.Signatures;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers the sandbox's callbacks to the gateway over HTTP, signed like a real provider's,
 * and on request misbehaves like one: duplicates, delays and out-of-order delivery.
 */
@ApplicationScoped
class SandboxCallbacks {

    static final String SIGNATURE = "X-Sandbox-Signature";
    static final String TIMESTAMP = "X-Sandbox-Timestamp";
    private static final Logger LOG = Logger.getLogger(SandboxCallbacks.class);

    private static final Duration RETRY_FIRST = Duration.ofMillis(500);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);
    private static final int RETRIES = 10;

    /** How the sandbox should deliver: extra copies of the final event, a delay, and stale events after it. */
    record Behaviour(int duplicates, long delayMs, boolean outOfOrder) {
        static final Behaviour NORMAL = new Behaviour(0, 0, false);
    }

    @Inject
    WebClient client;

    @Inject
    ProvidersConfig config;

    @Inject
    SandboxConfig sandbox;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;


    /** Sends the session's final status (and, by behaviour, its echoes); completes when all were answered. */
    Uni<Void> deliver(SandboxSession session, Behaviour behaviour) {
        List<Map<String, Object>> events = new ArrayList<>();
        Map<String, Object> last = event(session, session.finalStatus(), session.failureCode(), "final");
        events.add(last);
        for (int i = 0; i < behaviour.duplicates(); i++) {
            events.add(last);
        }
        if (behaviour.outOfOrder()) {
            events.add(event(session, "processing", null, "processing"));
            if (PaymentStatus.SUCCEEDED.wire().equals(session.finalStatus())) {
                events.add(event(session, PaymentStatus.FAILED.wire(), FailureCode.LATE_FAILURE.wire(), "late-failed"));
            }
        }
        Uni<Void> start = behaviour.delayMs() > 0
                ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(behaviour.delayMs()))
                : Uni.createFrom().voidItem();
        return start.chain(() -> Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(this::post)
                .collect().last().replaceWithVoid());
    }

    private Map<String, Object> event(SandboxSession s, String status, String failureCode, String kind) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", "sbx_evt_" + s.id() + "_" + kind);
        event.put("paymentId", s.paymentId().toString());
        event.put("status", status);
        event.put("amount", s.amount());
        event.put("currency", s.currency());
        event.put("providerRef", s.providerRef());
        if (failureCode != null) {
            event.put("failureCode", failureCode);
        }
        return event;
    }

    private Uni<Void> post(Map<String, Object> event) {
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        // like a real provider: an answer that is not an acknowledgement (5xx, no answer) is retried with back-off
        return Uni.createFrom().deferred(() -> {
                    String timestamp = Long.toString(Instant.now(clock).getEpochSecond());
                    return client.postAbs(config.publicBaseUrl() + "/v1/callbacks/sandbox")
                            .putHeader("Content-Type", "application/json")
                            .putHeader(TIMESTAMP, timestamp)
                            .putHeader(SIGNATURE, "sha256=" + sign(timestamp, body))
                            .timeout(5000)
                            .sendBuffer(Buffer.buffer(body));
                })
                .invoke(r -> {
                    if (r.statusCode() >= 500) {
                        throw new IllegalStateException("answered " + r.statusCode());
                    }
                    if (r.statusCode() != 200) {
                        LOG.warnf("Sandbox callback %s answered %d", event.get("eventId"), r.statusCode());
                    }
                })
                .onFailure().retry().withBackOff(RETRY_FIRST, RETRY_MAX).atMost(RETRIES)
                .onFailure().invoke(e -> LOG.warnf("Sandbox callback %s gave up after %d attempts: %s",
                        event.get("eventId"), RETRIES + 1, e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** hex(HMAC-SHA256(secret, timestamp + "." + body)). */
    String sign(String timestamp, String body) {
        byte[] key = sandbox.secret().orElseThrow().reveal().getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(Signatures.hmacSha256(key,
                (timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
