package io.peakgate.payments.provider.yoomoney;

import org.junit.jupiter.api.Test;

import io.peakgate.platform.security.Signatures;

import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** YooMoney's worked example from the p2p-incoming notification documentation. */
class YooMoneyHashTest {

    @Test
    void documentationExample() {
        Map<String, String> form = Map.of("notification_type", "p2p-incoming", "operation_id", "1234567",
                "amount", "300.00", "currency", "643", "datetime", "2011-07-01T09:00:00.000+04:00",
                "sender", "41001XXXXXXXX", "codepro", "false", "label", "YM.label.12345");
        assertThat(YooMoneyHash.of(form, "01234567890ABCDEF01234567890"))
                .isEqualTo("a2ee4a9195f4a90e893cff4f62eeba0b662321f9");
    }

    @Test
    void anEmptySenderStaysAnEmptyField() {
        Map<String, String> card = Map.of("notification_type", "card-incoming", "operation_id", "1",
                "amount", "1.00", "currency", "643", "datetime", "2024-08-16T21:17:55Z", "sender", "",
                "codepro", "false", "label", "x");
        String line = "card-incoming&1&1.00&643&2024-08-16T21:17:55Z&&false&s&x";
        assertThat(YooMoneyHash.of(card, "s")).isEqualTo(HexFormat.of().formatHex(Signatures.digest("SHA-1", line)));
    }
}
