package io.peakgate.payments.provider.liqpay;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** LiqPay's worked examples: its callback documentation and its official Java SDK's tests. */
class LiqPaySignatureTest {

    @ParameterizedTest
    @CsvSource({
            // documentation, callback section
            "your_private_key, base64_post_string, tp+ZLmKm1/E83dIzUpx5ljcttP4=",
            // official sdk-java testCreateSignature: {"field":"value"}
            "privateKey, eyJmaWVsZCI6InZhbHVlIn0=, d3dP/5qWQFlZgFR53eAwqJ+xIOQ=",
            // official sdk-java checkout form
            "privateKey, eyJhbW91bnQiOiIxLjUiLCJjdXJyZW5jeSI6IlVTRCIsImRlc2NyaXB0aW9uIjoiRGVzY3JpcHRpb24iLCJsYW5ndWFnZSI6ImVuIiwicHVibGljX2tleSI6InB1YmxpY0tleSIsInZlcnNpb24iOiIzIn0=, krCwuK4CBtNFAb6zqmJCeR/85VU="})
    void signsAsTheDocumentationDoes(String privateKey, String data, String signature) {
        assertThat(LiqPaySignature.of(privateKey, data)).isEqualTo(signature);
    }

    @org.junit.jupiter.api.Test
    void mapsStatuses() {
        assertThat(LiqPayProtocol.status("success").wire()).isEqualTo("succeeded");
        assertThat(LiqPayProtocol.status("sandbox").wire()).isEqualTo("succeeded");
        assertThat(LiqPayProtocol.status("failure").wire()).isEqualTo("failed");
        assertThat(LiqPayProtocol.status("error").wire()).isEqualTo("failed");
        assertThat(LiqPayProtocol.status("reversed").wire()).isEqualTo("partially_refunded");
        assertThat(LiqPayProtocol.status("3ds_verify").wire()).isEqualTo("processing");
        assertThat(LiqPayProtocol.status("wait_accept").wire()).isEqualTo("processing");
    }
}
