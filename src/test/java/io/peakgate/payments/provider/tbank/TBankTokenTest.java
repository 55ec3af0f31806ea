package io.peakgate.payments.provider.tbank;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** T-Bank's worked examples from the Internet Acquiring documentation. */
class TBankTokenTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void notificationExample() throws Exception {
        String notification = """
                {"TerminalKey":"1321054611234DEMO","OrderId":"201709","Success":true,"Status":"AUTHORIZED",
                 "PaymentId":8742591,"ErrorCode":"0","Amount":9855,"CardId":322264,"Pan":"430000******0777",
                 "ExpDate":"1122","RebillId":101709,"Token":"whatever"}""";
        assertThat(TBankToken.of(json.readTree(notification), "Dfsfh56dgKl"))
                .isEqualTo("b906d28e76c6428e37b25fcf86c0adc52c63d503013fdd632e300593d165766b");
    }

    @Test
    void initExampleIgnoresNestedObjects() throws Exception {
        String init = """
                {"TerminalKey":"MerchantTerminalKey","Amount":19200,"OrderId":"21090",
                 "Description":"Подарочная карта на 1000 рублей","DATA":{"Phone":"+71234567890"},
                 "Receipt":{"Items":[{"Name":"x"}]}}""";
        assertThat(TBankToken.of(json.readTree(init), "usaf8fw8fsw21g"))
                .isEqualTo("0024a00af7c350a3a67ca168ce06502aa72772456662e38696d48b56ee9c97d9");
    }

    @Test
    void mapsStatuses() {
        assertThat(TBankStatus.of("CONFIRMED").wire()).isEqualTo("succeeded");
        assertThat(TBankStatus.of("AUTHORIZED").wire()).isEqualTo("processing");
        assertThat(TBankStatus.of("REJECTED").wire()).isEqualTo("failed");
        assertThat(TBankStatus.of("REFUNDED").wire()).isEqualTo("refunded");
        assertThat(TBankStatus.of("PARTIAL_REFUNDED").wire()).isEqualTo("partially_refunded");
    }
}
