package io.peakgate.readings.service;

import io.peakgate.accounts.SuppliersConfig.OutOfWindowPolicy;
import io.peakgate.accounts.SuppliersConfig.Window;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Decides which billing period a reading taken on a given local day belongs to, from the
 * supplier's submission window: inside a window it is that window's period; outside, by policy,
 * it is refused with the date the next window opens, or accepted late into the next period.
 */
public final class SubmissionWindow {

    /** The period a reading counts for; {@code late} when it missed its own period's window. */
    public record Decision(YearMonth period, boolean late) {
    }

    private SubmissionWindow() {
    }

    public static Decision decide(Window window, OutOfWindowPolicy policy, LocalDate today, ZoneId zone) {
        YearMonth current = YearMonth.from(today);
        for (YearMonth period : new YearMonth[]{current, current.minusMonths(1)}) {
            if (!today.isBefore(opens(window, period)) && !today.isAfter(closes(window, period))) {
                return new Decision(period, false);
            }
        }
        YearMonth next = opens(window, current).isAfter(today) ? current : current.plusMonths(1);
        LocalDate opensOn = opens(window, next);
        if (policy == OutOfWindowPolicy.NEXT_PERIOD) {
            return new Decision(next, true);
        }
        throw new ProblemException(ErrorCode.READING_WINDOW_CLOSED,
                "Readings are not accepted on " + today + "; the next window opens on "
                        + opensOn.format(DateTimeFormatter.ISO_LOCAL_DATE) + " (" + zone.getId() + ")")
                .with("nextWindowOpensAt", opensOn.atStartOfDay(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .with("period", next.toString());
    }

    static LocalDate opens(Window window, YearMonth period) {
        int day = window.opensDay();
        if (day > 0) {
            return period.atDay(Math.min(day, period.lengthOfMonth()));
        }
        return period.atEndOfMonth().plusDays(day + 1L);
    }

    static LocalDate closes(Window window, YearMonth period) {
        YearMonth month = window.closesNextMonth() ? period.plusMonths(1) : period;
        return month.atDay(Math.min(Math.max(window.closesDay(), 1), month.lengthOfMonth()));
    }
}
