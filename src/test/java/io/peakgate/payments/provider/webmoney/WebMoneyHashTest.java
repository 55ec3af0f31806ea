package io.peakgate.payments.provider.webmoney;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** WebMoney Merchant result hashes, against published test vectors. */
class WebMoneyHashTest {

    private static final Map<String, String> RESULT = Map.of("LMI_PAYEE_PURSE", "Z123428476799",
            "LMI_PAYMENT_AMOUNT", "14.65", "LMI_PAYMENT_NO", "1444212666", "LMI_MODE", "1", "LMI_SYS_INVS_NO", "897",
            "LMI_SYS_TRANS_NO", "892", "LMI_SYS_TRANS_DATE", "20151007 13:07:36", "LMI_PAYER_PURSE", "Z366393600555",
            "LMI_PAYER_WM", "404521188333");

    @Test
    void lmiHashSha256AndMd5() {
        assertThat(WebMoneyHash.hash(RESULT, "226778888", "SHA-256"))
                .isEqualTo("0B12E75431284D6FCC05D8AF02B90AC28A0788FB95C9FF6B655344022F0746E5");
        assertThat(WebMoneyHash.hash(RESULT, "226778888", "MD5")).isEqualTo("1D3FFAFA982B134479C4AD1AE2CABB5C");
    }

    @Test
    void lmiHash2JoinsWithSemicolons() {
        Map<String, String> real = Map.of("LMI_PAYEE_PURSE", "Z945718891756", "LMI_PAYMENT_AMOUNT", "0.05",
                "LMI_PAYMENT_NO", "3", "LMI_MODE", "1", "LMI_SYS_INVS_NO", "821", "LMI_SYS_TRANS_NO", "458",
                "LMI_SYS_TRANS_DATE", "20170221 20:25:01", "LMI_PAYER_PURSE", "Z945718891756",
                "LMI_PAYER_WM", "059551878952");
        assertThat(WebMoneyHash.hash2(real, "AD15BDAF-864A-4909-81E7-F034FFD0625C"))
                .isEqualTo("8394AB2B012536D8535D3E1CB5917AB31E91EE891898B3AADD1FA887C9B2A0C2");
        assertThat(WebMoneyHash.hash(real, "AD15BDAF-864A-4909-81E7-F034FFD0625C", "SHA-256"))
                .isEqualTo("8FE265B681239AD127FE6A0B552D8737DFAA1C275C67E8B9189A56C0AE68126A");
    }

    @Test
    void currencyByPurseLetter() {
        assertThat(WebMoneyProtocol.currency("P000000000001")).isEqualTo("RUB");
        assertThat(WebMoneyProtocol.currency("U000000000002")).isEqualTo("UAH");
        assertThat(WebMoneyProtocol.currency("Z123")).isEqualTo("USD");
    }
}
