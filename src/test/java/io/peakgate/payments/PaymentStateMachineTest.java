package io.peakgate.payments;

import io.peakgate.platform.error.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

import static io.peakgate.payments.PaymentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every (from, to) pair of the lifecycle, against the table written out here independently. */
class PaymentStateMachineTest {

    private static final Set<String> LEGAL = Set.of(
            "created>requires_action", "created>processing", "created>succeeded", "created>failed", "created>canceled",
            "created>expired",
            "requires_action>processing", "requires_action>succeeded", "requires_action>failed", "requires_action>canceled",
            "requires_action>expired",
            "processing>succeeded", "processing>failed", "processing>canceled", "processing>expired",
            "succeeded>partially_refunded", "succeeded>refunded",
            "partially_refunded>partially_refunded", "partially_refunded>refunded",
            "expired>succeeded");
    /** Legal, but a person looks at it: the provider's success after the gateway gave up locally. */
    private static final Set<String> APPLY_AND_REVIEW = Set.of("expired>succeeded");
    /** Money moved at the provider against the payment's state: filed for review, nothing applied. */
    private static final Set<String> REVIEW = Set.of("failed>succeeded", "canceled>succeeded",
            "created>refunded", "created>partially_refunded", "requires_action>refunded",
            "requires_action>partially_refunded", "processing>refunded", "processing>partially_refunded",
            "failed>refunded", "failed>partially_refunded", "canceled>refunded", "canceled>partially_refunded",
            "expired>refunded", "expired>partially_refunded");

    static Stream<Arguments> everyPair() {
        return Arrays.stream(PaymentStatus.values())
                .flatMap(from -> Arrays.stream(PaymentStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void eachTransitionIsLegalOnlyIfDeclared(PaymentStatus from, PaymentStatus to) {
        String pair = from.wire() + ">" + to.wire();
        boolean legal = LEGAL.contains(pair);
        assertThat(PaymentStateMachine.allowed(from, to)).isEqualTo(legal);
        PaymentStateMachine.Decision expected = APPLY_AND_REVIEW.contains(pair) ? PaymentStateMachine.Decision.APPLY_AND_REVIEW
                : legal ? PaymentStateMachine.Decision.APPLY
                : REVIEW.contains(pair) ? PaymentStateMachine.Decision.REVIEW
                : from == to ? PaymentStateMachine.Decision.DUPLICATE : PaymentStateMachine.Decision.STALE;
        assertThat(PaymentStateMachine.decide(from, to)).isEqualTo(expected);
        if (legal) {
            assertThatCode(() -> PaymentStateMachine.require(from, to)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> PaymentStateMachine.require(from, to)).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.code().code()).isEqualTo("payment.illegal_transition"));
        }
    }

    @org.junit.jupiter.api.Test
    void aLateFailureNeverOverturnsSuccess() {
        assertThat(PaymentStateMachine.decide(SUCCEEDED, FAILED)).isEqualTo(PaymentStateMachine.Decision.STALE);
        assertThat(PaymentStateMachine.decide(SUCCEEDED, PROCESSING)).isEqualTo(PaymentStateMachine.Decision.STALE);
        assertThat(PaymentStateMachine.decide(EXPIRED, FAILED)).isEqualTo(PaymentStateMachine.Decision.STALE);
        assertThat(PaymentStateMachine.terminal(FAILED)).isTrue();
        assertThat(PaymentStateMachine.terminal(EXPIRED)).isFalse();
        assertThat(PaymentStateMachine.terminal(REFUNDED)).isTrue();
        assertThat(PaymentStateMachine.terminal(SUCCEEDED)).isFalse();
    }
}
