package io.peakgate.sms;

import io.micrometer.core.instrument.MeterRegistry;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.PartnerAnswer;
import io.peakgate.platform.error.PartnerProtocol;
import io.peakgate.platform.error.Problem;
import io.peakgate.platform.json.JsonCodec;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;


/**
 * Every refusal on the SMS route, wherever it is raised, as the aggregator's protocol wants it:
 * HTTP 200 with {@code {"reply": "..."}} (the text the aggregator sends back to the phone) and the
 * stable {@code code} of the refusal for the aggregator's operators.
 * <p>
 * Signature failures, an unknown aggregator and a refused address are answered the same way, by
 * decision: an aggregator treats any non-200 as "not delivered" and retries on its schedule, which
 * cannot succeed while its secret or address is wrong, and meanwhile the subscriber hears nothing
 * (the spec: the subscriber always gets a reply). A 200 with a "try again later" text stops the
 * futile retries and tells the subscriber; nothing is carried out or stored, so a forger learns
 * nothing and gains nothing; the refusal's code and the {@code peakgate.sms.refused} metric show the misconfiguration.
 */
@Singleton
public class SmsRefusals implements PartnerProtocol {

    @Inject
    JsonCodec json;

    @Inject
    MeterRegistry metrics;

    @Inject
    SmsService service;

    @Override
    public String pathPrefix() {
        return "/v1/sms/";
    }

    @Override
    public PartnerAnswer refuse(Problem problem, HttpServerRequest request) {
        metrics.counter("peakgate.sms.refused", "code", problem.code()).increment();
        return new PartnerAnswer(200, MediaType.APPLICATION_JSON, json.write(new SmsReply(text(problem,
                service.replies(aggregator(request.path()), null)), problem.code())),
                false);
    }

    /** The aggregator named by {@code /v1/sms/{aggregator}/inbound}: its language answers an unread message. */
    private static String aggregator(String path) {
        String[] segments = path == null ? new String[0] : path.split("/");
        return segments.length > 3 ? segments[3] : null;
    }

    private static String text(Problem problem, SmsReplies replies) {
        if (ErrorCode.SMS_OUTSIDE_REPLAY_WINDOW.code().equals(problem.code())) {
            return replies.outsideReplayWindow();
        }
        int status = problem.status();
        if (status == 429 || status >= 500 || status == 401 || status == 403 || status == 404) {
            return replies.temporary();
        }
        return replies.notProcessed();
    }
}
