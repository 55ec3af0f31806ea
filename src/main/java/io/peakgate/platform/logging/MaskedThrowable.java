package io.peakgate.platform.logging;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A stand-in for a logged exception whose message (or a cause's, or a suppressed one's) holds
 * something card-number-shaped: it prints as the original does, class name and stack frames
 * included, with the card numbers masked.
 */
final class MaskedThrowable extends Throwable {

    private final String text;

    private MaskedThrowable(Throwable original, Map<Throwable, MaskedThrowable> done) {
        super(CardNumberMask.mask(original.getMessage()));
        this.text = CardNumberMask.mask(original.toString());
        done.put(original, this);
        setStackTrace(original.getStackTrace());
        Throwable cause = original.getCause();
        if (cause != null && cause != original) {
            initCause(done.containsKey(cause) ? done.get(cause) : new MaskedThrowable(cause, done));
        }
        for (Throwable suppressed : original.getSuppressed()) {
            addSuppressed(done.containsKey(suppressed) ? done.get(suppressed) : new MaskedThrowable(suppressed, done));
        }
    }

    /** {@code thrown} itself when nothing in it needs masking, else its masked copy. */
    static Throwable of(Throwable thrown) {
        return thrown == null || !leaks(thrown, new IdentityHashMap<>()) ? thrown
                : new MaskedThrowable(thrown, new IdentityHashMap<>());
    }

    private static boolean leaks(Throwable t, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return false;
        }
        String text = t.toString();
        if (!text.equals(CardNumberMask.mask(text)) || leaks(t.getCause(), seen)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (leaks(suppressed, seen)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
