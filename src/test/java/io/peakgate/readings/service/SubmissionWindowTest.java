package io.peakgate.readings.service;

import io.peakgate.accounts.SuppliersConfig.OutOfWindowPolicy;
import io.peakgate.platform.error.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubmissionWindowTest {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    /** Heat and hot water: the last seven days of the month up to and including the 1st of the next. */
    private static final TestSuppliers.Window LAST_WEEK = new TestSuppliers.Window(-7, 1, true);
    private static final TestSuppliers.Window FIRST_TO_25TH = new TestSuppliers.Window(1, 25, false);

    @ParameterizedTest
    @CsvSource({
            "2026-11-24, 2026-11", "2026-11-30, 2026-11", "2026-12-01, 2026-11",
            "2027-02-22, 2027-02", "2027-03-01, 2027-02", "2028-02-23, 2028-02"})
    void insideTheLastWeekWindow(LocalDate day, YearMonth period) {
        assertThat(SubmissionWindow.decide(LAST_WEEK, OutOfWindowPolicy.REJECT, day, KYIV))
                .isEqualTo(new SubmissionWindow.Decision(period, false));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-12-02, 2026-12-25T00:00:00+02:00", "2026-12-07, 2026-12-25T00:00:00+02:00",
            "2026-11-23, 2026-11-24T00:00:00+02:00", "2027-02-21, 2027-02-22T00:00:00+02:00",
            "2026-06-10, 2026-06-24T00:00:00+03:00"})
    void outsideItTheNextOpeningIsNamed(LocalDate day, String opens) {
        assertThatThrownBy(() -> SubmissionWindow.decide(LAST_WEEK, OutOfWindowPolicy.REJECT, day, KYIV))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.code().code()).isEqualTo("reading.window_closed");
                    assertThat(e.extensions()).containsEntry("nextWindowOpensAt", opens);
                });
    }

    @Test
    void lateReadingsGoToTheNextPeriodByPolicy() {
        assertThat(SubmissionWindow.decide(FIRST_TO_25TH, OutOfWindowPolicy.NEXT_PERIOD, LocalDate.of(2026, 12, 27), KYIV))
                .isEqualTo(new SubmissionWindow.Decision(YearMonth.of(2027, 1), true));
        assertThat(SubmissionWindow.decide(FIRST_TO_25TH, OutOfWindowPolicy.NEXT_PERIOD, LocalDate.of(2026, 12, 25), KYIV))
                .isEqualTo(new SubmissionWindow.Decision(YearMonth.of(2026, 12), false));
        assertThat(SubmissionWindow.decide(FIRST_TO_25TH, OutOfWindowPolicy.NEXT_PERIOD, LocalDate.of(2026, 12, 1), KYIV))
                .isEqualTo(new SubmissionWindow.Decision(YearMonth.of(2026, 12), false));
    }
}
