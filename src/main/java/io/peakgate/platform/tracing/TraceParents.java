package io.peakgate.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.regex.Pattern;

/**
 * Carries a trace across the transactional outbox: the W3C {@code traceparent} of the span current when an event
 * is written is stored with it, and the relay, publishing later from a timer, sends the record as a child of that
 * span (SmallRye's outgoing tracing takes the parent from the message's {@link TracingMetadata}). Events of
 * untraced or unsampled work carry none.
 */
public final class TraceParents {

    private static final Pattern W3C = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private TraceParents() {
    }

    /** The current span as a traceparent, or null when nothing sampled is current. */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid() || !span.isSampled()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** The message, to be published as a child of {@code traceparent} (unchanged when there is none). */
    public static <T> Message<T> childOf(Message<T> message, String traceparent) {
        if (traceparent == null) {
            return message;
        }
        var m = W3C.matcher(traceparent);
        if (!m.matches()) {
            return message;
        }
        SpanContext parent = SpanContext.createFromRemoteParent(m.group(1), m.group(2),
                TraceFlags.fromHex(m.group(3), 0), TraceState.getDefault());
        Context context = Context.root().with(Span.wrap(parent));
        return message.addMetadata(TracingMetadata.with(context, context));
    }
}
