package io.peakgate.readings.service;

import io.peakgate.readings.Warning;
import io.peakgate.readings.RegisterLine;
import io.peakgate.readings.SubmittedValue;
import io.peakgate.accounts.SuppliersConfig.FractionPolicy;
import io.peakgate.platform.error.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadingRulesTest {

    private static final LocalDate IN_WINDOW = LocalDate.of(2026, 11, 10);

    private static MeterState meter(int digits, MeterState.Register... registers) {
        return new MeterState(1, "3300000001", 1, "E-1", "electricity", digits, Arrays.asList(registers));
    }

    private static List<SubmittedValue> values(Object... registerThenValue) {
        return java.util.stream.IntStream.range(0, registerThenValue.length / 2)
                .mapToObj(i -> new SubmittedValue((String) registerThenValue[2 * i],
                        new BigDecimal(registerThenValue[2 * i + 1].toString()))).toList();
    }

    private static Evaluation evaluate(MeterState meter, List<SubmittedValue> values, boolean confirm) {
        return ReadingRules.evaluate(TestSuppliers.electricity(FractionPolicy.REJECT), meter, values, confirm, IN_WINDOW);
    }

    private static void refused(String code, Runnable evaluation) {
        assertThatThrownBy(evaluation::run).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.code().code()).isEqualTo(code));
    }

    @Test
    void consumptionAndChargeFromTheTariffInForce() {
        Evaluation e = evaluate(meter(5, new MeterState.Register("T1", 12000L, 300)), values("T1", 12345), false);
        assertThat(e.lines()).containsExactly(new RegisterLine("T1", 12000L, 12345, 345L, false));
        assertThat(e.estimatedCharge()).isEqualTo(345 * 650L);
        assertThat(e.needsReview()).isFalse();
        Evaluation june = ReadingRules.evaluate(TestSuppliers.electricity(FractionPolicy.REJECT),
                meter(5, new MeterState.Register("T1", 12000L, 300)), values("T1", 12345), false, LocalDate.of(2026, 6, 30));
        assertThat(june.estimatedCharge()).isEqualTo(345 * 600L);
    }

    @Test
    void theFirstReadingHasNoConsumptionAndNoCharge() {
        Evaluation e = evaluate(meter(5, new MeterState.Register("T1", null, 300)), values("T1", 500), false);
        assertThat(e.lines().getFirst().consumption()).isNull();
        assertThat(e.estimatedCharge()).isNull();
    }

    @Test
    void wholeNumbersOnlyUnlessRounded() {
        MeterState m = meter(5, new MeterState.Register("T1", 100L, 300));
        refused("reading.not_integer", () -> evaluate(m, values("T1", "150.5"), false));
        assertThat(evaluate(m, values("T1", "150.000"), false).lines().getFirst().current()).isEqualTo(150);
        assertThat(ReadingRules.evaluate(TestSuppliers.electricity(FractionPolicy.ROUND_UP), m, values("T1", "150.2"),
                false, IN_WINDOW).lines().getFirst().current()).isEqualTo(151);
        assertThat(ReadingRules.evaluate(TestSuppliers.electricity(FractionPolicy.ROUND_DOWN), m, values("T1", "150.9"),
                false, IN_WINDOW).lines().getFirst().current()).isEqualTo(150);
    }

    @Test
    void belowThePreviousUnlessThe5DigitMeterRolledOver() {
        refused("reading.below_previous", () -> evaluate(meter(5, new MeterState.Register("T1", 12345L, 300)),
                values("T1", 12000), false));
        Evaluation rolled = evaluate(meter(5, new MeterState.Register("T1", 99950L, 300)), values("T1", 30), false);
        assertThat(rolled.lines().getFirst()).isEqualTo(new RegisterLine("T1", 99950L, 30, 80L, true));
    }

    @Test
    void implausibleConsumptionNeedsConfirmation() {
        MeterState m = meter(6, new MeterState.Register("T1", 1000L, 300));
        // threshold: max(300 x 5, 1000) = 1500
        assertThat(evaluate(m, values("T1", 2500), false).needsReview()).isFalse();
        refused("reading.implausible", () -> evaluate(m, values("T1", 2501), false));
        Evaluation confirmed = evaluate(m, values("T1", 2501), true);
        assertThat(confirmed.needsReview()).isTrue();
        assertThat(confirmed.warnings()).extracting(Warning::code).contains("reading.needs_review");
    }

    @Test
    void registersMustBeCompleteKnownAndUnique() {
        MeterState twoRate = meter(6, new MeterState.Register("T1", 10L, 100), new MeterState.Register("T2", 10L, 100));
        refused("register.missing", () -> evaluate(twoRate, values("T1", 20), false));
        refused("register.unknown", () -> evaluate(twoRate, values("T1", 20, "T2", 20, "T3", 1), false));
        refused("register.duplicate", () -> evaluate(twoRate, values("T1", 20, "T1", 21, "T2", 20), false));
        Evaluation both = evaluate(twoRate, values("T2", 15, "T1", 20), false);
        assertThat(both.estimatedCharge()).isEqualTo(10 * 650L + 5 * 320L);
    }

    @Test
    void valuesMustFitTheMeter() {
        MeterState m = meter(5, new MeterState.Register("T1", 10L, 100));
        refused("reading.exceeds_capacity", () -> evaluate(m, values("T1", 100000), false));
        refused("reading.negative", () -> evaluate(m, values("T1", -1), false));
        refused("reading.exceeds_capacity", () -> evaluate(m, values("T1", "1e30"), false));
    }
}
