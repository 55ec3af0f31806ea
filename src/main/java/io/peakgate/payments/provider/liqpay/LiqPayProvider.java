package io.peakgate.payments.provider.liqpay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peakgate.accounts.config.SuppliersConfig;
import io.peakgate.payments.Payment;
import io.peakgate.payments.provider.PaymentMethod;
import io.peakgate.payments.provider.PaymentProvider;
import io.peakgate.payments.provider.ProviderOutcome;
import io.peakgate.payments.provider.ProvidersConfig;
import io.peakgate.payments.provider.StartPayment;
import io.peakgate.platform.money.Money;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LiqPay checkout: no outbound call; the action is LiqPay's checkout page with the signed
 * {@code data}, and LiqPay's server callback finalises the payment.
 */
@ApplicationScoped
public class LiqPayProvider implements PaymentProvider {

    static final String CHECKOUT = "https://www.liqpay.ua/api/3/checkout";

    @Inject
    ProvidersConfig config;

    @Inject
    ObjectMapper json;

    @Override
    public String name() {
        return LiqPayProtocol.NAME;
    }

    @Override
    public boolean serves(SuppliersConfig.Supplier supplier) {
        return supplier.payments().liqpay().isPresent();
    }

    @Override
    public boolean accepts(PaymentMethod method, SuppliersConfig.Supplier supplier) {
        return method.card() && supplier.payments().liqpay().isPresent();
    }

    @Override
    public Uni<ProviderOutcome> start(StartPayment request) {
        SuppliersConfig.LiqPay keys = request.supplier().payments().liqpay().orElseThrow();
        Payment p = request.payment();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("version", 3);
        params.put("public_key", keys.publicKey());
        params.put("action", "pay");
        params.put("amount", Money.decimal(p.amount()));
        params.put("currency", p.currency());
        params.put("description", "Payment for account " + p.account());
        params.put("order_id", p.id().toString());
        params.put("server_url", config.publicBaseUrl() + "/v1/callbacks/liqpay");
        if (p.returnUrl() != null) {
            params.put("result_url", p.returnUrl());
        }
        String data;
        try {
            data = Base64.getEncoder().encodeToString(json.writeValueAsBytes(params));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        String url = CHECKOUT + "?data=" + URLEncoder.encode(data, StandardCharsets.UTF_8) + "&signature="
                + URLEncoder.encode(LiqPaySignature.of(keys.privateKey(), data), StandardCharsets.UTF_8);
        return Uni.createFrom().item(ProviderOutcome.action(url, null));
    }

    @Override
    public Uni<ProviderOutcome> check(Payment payment) {
        return Uni.createFrom().item(ProviderOutcome.unknown());
    }
}
