package io.peakgate.billing;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Events written but not yet acknowledged by Kafka: in all and per topic, with the oldest one's age. */
@Schema(name = "OutboxBacklog")
public record OutboxBacklog(
        @Schema(description = "Unsent events in all") long unsent,
        @Schema(description = "Age in seconds of the oldest unsent event (0 when none): the relay's lag")
        long oldestUnsentAgeSeconds,
        List<Topic> topics) {

    /** One topic's backlog. */
    @Schema(name = "OutboxTopicBacklog")
    public record Topic(String topic, long unsent, long oldestUnsentAgeSeconds) {
    }

    static OutboxBacklog of(List<Topic> topics) {
        return new OutboxBacklog(topics.stream().mapToLong(Topic::unsent).sum(),
                topics.stream().mapToLong(Topic::oldestUnsentAgeSeconds).max().orElse(0), topics);
    }
}
