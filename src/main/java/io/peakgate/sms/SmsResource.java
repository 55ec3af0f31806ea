package io.peakgate.sms;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import io.peakgate.idempotency.IdempotentResult;
import org.jboss.resteasy.reactive.RestResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peakgate.idempotency.IdempotencyService;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.ratelimit.RateLimiter;
import io.peakgate.platform.security.SourceAddresses;
import io.peakgate.platform.security.Signatures;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * {@code POST /v1/sms/{aggregator}/inbound}: short-number messages from SMS aggregators. The body
 * is authenticated by {@code X-Signature: sha256=<hex HMAC-SHA256 of the raw body>} with the
 * aggregator's secret (and an address allow-list); every message then gets a 200 with the reply
 * text, and a retried {@code messageId} gets the same reply and changes nothing. Refusals are thrown
 * as problems and answered as a 200 reply too, by {@link SmsRefusals}.
 */
@Path("/v1/sms/{aggregator}/inbound")
@Tag(name = "SMS")
public class SmsResource {

    @Inject
    SmsConfig config;

    @Inject
    SmsService service;

    @Inject
    IdempotencyService idempotency;

    @Inject
    RateLimiter limits;

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    @Inject
    SourceAddresses addresses;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, description = "The aggregator's JSON message, signed over its raw bytes (X-Signature)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InboundSms.class)))
    @Operation(operationId = "receiveSms", summary = "A subscriber's text to a short number, e.g. 'ntvplus 2256884759 425' to 3116")
    public Uni<RestResponse<SmsReply>> inbound(@PathParam("aggregator") String aggregator, @HeaderParam("X-Signature") String signature,
                                 byte[] body, @Context HttpServerRequest request) throws IOException {
        SmsConfig.Aggregator peer = config.aggregators().get(aggregator);
        if (peer == null) {
            throw new ProblemException(ErrorCode.SMS_AGGREGATOR_UNKNOWN, "No SMS aggregator '" + aggregator + "'");
        }
        addresses.require(peer.allowedAddresses(), request);
        byte[] raw = body == null ? new byte[0] : body;
        String expected = "sha256=" + HexFormat.of().formatHex(
                Signatures.hmacSha256(peer.secret().getBytes(StandardCharsets.UTF_8), raw));
        if (!Signatures.same(expected, signature == null ? null : signature.toLowerCase(java.util.Locale.ROOT))) {
            throw new ProblemException(ErrorCode.SMS_SIGNATURE_INVALID, "Sign the raw body: X-Signature: sha256=<hex HMAC-SHA256>");
        }
        InboundSms sms = json.readValue(raw, InboundSms.class);
        if (sms == null) {
            throw new ProblemException(ErrorCode.REQUEST_INVALID, "The body must be a JSON object");
        }
        var violations = validator.validate(sms);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        SmsConfig.Limits l = config.limits();
        return limits.allow("sms:aggregator:" + aggregator, l.perAggregator(), l.perAggregatorWindow()).chain(aggregatorOk -> {
            if (!aggregatorOk) {
                throw new ProblemException(ErrorCode.RATE_LIMITED, "Aggregator " + aggregator + " sends too fast");
            }
            return limits.allow("sms:phone:" + sms.from().replaceAll("\\D", ""), l.perPhone(), l.perPhoneWindow());
        }).chain(phoneOk -> {
            if (!phoneOk) {
                return Uni.createFrom().item(RestResponse.ok(new SmsReply(service.replies(aggregator, sms.to()).tooMany())));
            }
            return idempotency.executeSerialized(idempotency.protocolRequest("sms:" + aggregator, sms.messageId(), sms),
                    guard -> service.handle(aggregator, sms, guard)).map(IdempotentResult::toRestResponse);
        });
    }
}
