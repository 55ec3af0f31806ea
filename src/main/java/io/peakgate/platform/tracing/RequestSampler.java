package io.peakgate.platform.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Which traces are recorded (and exported): those of requests and of consumed Kafka records, a share
 * {@code peakgate.tracing.ratio} of them (0 to 1) when they start here, always when a caller's sampled traceparent
 * says so (parent-based). Background work that starts a trace of its own (the outbox relay's polls every 50 ms,
 * lease renewals, the dependency probes, the key-revocation listener) is not recorded: it would flood the
 * collector with one-span traces. Every span still has its trace id (logs and request ids carry it), recorded or
 * not. Quarkus takes this CDI bean in place of {@code quarkus.otel.traces.sampler}.
 */
public class RequestSampler {

    @Produces
    @Singleton
    Sampler sampler(TracingConfig config) {
        return of(config.ratio());
    }

    public static Sampler of(double ratio) {
        return Sampler.parentBased(new Roots(Sampler.traceIdRatioBased(ratio)));
    }

    /** A trace that starts here: a request's or a record's by the ratio, any other never. */
    private record Roots(Sampler ratio) implements Sampler {
        @Override
        public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                           Attributes attributes, List<LinkData> parentLinks) {
            return spanKind == SpanKind.SERVER || spanKind == SpanKind.CONSUMER
                    ? ratio.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks)
                    : SamplingResult.drop();
        }

        @Override
        public String getDescription() {
            return "PeakgateRequests{" + ratio.getDescription() + "}";
        }
    }
}
