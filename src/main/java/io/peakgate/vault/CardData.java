package io.peakgate.vault;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;

import java.time.YearMonth;
import java.util.List;

/**
 * A card as a provider needs it for one call. The CVC lives only here, in memory, for that call:
 * it is never stored, logged or put in a token. {@code toString} masks everything sensitive.
 */
public record CardData(CardNumber number, int expMonth, int expYear, String holder, String cvc) {

    /** Checks the expiry against {@code now} (a card is valid through the end of its month). */
    public static CardData of(CardNumber number, int expMonth, int expYear, String holder, String cvc, YearMonth now,
                              String field) {
        if (expMonth < 1 || expMonth > 12) {
            throw new ProblemException(ErrorCode.REQUEST_INVALID, "expMonth must be 1 to 12",
                    List.of(new FieldError(prefix(field) + "expMonth", "must be 1 to 12")));
        }
        int year = expYear < 100 ? 2000 + expYear : expYear;
        if (YearMonth.of(year, expMonth).isBefore(now)) {
            throw new ProblemException(ErrorCode.CARD_EXPIRED, "The card has expired",
                    List.of(new FieldError(prefix(field) + "expYear", "card expired")));
        }
        return new CardData(number, expMonth, year, holder, cvc);
    }

    private static String prefix(String field) {
        return field.isEmpty() ? "" : field + ".";
    }

    @Override
    public String toString() {
        return "CardData[" + number + ", exp=" + expMonth + "/" + expYear + ", cvc=" + (cvc == null ? "none" : "***") + "]";
    }
}
