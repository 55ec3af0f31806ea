package io.peakgate.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.peakgate.platform.tracing.TraceParents;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Builds CloudEvents 1.0 structured JSON envelopes for the outbox, each with a fresh unique id. */
@ApplicationScoped
class EventEnvelopes {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    private final JsonFormat format = new JsonFormat();

    @Inject
    ObjectMapper json;

    /**
     * @param type    e.g. {@code io.peakgate.reading.accepted.v1}
     * @param source  the producing domain, e.g. {@code /peakgate/readings}
     * @param subject what the event is about, e.g. {@code esplus/3300000001}
     */
    OutboxEvent envelope(String topic, String key, String type, String source, String subject,
                                OffsetDateTime time, Object data) {
        UUID id = IDS.generate();
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(URI.create(source))
                .withType(type)
                .withSubject(subject)
                .withTime(time)
                .withDataContentType("application/json")
                .withExtension("partitionkey", key)
                .withData(bytes(data))
                .build();
        return new OutboxEvent(id, topic, key, new String(format.serialize(event), StandardCharsets.UTF_8),
                TraceParents.current());
    }

    private byte[] bytes(Object data) {
        try {
            return json.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event data", e);
        }
    }
}
