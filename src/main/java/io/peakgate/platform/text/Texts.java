package io.peakgate.platform.text;

import io.peakgate.platform.money.Money;

import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * What people read, in one language: the texts of a ResourceBundle {@code i18n/<name>_<language>.properties}
 * (UTF-8), with MessageFormat arguments, and amounts written the way that language writes them
 * ("425,00 руб.", "425,00 грн"). Bundles are loaded once by {@link ResourceBundle}'s cache.
 */
public final class Texts {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final ResourceBundle currencies;
    private final Locale locale;
    private final char decimalSeparator;

    private Texts(String name, Locale locale) {
        // never the JVM's default locale: a language without its bundle is a build error, not English
        this.bundle = ResourceBundle.getBundle("i18n/" + name, locale, Texts.class.getClassLoader(), NO_FALLBACK);
        this.currencies = ResourceBundle.getBundle("i18n/money", locale, Texts.class.getClassLoader(), NO_FALLBACK);
        this.locale = locale;
        this.decimalSeparator = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
    }

    public static Texts of(String name, Locale locale) {
        return new Texts(name, locale);
    }

    public Locale locale() {
        return locale;
    }

    /**
     * The text under {@code key} with its arguments. Arguments are inserted as text: MessageFormat would
     * otherwise group digits ("12 345") in account numbers and meter values.
     */
    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        if (args.length == 0) {
            return pattern;
        }
        Object[] text = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            text[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(pattern, locale).format(text);
    }

    /** The text under {@code key}, or {@code fallback} when the bundle has none (a status or method added later). */
    public String getOrDefault(String key, String fallback) {
        return bundle.containsKey(key) ? bundle.getString(key) : fallback;
    }

    /** 42500 RUB as "425,00 руб.": the language's decimal separator, no digit grouping, the currency's word. */
    public String money(Money amount) {
        String unit;
        try {
            unit = currencies.getString(amount.currency());
        } catch (MissingResourceException e) {
            unit = amount.currency();
        }
        return Money.decimal(amount.value()).replace('.', decimalSeparator) + " " + unit;
    }
}
