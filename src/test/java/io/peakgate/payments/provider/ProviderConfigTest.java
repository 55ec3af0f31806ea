package io.peakgate.payments.provider;

import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.payments.provider.liqpay.LiqPayConfig;
import io.peakgate.payments.provider.sandbox.SandboxConfig;
import io.peakgate.payments.provider.tbank.TBankConfig;
import io.peakgate.payments.provider.webmoney.WebMoneyConfig;
import io.peakgate.payments.provider.yoomoney.YooMoneyConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each provider's own configuration and the supplier configuration map overlapping prefixes
 * ({@code peakgate.suppliers.<code>.payments.*}, {@code peakgate.providers.*}): they load side by side from
 * application.properties, in the test profile and in the prod profile with the environment variables the
 * k8s manifests set, and a property none of them maps is still refused, as Quarkus refuses it.
 */
class ProviderConfigTest {

    private static final Pattern K8S_ENV = Pattern.compile("- name: (PEAKGATE_SUPPLIERS_[A-Z0-9_]+)");

    @Test
    void testProfileReadsTheDemoCredentials() throws IOException {
        SmallRyeConfig config = config("test", Map.of(), Map.of());

        LiqPayConfig liqpay = config.getConfigMapping(LiqPayConfig.class);
        LiqPayConfig.Merchant esplus = liqpay.suppliers().get("esplus").payments().liqpay().orElseThrow();
        assertThat(esplus.publicKey()).isEqualTo("demo-liqpay-public-esplus");
        assertThat(esplus.privateKey().reveal()).isEqualTo("demo-liqpay-private-key");
        assertThat(esplus.privateKey()).hasToString("Secret[****]");
        assertThat(liqpay.providers().liqpay().apiUrl()).isEqualTo("http://127.0.0.1:8081/test-liqpay");

        TBankConfig tbank = config.getConfigMapping(TBankConfig.class);
        assertThat(tbank.suppliers().get("kyivenergo").payments().tbank().orElseThrow().terminalKey())
                .isEqualTo("DemoTerminalKyivenergo");
        assertThat(tbank.suppliers().get("kyivenergo").payments().tbank().orElseThrow().password().reveal())
                .isEqualTo("demo-tbank-password");
        assertThat(tbank.providers().tbank().baseUrl()).isEqualTo("http://127.0.0.1:8081/test-tbank");

        YooMoneyConfig.Wallet wallet = config.getConfigMapping(YooMoneyConfig.class).suppliers().get("ntvplus")
                .payments().yoomoney().orElseThrow();
        assertThat(wallet.receiver()).isEqualTo("4100100000000003");
        assertThat(wallet.secret().reveal()).isEqualTo("demo-yoomoney-secret");

        WebMoneyConfig webmoney = config.getConfigMapping(WebMoneyConfig.class);
        assertThat(webmoney.suppliers().get("kyivenergo").payments().webmoney().orElseThrow().hashAlgorithm()).isEqualTo("MD5");
        assertThat(webmoney.suppliers().get("esplus").payments().webmoney().orElseThrow().hashAlgorithm()).isEqualTo("SHA-256");
        assertThat(webmoney.suppliers().get("esplus").payments().webmoney().orElseThrow().secretKey().reveal())
                .isEqualTo("demo-webmoney-secret");

        SandboxConfig sandbox = config.getConfigMapping(SandboxConfig.class);
        assertThat(sandbox.enabled()).isTrue();
        assertThat(sandbox.secret().orElseThrow().reveal()).isEqualTo("demo-sandbox-secret");

        SuppliersConfig suppliers = config.getConfigMapping(SuppliersConfig.class);
        assertThat(suppliers.suppliers()).containsOnlyKeys("esplus", "kyivenergo", "ntvplus");
        assertThat(suppliers.suppliers().get("kyivenergo").payments().testMode()).isTrue();
    }

