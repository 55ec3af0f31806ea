package io.peakgate.payments.provider.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.CallbackProtocol;
import io.peakgate.payments.provider.Notification;
import io.peakgate.payments.provider.RawCallback;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.security.Signatures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The sandbox's callbacks: JSON signed with {@code X-Sandbox-Signature: sha256=<hex HMAC-SHA256
 * of "timestamp.body">} and {@code X-Sandbox-Timestamp} (unix seconds, within five minutes).
 */
@ApplicationScoped
public class SandboxProtocol implements CallbackProtocol {

    @Inject
    SandboxConfig sandbox;

    @Inject
    SandboxCallbacks signer;

    @Inject
    ObjectMapper json;

    @Override
    public String provider() {
        return SandboxProvider.NAME;
    }

    @Override
    public Notification verify(RawCallback callback) {
        if (!sandbox.enabled() || sandbox.secret().isEmpty()) {
            throw new ProblemException(ErrorCode.CALLBACK_PROVIDER_UNKNOWN, "The sandbox is not enabled");
        }
        String timestamp = callback.header().apply(SandboxCallbacks.TIMESTAMP);
        String signature = callback.header().apply(SandboxCallbacks.SIGNATURE);
        String body = callback.text();
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")
                || !Signatures.same("sha256=" + signer.sign(timestamp, body), signature)) {
            throw new ProblemException(ErrorCode.CALLBACK_SIGNATURE_INVALID, "The sandbox signature does not verify");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), callback.receivedAt()).abs();
        if (age.compareTo(sandbox.timestampTolerance()) > 0) {
            throw new ProblemException(ErrorCode.CALLBACK_STALE, "The callback's timestamp is too far from now");
        }
        try {
            JsonNode n = json.readTree(body);
            return new Notification(provider(), n.path("eventId").asText(),
                    new Notification.PaymentRef.ById(UUID.fromString(n.path("paymentId").asText())),
                    PaymentStatus.of(n.path("status").asText()), n.path("amount").asLong(),
                    n.path("currency").asText(), n.path("providerRef").asText(null), null,
                    n.path("failureCode").asText(null));
        } catch (IOException | IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.CALLBACK_MALFORMED, "The sandbox callback is not readable");
        }
    }

    @Override
    public Response acknowledge(Notification notification) {
        return Response.ok("{\"received\":true}", MediaType.APPLICATION_JSON_TYPE).build();
    }
}
