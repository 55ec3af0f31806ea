package io.peakgate.payments;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.peakgate.payments.PaymentStatus.CANCELED;
import static io.peakgate.payments.PaymentStatus.CREATED;
import static io.peakgate.payments.PaymentStatus.EXPIRED;
import static io.peakgate.payments.PaymentStatus.FAILED;
import static io.peakgate.payments.PaymentStatus.PARTIALLY_REFUNDED;
import static io.peakgate.payments.PaymentStatus.PROCESSING;
import static io.peakgate.payments.PaymentStatus.REFUNDED;
import static io.peakgate.payments.PaymentStatus.REQUIRES_ACTION;
import static io.peakgate.payments.PaymentStatus.SUCCEEDED;

/**
 * The payment lifecycle, declared in one table. A provider's notification that is not a legal
 * step from the current state is stale (duplicated, reordered or late) and changes nothing:
 * in particular a late {@code failed} never overturns {@code succeeded}. Money the provider says
 * it took is never dropped: a success for a payment the gateway gave up on locally ({@code expired})
 * is applied and flagged; a success for a payment the provider itself declined, and a refund of a
 * payment that was never captured, are filed for review.
 */
public final class PaymentStateMachine {

    /** What to do with a requested move. */
    public enum Decision {
        /** A legal step: record it. */
        APPLY,
        /** A legal step that a person must look at: record it and flag the payment. */
        APPLY_AND_REVIEW,
        /** Money moved at the provider against what the gateway knows: change nothing, flag for review. */
        REVIEW,
        /** Already in that state: a duplicate. */
        DUPLICATE,
        /** Not a step forward from here: reordered or late, ignored. */
        STALE
    }

    private static final Set<PaymentStatus> REFUNDS = EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
    private static final Map<PaymentStatus, Set<PaymentStatus>> NEXT = new EnumMap<>(PaymentStatus.class);

    static {
        NEXT.put(CREATED, EnumSet.of(REQUIRES_ACTION, PROCESSING, SUCCEEDED, FAILED, CANCELED, EXPIRED));
        NEXT.put(REQUIRES_ACTION, EnumSet.of(PROCESSING, SUCCEEDED, FAILED, CANCELED, EXPIRED));
        NEXT.put(PROCESSING, EnumSet.of(SUCCEEDED, FAILED, CANCELED, EXPIRED));
        NEXT.put(SUCCEEDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED));
        NEXT.put(PARTIALLY_REFUNDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED));
        // the provider's late success for a payment given up on locally: applied, and a person looks at it
        NEXT.put(EXPIRED, EnumSet.of(SUCCEEDED));
        NEXT.put(FAILED, EnumSet.noneOf(PaymentStatus.class));
        NEXT.put(CANCELED, EnumSet.noneOf(PaymentStatus.class));
        NEXT.put(REFUNDED, EnumSet.noneOf(PaymentStatus.class));
    }

    private PaymentStateMachine() {
    }

    public static boolean allowed(PaymentStatus from, PaymentStatus to) {
        return NEXT.get(from).contains(to);
    }

    /** For notifications: apply legal steps, file money that moved against our state, ignore the rest. */
    public static Decision decide(PaymentStatus from, PaymentStatus to) {
        if (from == EXPIRED && to == SUCCEEDED) {
            return Decision.APPLY_AND_REVIEW;
        }
        if (allowed(from, to)) {
            return Decision.APPLY;
        }
        if (to == SUCCEEDED && (from == FAILED || from == CANCELED)) {
            return Decision.REVIEW;
        }
        if (REFUNDS.contains(to) && !from.captured()) {
            return Decision.REVIEW;
        }
        return from == to ? Decision.DUPLICATE : Decision.STALE;
    }

    /** For operations a caller asks for: an illegal move is refused with a coded error. */
    public static void require(PaymentStatus from, PaymentStatus to) {
        if (!allowed(from, to)) {
            throw new ProblemException(ErrorCode.PAYMENT_ILLEGAL_TRANSITION,
                    "A " + from.wire() + " payment cannot become " + to.wire());
        }
    }

    public static boolean terminal(PaymentStatus status) {
        return NEXT.get(status).isEmpty();
    }
}
