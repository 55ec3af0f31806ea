package io.peakgate.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests' and records' traces are recorded; background work's are not, yet every span has its trace id. */
class RequestSamplerTest {

    @Test
    void requestsAndRecordsAreRecordedBackgroundWorkIsNot() {
        try (SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(RequestSampler.of(1.0)).build()) {
            Tracer tracer = provider.get("test");
            Span request = tracer.spanBuilder("GET /v1/payments/{id}").setSpanKind(SpanKind.SERVER).startSpan();
            Span record = tracer.spanBuilder("billing.balances.v1 process").setSpanKind(SpanKind.CONSUMER).startSpan();
            Span poll = tracer.spanBuilder("SELECT outbox").setSpanKind(SpanKind.CLIENT).startSpan();
            Span query = tracer.spanBuilder("SELECT account").setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(request)).startSpan();
            assertThat(request.getSpanContext().isSampled()).isTrue();
            assertThat(record.getSpanContext().isSampled()).isTrue();
            assertThat(query.getSpanContext().isSampled()).as("a request's queries are in its trace").isTrue();
            assertThat(query.getSpanContext().getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
            assertThat(poll.getSpanContext().isSampled()).isFalse();
            assertThat(poll.getSpanContext().isValid()).as("an unrecorded span still has its ids").isTrue();
        }
    }

    @Test
    void aRatioOfZeroRecordsNothingThatStartsHereButFollowsASampledCaller() {
        try (SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(RequestSampler.of(0.0)).build()) {
            Tracer tracer = provider.get("test");
            Span request = tracer.spanBuilder("GET").setSpanKind(SpanKind.SERVER).startSpan();
            assertThat(request.getSpanContext().isSampled()).isFalse();
            assertThat(request.getSpanContext().getTraceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
            Span sampledCaller = Span.wrap(io.opentelemetry.api.trace.SpanContext.createFromRemoteParent(
                    "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", io.opentelemetry.api.trace.TraceFlags.getSampled(),
                    io.opentelemetry.api.trace.TraceState.getDefault()));
            Span followed = tracer.spanBuilder("GET").setSpanKind(SpanKind.SERVER)
                    .setParent(Context.root().with(sampledCaller)).startSpan();
            assertThat(followed.getSpanContext().isSampled()).isTrue();
            assertThat(followed.getSpanContext().getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        }
    }
}
