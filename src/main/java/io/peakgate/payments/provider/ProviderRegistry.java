package io.peakgate.payments.provider;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds providers and their callback protocols by name. */
@ApplicationScoped
public class ProviderRegistry {

    private final Map<String, PaymentProvider> providers;
    private final Map<String, CallbackProtocol> protocols;

    @Inject
    public ProviderRegistry(@Any Instance<PaymentProvider> providers, @Any Instance<CallbackProtocol> protocols) {
        this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(PaymentProvider::name, Function.identity()));
        this.protocols = protocols.stream().collect(Collectors.toUnmodifiableMap(CallbackProtocol::provider, Function.identity()));
    }

    public PaymentProvider provider(String name) {
        PaymentProvider provider = providers.get(name);
        if (provider == null) {
            throw new ProblemException(ErrorCode.PAYMENT_PROVIDER_UNKNOWN, "No payment provider '" + name + "'");
        }
        return provider;
    }

    public boolean known(String name) {
        return providers.containsKey(name);
    }

    public Optional<CallbackProtocol> protocol(String provider) {
        return Optional.ofNullable(protocols.get(provider));
    }
}
