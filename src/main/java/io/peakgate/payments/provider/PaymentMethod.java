package io.peakgate.payments.provider;

import java.util.Set;

/** How the payer pays: {@code card}, {@code card_token}, {@code wallet} (with its name), {@code sms}, {@code agent}. */
public record PaymentMethod(String type, String wallet) {

    public static final String CARD = "card";
    public static final String CARD_TOKEN = "card_token";
    public static final String WALLET = "wallet";
    /** The wallets a payer may name ({@code method.provider}). */
    public static final Set<String> WALLETS = Set.of("webmoney", "qiwi", "yoomoney", "elexnet");

    public boolean card() {
        return CARD.equals(type) || CARD_TOKEN.equals(type);
    }
}
