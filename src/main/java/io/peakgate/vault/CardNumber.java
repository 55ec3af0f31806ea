package io.peakgate.vault;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A primary account number. Only the vault and a provider adapter read the digits; everything
 * else sees {@link #toString()}, which masks all but the first six and last four.
 */
public final class CardNumber {

    private static final Pattern SEPARATORS = Pattern.compile("[ -]");
    private static final Pattern DIGITS = Pattern.compile("\\d{12,19}");

    private final String digits;
    private final CardBrand brand;

    private CardNumber(String digits, CardBrand brand) {
        this.digits = digits;
        this.brand = brand;
    }

    /** Parses a number as a person types it (spaces and dashes allowed); refuses invalid or unaccepted cards. */
    public static CardNumber parse(String raw, String field) {
        String digits = raw == null ? "" : SEPARATORS.matcher(raw).replaceAll("");
        if (!DIGITS.matcher(digits).matches() || !LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits)) {
            throw new ProblemException(ErrorCode.CARD_INVALID_NUMBER, "The card number is not valid",
                    List.of(new FieldError(field, "not a valid card number")));
        }
        CardBrand brand = CardBrand.of(digits).orElseThrow(() -> new ProblemException(ErrorCode.CARD_BRAND_UNSUPPORTED,
                "Only Visa, MasterCard and Mir cards are accepted",
                List.of(new FieldError(field, "card scheme not accepted"))));
        return new CardNumber(digits, brand);
    }

    public String reveal() {
        return digits;
    }

    public CardBrand brand() {
        return brand;
    }

    public String first6() {
        return digits.substring(0, 6);
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    @Override
    public String toString() {
        return first6() + "******" + last4();
    }
}
