package io.peakgate.payments.provider.tbank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.payments.provider.Credentials;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.PaymentMethod;
import io.peakgate.payments.provider.ConfiguredProvider;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.payments.provider.ProvidersConfig;
import io.peakgate.payments.provider.StartPayment;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;

/**
 * T-Bank Internet Acquiring: {@code Init} registers the payment and returns T-Bank's payment
 * page (the action); {@code GetState} answers the janitor. Calls are bounded by a timeout and
 * a circuit breaker, and never made inside a database transaction.
 */
@ApplicationScoped
public class TBankProvider extends ConfiguredProvider<TBankConfig.Terminal> {

    @Inject
    WebClient client;

    @Inject
    ProvidersConfig config;

    @Inject
    TBankConfig tbank;

    @Inject
    Suppliers suppliers;

    @Inject
    ObjectMapper json;


    @Override
    protected Credentials<TBankConfig.Terminal> credentials() {
        return tbank.terminals(suppliers);
    }

    @Override
    public String name() {
        return TBankProtocol.NAME;
    }

    @Override
    public boolean accepts(PaymentMethod method, SuppliersConfig.Supplier supplier) {
        return method.card() && credentials().of(supplier).isPresent();
    }

    @Override
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000)
    public Uni<ProviderOutcome> start(StartPayment request) {
        TBankConfig.Terminal terminal = credentials().of(request.supplier()).orElseThrow();
        Payment p = request.payment();
        ObjectNode init = json.createObjectNode()
                .put("TerminalKey", terminal.terminalKey())
                .put("Amount", p.amount())
                .put("OrderId", p.id().toString())
                .put("Description", "Payment for account " + p.account())
                .put("NotificationURL", config.publicBaseUrl() + "/v1/callbacks/tbank");
        if (p.returnUrl() != null) {
            init.put("SuccessURL", p.returnUrl()).put("FailURL", p.returnUrl());
        }
        if (p.saveCard() && p.subscriber() != null && request.recurring() == null) {
            // T-Bank keeps the card and reports its RebillId with the confirmation; the gateway never sees it
            init.put("Recurrent", "Y").put("CustomerKey", p.clientId() + ":" + p.subscriber());
        }
        init.put("Token", TBankToken.of(init, terminal.password().reveal()));
        return call("/Init", init).chain(answer -> {
            if (!answer.path("Success").asBoolean(false)) {
                return Uni.createFrom().item(ProviderOutcome.failed("tbank_" + answer.path("ErrorCode").asText("unknown")));
            }
            String paymentId = answer.path("PaymentId").asText();
            return request.recurring() == null
                    ? Uni.createFrom().item(ProviderOutcome.action(answer.path("PaymentURL").asText(), paymentId))
                    : charge(terminal, paymentId, request.recurring().token());
        });
    }

    /** A repeat payment with the card T-Bank keeps: {@code Charge} of the initialised payment by its RebillId. */
    private Uni<ProviderOutcome> charge(TBankConfig.Terminal terminal, String paymentId, String rebillId) {
        ObjectNode charge = json.createObjectNode().put("TerminalKey", terminal.terminalKey())
                .put("PaymentId", paymentId).put("RebillId", rebillId);
        charge.put("Token", TBankToken.of(charge, terminal.password().reveal()));
        return call("/Charge", charge).map(answer -> answer.path("Success").asBoolean(false)
                ? new ProviderOutcome(TBankStatus.of(answer.path("Status").asText()), null, paymentId, null)
                : new ProviderOutcome(PaymentStatus.FAILED, null, paymentId,
                "tbank_" + answer.path("ErrorCode").asText("unknown")));
    }

    @Override
    public boolean savesCards() {
        return true;
    }

    @Override
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000)
    public Uni<ProviderOutcome> check(Payment payment) {
        TBankConfig.Terminal terminal = credentials().of(suppliers.require(payment.supplier())).orElse(null);
        if (terminal == null || payment.providerRef() == null) {
            return Uni.createFrom().item(ProviderOutcome.unknown());
        }
        ObjectNode state = json.createObjectNode().put("TerminalKey", terminal.terminalKey())
                .put("PaymentId", payment.providerRef());
        state.put("Token", TBankToken.of(state, terminal.password().reveal()));
        return call("/GetState", state).map(answer -> {
            if (!answer.path("Success").asBoolean(false)) {
                return ProviderOutcome.unknown();
            }
            PaymentStatus status = TBankStatus.of(answer.path("Status").asText());
            return new ProviderOutcome(status, null, payment.providerRef(), null);
        });
    }

    private Uni<JsonNode> call(String path, ObjectNode body) {
        return client.postAbs(tbank.providers().tbank().baseUrl() + path)
                .putHeader("Content-Type", "application/json")
                .timeout(4000)
                .sendBuffer(Buffer.buffer(body.toString()))
                .map(response -> {
                    try {
                        return json.readTree(response.bodyAsString());
                    } catch (IOException e) {
                        throw new IllegalStateException("T-Bank answered with no JSON", e);
                    }
                });
    }
}
