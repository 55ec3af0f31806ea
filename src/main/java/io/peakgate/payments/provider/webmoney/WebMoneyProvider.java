package io.peakgate.payments.provider.webmoney;

import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.payments.Payment;
import io.peakgate.payments.provider.Credentials;
import io.peakgate.payments.provider.PaymentMethod;
import io.peakgate.payments.provider.ConfiguredProvider;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.payments.provider.ProvidersConfig;
import io.peakgate.payments.provider.StartPayment;
import io.peakgate.platform.money.Money;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * WebMoney Merchant: no outbound call; the action is the merchant payment page for the supplier's
 * purse with the payment's number, and the result notification finalises the payment.
 */
@ApplicationScoped
public class WebMoneyProvider extends ConfiguredProvider<WebMoneyConfig.Purse> {

    static final String PAYMENT_PAGE = "https://merchant.webmoney.ru/lmi/payment.asp";

    @Inject
    ProvidersConfig config;

    @Inject
    WebMoneyConfig webmoney;

    @Inject
    Suppliers suppliers;

    @Override
    protected Credentials<WebMoneyConfig.Purse> credentials() {
        return webmoney.purses(suppliers);
    }

    @Override
    public String name() {
        return WebMoneyProtocol.NAME;
    }

    @Override
    public boolean accepts(PaymentMethod method, SuppliersConfig.Supplier supplier) {
        return "webmoney".equals(method.wallet()) && credentials().of(supplier)
                .filter(w -> WebMoneyProtocol.currency(w.purse()).equals(supplier.currency())).isPresent();
    }

    @Override
    public Uni<ProviderOutcome> start(StartPayment request) {
        Payment p = request.payment();
        String description = Base64.getEncoder().encodeToString(("Payment for account " + p.account())
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder url = new StringBuilder(PAYMENT_PAGE)
                .append("?LMI_PAYEE_PURSE=").append(enc(credentials().of(request.supplier()).orElseThrow().purse()))
                .append("&LMI_PAYMENT_AMOUNT=").append(Money.decimal(p.amount()))
                .append("&LMI_PAYMENT_NO=").append(p.number())
                .append("&LMI_PAYMENT_DESC_BASE64=").append(enc(description))
                .append("&LMI_RESULT_URL=").append(enc(config.publicBaseUrl() + "/v1/callbacks/webmoney"));
        if (p.returnUrl() != null) {
            url.append("&LMI_SUCCESS_URL=").append(enc(p.returnUrl())).append("&LMI_FAIL_URL=").append(enc(p.returnUrl()));
        }
        return Uni.createFrom().item(ProviderOutcome.action(url.toString(), null));
    }

    @Override
    public Uni<ProviderOutcome> check(Payment payment) {
        return Uni.createFrom().item(ProviderOutcome.unknown());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
