package io.peakgate.review;

import java.util.Arrays;

/** What a person decided about a review item (which ones apply depends on its {@link ItemKind}). */
public enum Resolution {
    /** Credit what the provider or aggregator took to the account: billing is told. */
    CREDIT("credit"),
    /** The money goes back to the payer at the provider; the account is not credited. */
    REFUND_TO_PAYER("refund_to_payer"),
    /** Nothing to do: the item was a false alarm or was settled elsewhere. */
    DISMISS("dismiss"),
    /** The reading stands as accepted. */
    ACCEPT("accept"),
    /** The reading is taken back (its registers return to their previous values): billing is told. */
    REJECT("reject");

    private final String wire;

    Resolution(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The resolution of this wire name, or null. */
    public static Resolution of(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst().orElse(null);
    }
}
