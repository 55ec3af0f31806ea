package io.peakgate.payments.provider.yoomoney;

import io.peakgate.platform.security.Signatures;

import java.util.HexFormat;
import java.util.Map;

/**
 * YooMoney's notification hash: SHA-1 (hex) of
 * {@code notification_type&operation_id&amount&currency&datetime&sender&codepro&notification_secret&label},
 * the values exactly as received (empty ones stay empty).
 */
final class YooMoneyHash {

    private YooMoneyHash() {
    }

    static String of(Map<String, String> form, String secret) {
        String line = String.join("&", field(form, "notification_type"), field(form, "operation_id"),
                field(form, "amount"), field(form, "currency"), field(form, "datetime"), field(form, "sender"),
                field(form, "codepro"), secret, field(form, "label"));
        return HexFormat.of().formatHex(Signatures.digest("SHA-1", line));
    }

    private static String field(Map<String, String> form, String name) {
        return form.getOrDefault(name, "");
    }
}
