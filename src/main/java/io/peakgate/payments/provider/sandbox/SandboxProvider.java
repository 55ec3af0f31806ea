package io.peakgate.payments.provider.sandbox;

import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.provider.PaymentMethod;
import io.peakgate.payments.provider.PaymentProvider;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.payments.provider.ProvidersConfig;
import io.peakgate.payments.provider.StartPayment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.util.UUID;

/**
 * The embedded sandbox provider: cards by test number (always through a 3-D Secure challenge
 * page), and webmoney, qiwi, yoomoney and elexnet wallets through a confirmation page. Its
 * final status reaches the gateway as a signed callback, like a real provider's.
 */
@ApplicationScoped
public class SandboxProvider implements PaymentProvider {

    static final String NAME = "sandbox";

    @Inject
    ProvidersConfig config;

    @Inject
    SandboxConfig sandbox;

    @Inject
    SandboxSessions sessions;

    private final Counter repeatCharges;

    @Inject
    public SandboxProvider(MeterRegistry metrics) {
        this.repeatCharges = metrics.counter("peakgate.sandbox.repeat.charges");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(PaymentMethod method, SuppliersConfig.Supplier supplier) {
        return sandbox.enabled() && (method.card() || PaymentMethod.WALLETS.contains(method.wallet()));
    }

    @Override
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    public Uni<ProviderOutcome> start(StartPayment request) {
        Payment p = request.payment();
        String id = UUID.randomUUID().toString().replace("-", "");
        if (request.saved()) {
            // a repeat charge without the payer: the payment id is the idempotency reference, so a
            // gateway that crashed after charging and asks again gets the first charge back
            String reference = p.id().toString().replace("-", "");
            SandboxCards.Outcome outcome = SandboxCards.repeatOutcome(request.card().number().reveal(), p.amount());
            return sessions.charge(reference, outcome.name()).map(charge -> {
                if (charge.created()) {
                    repeatCharges.increment();
                }
                return outcome(SandboxCards.Outcome.valueOf(charge.outcome()), reference);
            });
        }
        boolean card = request.card() != null;
        SandboxSession session = new SandboxSession(id, p.id(), card ? SandboxSession.CARD : SandboxSession.WALLET,
                card ? SandboxCards.outcome(request.card().number().reveal()) : SandboxCards.Outcome.SUCCEED,
                p.amount(), p.currency(), card ? request.card().number().toString() : p.wallet(), p.returnUrl(),
                null, null);
        String page = config.publicBaseUrl() + "/sandbox/" + (card ? "3ds/" : "wallet/") + id;
        return sessions.save(session).replaceWith(ProviderOutcome.action(page, session.providerRef()));
    }

    @Override
    public Uni<ProviderOutcome> check(Payment payment) {
        if (payment.providerRef() == null || payment.providerRef().startsWith("sbx_repeat_")) {
            // a repeat charge may have been made before the gateway could record it
            String reference = payment.id().toString().replace("-", "");
            return sessions.repeatCharge(reference).map(stored -> stored == null ? ProviderOutcome.unknown()
                    : outcome(SandboxCards.Outcome.valueOf(stored), reference));
        }
        if (!payment.providerRef().startsWith("sbx_")) {
            return Uni.createFrom().item(ProviderOutcome.unknown());
        }
        return sessions.find(payment.providerRef().substring(4)).map(s -> s == null || !s.completed()
                ? ProviderOutcome.unknown()
                : new ProviderOutcome(PaymentStatus.of(s.finalStatus()), null, s.providerRef(), s.failureCode()));
    }

    @Override
    public boolean takesCardData() {
        return true;
    }

    @Override
    public boolean refunds() {
        return true;
    }

    @Override
    public Uni<ProviderOutcome> refund(Payment payment, UUID refundId, long amount) {
        return Uni.createFrom().item(new ProviderOutcome(PaymentStatus.SUCCEEDED, null, "sbxr_" + refundId, null));
    }

    private static ProviderOutcome outcome(SandboxCards.Outcome outcome, String reference) {
        return outcome == SandboxCards.Outcome.SUCCEED
                ? new ProviderOutcome(PaymentStatus.SUCCEEDED, null, "sbx_repeat_" + reference, null)
                : ProviderOutcome.failed(outcome.failure, "sbx_repeat_" + reference);
    }
}
