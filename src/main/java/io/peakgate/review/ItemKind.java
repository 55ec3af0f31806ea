package io.peakgate.review;

import java.util.Arrays;
import java.util.List;

/** Where a review item comes from, and the resolutions a person may give it. */
public enum ItemKind {
    /** A payment flagged by a callback or by reconciliation with a provider's registry. */
    PAYMENT("payment", List.of(Resolution.CREDIT, Resolution.REFUND_TO_PAYER, Resolution.DISMISS)),
    /** A reading accepted as implausible (confirmed by the subscriber) or late. */
    READING("reading", List.of(Resolution.ACCEPT, Resolution.REJECT)),
    /** An SMS payment message that paid nothing: unknown or closed account, or a text that cannot be read. */
    SMS("sms", List.of(Resolution.CREDIT, Resolution.DISMISS));

    private final String wire;
    private final List<Resolution> resolutions;

    ItemKind(String wire, List<Resolution> resolutions) {
        this.wire = wire;
        this.resolutions = resolutions;
    }

    public String wire() {
        return wire;
    }

    public List<Resolution> resolutions() {
        return resolutions;
    }

    /** The kind of this wire name, or null. */
    public static ItemKind of(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst().orElse(null);
    }
}
