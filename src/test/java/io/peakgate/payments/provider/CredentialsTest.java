package io.peakgate.payments.provider;

import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.payments.provider.liqpay.LiqPayConfig;
import io.peakgate.payments.provider.webmoney.WebMoneyConfig;
import io.smallrye.config.SmallRyeConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A provider's credentials by supplier, from its own configuration, over the test profile's suppliers. */
class CredentialsTest {

    @Test
    void byCodeBySupplierAndByIdentifierInTheSuppliersOrder() throws IOException {
        SmallRyeConfig config = ProviderConfigTest.config("test", Map.of(), Map.of());
        Suppliers suppliers = suppliers(config);
        Credentials<LiqPayConfig.Merchant> merchants = config.getConfigMapping(LiqPayConfig.class).merchants(suppliers);

        assertThat(merchants.all()).extracting(Map.Entry::getKey).containsExactlyElementsOf(suppliers.all().keySet());
        assertThat(merchants.of("ntvplus").orElseThrow().publicKey()).isEqualTo("demo-liqpay-public-ntvplus");
        assertThat(merchants.of("nosuch")).isEmpty();
        assertThat(merchants.of((String) null)).isEmpty();
        assertThat(merchants.of(suppliers.all().get("esplus")).orElseThrow().publicKey()).isEqualTo("demo-liqpay-public-esplus");
        assertThat(merchants.find(LiqPayConfig.Merchant::publicKey, "demo-liqpay-public-kyivenergo").orElseThrow().getKey())
                .isEqualTo("kyivenergo");
        assertThat(merchants.find(LiqPayConfig.Merchant::publicKey, "unknown")).isEmpty();
        assertThat(merchants.find(LiqPayConfig.Merchant::publicKey, null)).isEmpty();
        merchants.requireKnownSuppliers("liqpay");

        Credentials<WebMoneyConfig.Purse> purses = config.getConfigMapping(WebMoneyConfig.class).purses(suppliers);
        assertThat(purses.find(WebMoneyConfig.Purse::purse, "U000000000002").orElseThrow().getKey()).isEqualTo("kyivenergo");
    }

    @Test
    void credentialsOfNoSupplierFailTheStart() throws IOException {
        SmallRyeConfig config = ProviderConfigTest.config("test", Map.of(), Map.of(
                "peakgate.suppliers.esplsu.payments.liqpay.public-key", "pk",
                "peakgate.suppliers.esplsu.payments.liqpay.private-key", "sk"));
        Suppliers suppliers = suppliers(config);
        Credentials<LiqPayConfig.Merchant> merchants = config.getConfigMapping(LiqPayConfig.class).merchants(suppliers);

        assertThat(merchants.all()).extracting(Map.Entry::getKey).doesNotContain("esplsu");
        assertThatThrownBy(() -> merchants.requireKnownSuppliers("liqpay"))
                .hasMessageContaining("peakgate.suppliers.esplsu.payments.liqpay").hasMessageContaining("no supplier 'esplsu'");
    }

    private static Suppliers suppliers(SmallRyeConfig config) {
        Map<String, SuppliersConfig.Supplier> all = config.getConfigMapping(SuppliersConfig.class).suppliers();
        return new Suppliers() {
            @Override
            public Map<String, SuppliersConfig.Supplier> all() {
                return all;
            }
        };
    }
}
