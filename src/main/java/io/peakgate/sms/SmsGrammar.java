package io.peakgate.sms;

import io.peakgate.accounts.SuppliersConfig;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads what a subscriber texts to a short number: {@code KEYWORD ACCOUNT AMOUNT} pays,
 * {@code KEYWORD ACCOUNT pok VALUE} submits a reading where the supplier allows it. Tolerant where
 * people are (case, extra spaces, a stray +, decimal comma, Cyrillic letters that look Latin in
 * the keyword), strict where money is (one amount, two decimals at most, within the SMS limit).
 */
public final class SmsGrammar {

    /** What the message asks for. */
    public sealed interface Command {
    }

    public record Pay(String supplier, String account, long amount) implements Command {
    }

    public record Reading(String supplier, String account, BigDecimal value) implements Command {
    }

    /** A message that cannot be carried out, with what the reply should explain. */
    public record Invalid(Problem problem, String supplier, String detail) implements Command {
    }

    public enum Problem {
        UNKNOWN_KEYWORD, BAD_FORMAT, BAD_ACCOUNT, BAD_AMOUNT, AMOUNT_TOO_SMALL, AMOUNT_TOO_LARGE, READINGS_DISABLED,
        BAD_READING
    }

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,9}(?:[.,]\\d{1,2})?");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");
    private static final Map<Character, Character> LOOKALIKES = Map.ofEntries(
            Map.entry('а', 'a'), Map.entry('в', 'b'), Map.entry('е', 'e'), Map.entry('ё', 'e'), Map.entry('к', 'k'),
            Map.entry('м', 'm'), Map.entry('н', 'h'), Map.entry('о', 'o'), Map.entry('р', 'p'), Map.entry('с', 'c'),
            Map.entry('т', 't'), Map.entry('у', 'y'), Map.entry('х', 'x'), Map.entry('і', 'i'), Map.entry('ј', 'j'),
            Map.entry('ѕ', 's'), Map.entry('ь', 'b'), Map.entry('п', 'n'));
    /** "pok" however it is typed: Latin, or Cyrillic "пок"/"рок" (seen as "nok"/"pok" once look-alikes are mapped). */
    private static final List<String> READING_WORDS = List.of("pok", "nok", "p", "n");

    private SmsGrammar() {
    }

    public static Command parse(String shortNumber, String text, Map<String, SuppliersConfig.Supplier> suppliers) {
        String[] words = (text == null ? "" : text).replace('+', ' ').replace('\u00a0', ' ').trim()
                .toLowerCase(Locale.ROOT).split("\\s+");
        String keyword = latin(words[0]);
        String to = shortNumber == null ? "" : shortNumber.replaceAll("\\D", "");
        Map.Entry<String, SuppliersConfig.Supplier> match = null;
        for (Map.Entry<String, SuppliersConfig.Supplier> s : suppliers.entrySet()) {
            var sms = s.getValue().sms();
            if (sms.isPresent() && sms.get().shortNumber().equals(to) && sms.get().keyword().equals(keyword)) {
                match = s;
            }
        }
        if (match == null) {
            return new Invalid(Problem.UNKNOWN_KEYWORD, null, String.join(", ", keywords(to, suppliers)));
        }
        String supplier = match.getKey();
        SuppliersConfig.Supplier config = match.getValue();
        if (words.length == 4 && READING_WORDS.contains(latin(words[2]))) {
            return reading(supplier, config, words);
        }
        if (words.length != 3) {
            return new Invalid(Problem.BAD_FORMAT, supplier, null);
        }
        if (!words[1].matches(config.accountPattern())) {
            return new Invalid(Problem.BAD_ACCOUNT, supplier, words[1]);
        }
        if (!AMOUNT.matcher(words[2]).matches()) {
            return new Invalid(Problem.BAD_AMOUNT, supplier, words[2]);
        }
        long amount = new BigDecimal(words[2].replace(',', '.')).movePointRight(2).longValueExact();
        if (config.payments().tooSmall(amount)) {
            return new Invalid(Problem.AMOUNT_TOO_SMALL, supplier, Long.toString(config.payments().minAmount()));
        }
        if (amount > config.sms().get().maxAmount()) {
            return new Invalid(Problem.AMOUNT_TOO_LARGE, supplier, Long.toString(config.sms().get().maxAmount()));
        }
        return new Pay(supplier, words[1], amount);
    }

    private static Command reading(String supplier, SuppliersConfig.Supplier config, String[] words) {
        if (!config.sms().get().readings()) {
            return new Invalid(Problem.READINGS_DISABLED, supplier, null);
        }
        if (!words[1].matches(config.accountPattern())) {
            return new Invalid(Problem.BAD_ACCOUNT, supplier, words[1]);
        }
        if (!NUMBER.matcher(words[3]).matches()) {
            return new Invalid(Problem.BAD_READING, supplier, words[3]);
        }
        return new Reading(supplier, words[1], new BigDecimal(words[3].replace(',', '.')));
    }

    /** The keyword with Cyrillic letters that look Latin replaced by those Latin letters. */
    static String latin(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (char c : word.toCharArray()) {
            out.append(LOOKALIKES.getOrDefault(c, c));
        }
        return out.toString();
    }

    private static List<String> keywords(String shortNumber, Map<String, SuppliersConfig.Supplier> suppliers) {
        List<String> keywords = new ArrayList<>();
        suppliers.values().forEach(s -> s.sms().filter(sms -> sms.shortNumber().equals(shortNumber))
                .ifPresent(sms -> keywords.add(sms.keyword().toUpperCase(Locale.ROOT))));
        return keywords.stream().sorted().toList();
    }
}