    @Test
    void prodProfileReadsTheCredentialsTheK8sManifestsSet() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String name : k8sEnvNames()) {
            env.put(name, "k8s-" + name.toLowerCase());
        }
        assertThat(env).hasSize(24);
        SmallRyeConfig config = config("prod", env, Map.of());

        for (String supplier : new String[]{"esplus", "kyivenergo", "ntvplus"}) {
            String at = "k8s-peakgate_suppliers_" + supplier + "_payments_";
            LiqPayConfig.Merchant merchant = config.getConfigMapping(LiqPayConfig.class).suppliers().get(supplier)
                    .payments().liqpay().orElseThrow();
            assertThat(merchant.publicKey()).isEqualTo(at + "liqpay_public_key");
            assertThat(merchant.privateKey().reveal()).isEqualTo(at + "liqpay_private_key");
            TBankConfig.Terminal terminal = config.getConfigMapping(TBankConfig.class).suppliers().get(supplier)
                    .payments().tbank().orElseThrow();
            assertThat(terminal.terminalKey()).isEqualTo(at + "tbank_terminal_key");
            assertThat(terminal.password().reveal()).isEqualTo(at + "tbank_password");
            YooMoneyConfig.Wallet wallet = config.getConfigMapping(YooMoneyConfig.class).suppliers().get(supplier)
                    .payments().yoomoney().orElseThrow();
            assertThat(wallet.secret().reveal()).isEqualTo(at + "yoomoney_secret");
            WebMoneyConfig.Purse purse = config.getConfigMapping(WebMoneyConfig.class).suppliers().get(supplier)
                    .payments().webmoney().orElseThrow();
            assertThat(purse.purse()).isEqualTo(at + "webmoney_purse");
            assertThat(purse.secretKey().reveal()).isEqualTo(at + "webmoney_secret_key");
        }
        assertThat(config.getConfigMapping(LiqPayConfig.class).providers().liqpay().apiUrl())
                .isEqualTo("https://www.liqpay.ua/api/request");
        assertThat(config.getConfigMapping(TBankConfig.class).providers().tbank().baseUrl())
                .isEqualTo("https://securepay.tinkoff.ru/v2");
        assertThat(config.getConfigMapping(SandboxConfig.class).enabled()).isFalse();
        assertThat(config.getConfigMapping(SandboxConfig.class).secret()).isEmpty();
    }

    @Test
    void prodProfileWithoutCredentialsHasNoMerchant() throws IOException {
        SmallRyeConfig config = config("prod", Map.of(), Map.of());
        assertThat(config.getConfigMapping(LiqPayConfig.class).suppliers().values())
                .allSatisfy(s -> assertThat(s.payments().liqpay()).isEmpty());
        assertThat(config.getConfigMapping(TBankConfig.class).suppliers().values())
                .allSatisfy(s -> assertThat(s.payments().tbank()).isEmpty());
        assertThat(config.getConfigMapping(YooMoneyConfig.class).suppliers().values())
                .allSatisfy(s -> assertThat(s.payments().yoomoney()).isEmpty());
        assertThat(config.getConfigMapping(WebMoneyConfig.class).suppliers().values())
                .allSatisfy(s -> assertThat(s.payments().webmoney()).isEmpty());
    }

    @Test
    void aMissingOrEmptySecretFailsTheStart() {
        assertThatThrownBy(() -> config("prod", Map.of("PEAKGATE_SUPPLIERS_ESPLUS_PAYMENTS_LIQPAY_PUBLIC_KEY", "pk"), Map.of()))
                .hasMessageContaining("peakgate.suppliers.esplus.payments.liqpay.private-key");
        assertThatThrownBy(() -> config("prod", Map.of("PEAKGATE_SUPPLIERS_ESPLUS_PAYMENTS_TBANK_TERMINAL_KEY", "t",
                "PEAKGATE_SUPPLIERS_ESPLUS_PAYMENTS_TBANK_PASSWORD", ""), Map.of()))
                .hasMessageContaining("peakgate.suppliers.esplus.payments.tbank.password");
    }

    @Test
    void aPropertyNoMappingKnowsIsRefused() {
        assertThatThrownBy(() -> config("test", Map.of(), Map.of("peakgate.suppliers.esplus.payments.liqpay.privat-key", "x")))
                .hasMessageContaining("peakgate.suppliers.esplus.payments.liqpay.privat-key");
        assertThatThrownBy(() -> config("test", Map.of(), Map.of("peakgate.providers.sandbox.enabeld", "true")))
                .hasMessageContaining("peakgate.providers.sandbox.enabeld");
    }

    /**
     * The supplier and provider settings of application.properties (every profile), the environment, and
     * {@code more}; mapped by the supplier configuration and every provider's, refusing unknown properties.
     */
    static SmallRyeConfig config(String profile, Map<String, String> env, Map<String, String> more) throws IOException {
        Properties all = new Properties();
        all.load(new StringReader(Files.readString(Path.of("src/main/resources/application.properties"))));
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : all.stringPropertyNames()) {
            String name = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (name.startsWith("peakgate.suppliers.") || name.startsWith("peakgate.providers.")) {
                properties.put(key, all.getProperty(key));
            }
        }
        properties.put("quarkus.http.port", "8080");
        properties.putAll(more);
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new EnvConfigSource(env, 300))
                .withMapping(SuppliersConfig.class)
                .withMapping(ProvidersConfig.class)
                .withMapping(SandboxConfig.class)
                .withMapping(LiqPayConfig.class)
                .withMapping(TBankConfig.class)
                .withMapping(YooMoneyConfig.class)
                .withMapping(WebMoneyConfig.class)
                .withValidateUnknown(true)
                .build();
    }

    private static List<String> k8sEnvNames() throws IOException {
        Matcher m = K8S_ENV.matcher(Files.readString(Path.of("k8s/base/gateway-patch.yaml")));
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
