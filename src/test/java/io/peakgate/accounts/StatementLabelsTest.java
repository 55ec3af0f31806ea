package io.peakgate.accounts;

import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.RefundStatus;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.text.Texts;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every language says everything: the same keys in each bundle, a word for every payment and refund status. */
class StatementLabelsTest {

    private static Set<String> keys(String name, SuppliersConfig.Language language) {
        return ResourceBundle.getBundle("i18n/" + name, language.locale(), StatementLabelsTest.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).keySet();
    }

    @Test
    void eachLanguageHasEveryText() {
        for (String bundle : new String[]{"statement", "sms", "money"}) {
            assertThat(keys(bundle, SuppliersConfig.Language.UK)).as(bundle)
                    .containsExactlyInAnyOrderElementsOf(keys(bundle, SuppliersConfig.Language.RU));
        }
    }

    @Test
    void everyStatusHasItsWordsInEachLanguage() {
        for (SuppliersConfig.Language language : SuppliersConfig.Language.values()) {
            Set<String> keys = keys("statement", language);
            assertThat(keys).as(language.name()).containsAll(Arrays.stream(PaymentStatus.values())
                    .map(s -> "status.payment." + s.wire()).toList());
            assertThat(keys).as(language.name()).containsAll(Arrays.stream(RefundStatus.values())
                    .map(s -> "status.refund." + s.wire()).toList());
        }
    }

    @Test
    void amountsAreWrittenInTheLanguageAndTheCurrency() {
        assertThat(Texts.of("sms", Locale.of("uk", "UA")).money(new Money(42_550, "UAH"))).isEqualTo("425,50 грн");
        assertThat(Texts.of("sms", Locale.of("ru", "RU")).money(new Money(-7, "RUB"))).isEqualTo("-0,07 руб.");
        assertThat(Texts.of("statement", SuppliersConfig.Language.UK.locale()).get("page", 1, 3)).isEqualTo("Сторінка 1 з 3");
    }
}
