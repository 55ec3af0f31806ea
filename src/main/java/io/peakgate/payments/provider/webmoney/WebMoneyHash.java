package io.peakgate.payments.provider.webmoney;

import io.peakgate.platform.security.Signatures;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * WebMoney Merchant result hashes over, in order: payee purse, amount, payment no, mode, invoice
 * no, transaction no, transaction date, secret key, payer purse, payer WMID. {@code LMI_HASH}
 * concatenates them (SHA-256, or MD5 if the merchant chose it); {@code LMI_HASH2} joins them with
 * ";" under SHA-256. Both in uppercase hex.
 */
final class WebMoneyHash {

    private static final List<String> BEFORE_SECRET = List.of("LMI_PAYEE_PURSE", "LMI_PAYMENT_AMOUNT",
            "LMI_PAYMENT_NO", "LMI_MODE", "LMI_SYS_INVS_NO", "LMI_SYS_TRANS_NO", "LMI_SYS_TRANS_DATE");
    private static final List<String> AFTER_SECRET = List.of("LMI_PAYER_PURSE", "LMI_PAYER_WM");

    private WebMoneyHash() {
    }

    static String hash(Map<String, String> form, String secret, String algorithm) {
        return hex(algorithm, String.join("", values(form, secret)));
    }

    static String hash2(Map<String, String> form, String secret) {
        return hex("SHA-256", String.join(";", values(form, secret)));
    }

    private static List<String> values(Map<String, String> form, String secret) {
        List<String> values = new java.util.ArrayList<>();
        BEFORE_SECRET.forEach(f -> values.add(form.getOrDefault(f, "")));
        values.add(secret);
        AFTER_SECRET.forEach(f -> values.add(form.getOrDefault(f, "")));
        return values;
    }

    private static String hex(String algorithm, String text) {
        return HexFormat.of().formatHex(Signatures.digest(algorithm, text)).toUpperCase(Locale.ROOT);
    }
}
