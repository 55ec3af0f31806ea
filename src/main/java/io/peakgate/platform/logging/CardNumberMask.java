package io.peakgate.platform.logging;

import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks anything in a text that looks like a card number (13-19 digits, spaces or dashes allowed, Luhn-valid). */
public final class CardNumberMask {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

    private CardNumberMask() {
    }

    public static String mask(String text) {
        if (text == null || text.length() < 13) {
            return text;
        }
        Matcher m = CANDIDATE.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits)) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, m.start())
                        .append(digits, 0, 6).append("******").append(digits, digits.length() - 4, digits.length());
                last = m.end();
            }
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }
}
