package io.peakgate.sms;

import io.peakgate.platform.error.ProblemException;
import io.peakgate.readings.ReadingResponse;

import java.util.Locale;

/** The reply texts subscribers get, in the suppliers' language (Russian for the demo suppliers). */
final class SmsReplies {

    private SmsReplies() {
    }

    static String paid(String supplierName, String account, long amount, long paymentNumber) {
        return "Платёж " + rubles(amount) + " руб. на счёт " + account + " (" + supplierName + ") принят, номер "
                + paymentNumber + ". Спасибо!";
    }

    static String readingAccepted(ReadingResponse r) {
        var line = r.registers().getFirst();
        return "Показания " + line.current() + " по счёту " + r.account() + " приняты за " + r.period()
                + (line.consumption() == null ? "." : ", расход " + line.consumption() + ".")
                + (r.late() ? " Окно приёма закрыто: показания учтены в следующем периоде." : "");
    }

    static String invalid(SmsGrammar.Invalid invalid, String keyword, String supplierName) {
        String format = keyword == null ? "" : " Формат: " + keyword.toUpperCase(Locale.ROOT)
                + " <номер счёта> <сумма>, например: " + keyword + " 2256884759 425";
        return switch (invalid.problem()) {
            case UNKNOWN_KEYWORD -> "Неизвестная команда. Начните сообщение с кода поставщика"
                    + (invalid.detail().isEmpty() ? "." : ": " + invalid.detail() + ".")
                    + " Формат: <код> <номер счёта> <сумма>, например: ntvplus 2256884759 425";
            case BAD_FORMAT -> "Неверный формат сообщения." + format;
            case BAD_ACCOUNT -> "Номер счёта " + invalid.detail() + " указан неверно." + format;
            case BAD_AMOUNT -> "Сумма " + invalid.detail() + " указана неверно: нужно число, не более двух знаков после запятой."
                    + format;
            case AMOUNT_TOO_SMALL -> "Сумма меньше минимальной (" + rubles(Long.parseLong(invalid.detail())) + " руб.).";
            case AMOUNT_TOO_LARGE -> "Сумма больше допустимой для оплаты по SMS (" + rubles(Long.parseLong(invalid.detail()))
                    + " руб.).";
            case READINGS_DISABLED -> supplierName + " не принимает показания по SMS." + format;
            case BAD_READING -> "Показания " + invalid.detail() + " указаны неверно. Формат: " + keyword
                    + " <номер счёта> pok <показания>, например: " + keyword + " 3300000001 pok 12345";
        };
    }

    static String accountNotFound(String account, String keyword) {
        return "Счёт " + account + " не найден. Проверьте номер и отправьте: " + keyword + " <номер счёта> <сумма>.";
    }

    /** Billing has closed the account: no payment was taken. */
    static String accountClosed(String account, String supplierName) {
        return "Счёт " + account + " (" + supplierName + ") закрыт, платёж не принят. Обратитесь к поставщику.";
    }

    /** A refused reading, by the rule it broke. */
    static String readingRefused(ProblemException e, String keyword) {
        return switch (e.code()) {
            case ACCOUNT_NOT_FOUND -> "Счёт не найден. Проверьте номер.";
            case ACCOUNT_CLOSED -> "Счёт закрыт, показания не приняты. Обратитесь к поставщику.";
            case METER_NOT_FOUND -> "По SMS принимаются показания только однотарифного счётчика; у этого счёта его нет.";
            case READING_NOT_INTEGER -> "Показания принимаются только целым числом, без дробной части.";
            case READING_BELOW_PREVIOUS -> "Показания меньше предыдущих (" + e.extensions().get("previous")
                    + "). Проверьте и отправьте снова.";
            case READING_IMPLAUSIBLE -> "Расход " + e.extensions().get("consumption")
                    + " слишком велик. Если показания верны, передайте их через личный кабинет.";
            case READING_WINDOW_CLOSED -> "Приём показаний сейчас закрыт. Окно откроется "
                    + String.valueOf(e.extensions().get("nextWindowOpensAt")).substring(0, 10) + ".";
            case READING_EXCEEDS_CAPACITY, READING_NEGATIVE -> "Показания указаны неверно.";
            default -> "Показания не приняты. Формат: " + keyword + " <номер счёта> pok <показания>.";
        };
    }

    /** The gateway cannot carry the message out now (overload, a fault, or the aggregator's set-up). */
    static String temporary() {
        return "Сервис временно недоступен, сообщение не обработано. Повторите отправку через несколько минут.";
    }

    /** The message reached the gateway too late (or with no time): it was not carried out. */
    static String outsideReplayWindow() {
        return "Сообщение доставлено с задержкой и не обработано. Отправьте его ещё раз.";
    }

    /** The aggregator's request could not be read; the subscriber gets the format. */
    static String notProcessed() {
        return "Сообщение не обработано. Формат: <код> <номер счёта> <сумма>, например: ntvplus 2256884759 425";
    }

    static String tooMany() {
        return "Слишком много сообщений с вашего номера. Попробуйте позже.";
    }

    private static String rubles(long minor) {
        return String.format(Locale.ROOT, "%d,%02d", minor / 100, minor % 100);
    }
}
