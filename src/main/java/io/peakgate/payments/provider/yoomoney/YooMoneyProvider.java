package io.peakgate.payments.provider.yoomoney;

import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.payments.Payment;
import io.peakgate.payments.provider.Credentials;
import io.peakgate.payments.provider.PaymentMethod;
import io.peakgate.payments.provider.ConfiguredProvider;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.payments.provider.StartPayment;
import io.peakgate.platform.money.Money;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * YooMoney quickpay: no outbound call; the action is the quickpay form for the supplier's wallet
 * (PC from a YooMoney wallet, AC from a card), labelled with the payment id, and YooMoney's
 * notification finalises the payment.
 */
@ApplicationScoped
public class YooMoneyProvider extends ConfiguredProvider<YooMoneyConfig.Wallet> {

    static final String QUICKPAY = "https://yoomoney.ru/quickpay/confirm";

    @Inject
    YooMoneyConfig yoomoney;

    @Inject
    Suppliers suppliers;

    @Override
    protected Credentials<YooMoneyConfig.Wallet> credentials() {
        return yoomoney.wallets(suppliers);
    }

    @Override
    public String name() {
        return YooMoneyProtocol.NAME;
    }

    @Override
    public boolean accepts(PaymentMethod method, SuppliersConfig.Supplier supplier) {
        return credentials().of(supplier).isPresent() && "RUB".equals(supplier.currency())
                && (method.card() || "yoomoney".equals(method.wallet()));
    }

    @Override
    public Uni<ProviderOutcome> start(StartPayment request) {
        Payment p = request.payment();
        StringBuilder url = new StringBuilder(QUICKPAY)
                .append("?receiver=").append(enc(credentials().of(request.supplier()).orElseThrow().receiver()))
                .append("&quickpay-form=button")
                .append("&paymentType=").append(request.method().card() ? "AC" : "PC")
                .append("&sum=").append(Money.decimal(p.amount()))
                .append("&label=").append(p.id());
        if (p.returnUrl() != null) {
            url.append("&successURL=").append(enc(p.returnUrl()));
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
