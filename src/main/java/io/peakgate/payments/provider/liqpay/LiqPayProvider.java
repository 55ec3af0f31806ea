package io.peakgate.payments.provider.liqpay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.Credentials;
import io.peakgate.payments.FailureCode;
import io.peakgate.payments.provider.PaymentMethod;
import io.peakgate.payments.provider.ConfiguredProvider;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.payments.provider.ProvidersConfig;
import io.peakgate.payments.provider.StartPayment;
import io.peakgate.platform.money.Money;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LiqPay checkout: the action is LiqPay's checkout page with the signed {@code data}, and LiqPay's
 * server callback finalises the payment. Saving a card asks LiqPay for its {@code card_token}
 * ({@code recurringbytoken}); a repeat payment with it is LiqPay's server call {@code paytoken}, bounded
 * by a timeout and a circuit breaker and never made inside a database transaction.
 */
@ApplicationScoped
public class LiqPayProvider extends ConfiguredProvider<LiqPayConfig.Merchant> {

    static final String CHECKOUT = "https://www.liqpay.ua/api/3/checkout";

    @Inject
    WebClient client;

    @Inject
    ProvidersConfig config;

    @Inject
    LiqPayConfig liqpay;

    @Inject
    Suppliers suppliers;

    @Inject
    ObjectMapper json;


    @Override
    protected Credentials<LiqPayConfig.Merchant> credentials() {
        return liqpay.merchants(suppliers);
    }

    @Override
    public String name() {
        return LiqPayProtocol.NAME;
    }

    @Override
    public boolean accepts(PaymentMethod method, SuppliersConfig.Supplier supplier) {
        return method.card() && credentials().of(supplier).isPresent();
    }

    @Override
    public boolean savesCards() {
        return true;
    }

    @Override
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000)
    public Uni<ProviderOutcome> start(StartPayment request) {
        LiqPayConfig.Merchant keys = credentials().of(request.supplier()).orElseThrow();
        Payment p = request.payment();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("version", 3);
        params.put("public_key", keys.publicKey());
        params.put("action", request.recurring() != null ? "paytoken" : "pay");
        params.put("amount", Money.decimal(p.amount()));
        params.put("currency", p.currency());
        params.put("description", "Payment for account " + p.account());
        params.put("order_id", p.id().toString());
        params.put("server_url", config.publicBaseUrl() + "/v1/callbacks/liqpay");
        if (request.recurring() != null) {
            params.put("card_token", request.recurring().token());
            return signed(params, keys).chain(form -> payToken(form, request.supplier()));
        }
        if (p.saveCard() && p.subscriber() != null) {
            // LiqPay keeps the card and sends its card_token with the success callback
            params.put("recurringbytoken", "1");
        }
        if (p.returnUrl() != null) {
            params.put("result_url", p.returnUrl());
        }
        return signed(params, keys).map(form -> ProviderOutcome.action(CHECKOUT + "?data="
                + URLEncoder.encode(form.get("data"), StandardCharsets.UTF_8) + "&signature="
                + URLEncoder.encode(form.get("signature"), StandardCharsets.UTF_8), null));
    }

    /** LiqPay's form: base64 of the JSON, and its signature over that string. */
    private Uni<Map<String, String>> signed(Map<String, Object> params, LiqPayConfig.Merchant keys) {
        try {
            String data = Base64.getEncoder().encodeToString(json.writeValueAsBytes(params));
            return Uni.createFrom().item(Map.of("data", data, "signature", LiqPaySignature.of(keys.privateKey().reveal(), data)));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** A repeat payment with LiqPay's card token; its answer is final, or the callback finalises it. */
    private Uni<ProviderOutcome> payToken(Map<String, String> form, SuppliersConfig.Supplier supplier) {
        return client.postAbs(liqpay.providers().liqpay().apiUrl()).timeout(4000)
                .sendForm(MultiMap.caseInsensitiveMultiMap().add("data", form.get("data"))
                        .add("signature", form.get("signature")))
                .map(response -> {
                    JsonNode answer;
                    try {
                        answer = json.readTree(response.bodyAsString());
                    } catch (IOException | NullPointerException e) {
                        throw new IllegalStateException("LiqPay answered with no JSON", e);
                    }
                    String status = answer.path("status").asText();
                    String reference = answer.path("payment_id").asText(null);
                    // sandbox money is money only for a supplier configured for testing
                    if ("sandbox".equals(status) && !supplier.payments().testMode()) {
                        return ProviderOutcome.failed(FailureCode.TEST_MODE_REFUSED, reference);
                    }
                    PaymentStatus outcome = LiqPayProtocol.status(status);
                    return new ProviderOutcome(outcome, null, reference, outcome == PaymentStatus.FAILED
                            ? "liqpay_" + answer.path("err_code").asText(status) : null);
                });
    }

    @Override
    public Uni<ProviderOutcome> check(Payment payment) {
        return Uni.createFrom().item(ProviderOutcome.unknown());
    }
}
