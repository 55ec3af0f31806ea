package io.peakgate.payments.provider;

/** How the payer pays: {@code card}, {@code card_token}, {@code wallet} (with its name), {@code sms}, {@code agent}. */
public record PaymentMethod(String type, String wallet) {

    public static final String CARD = "card";
    public static final String CARD_TOKEN = "card_token";
    public static final String WALLET = "wallet";

    public boolean card() {
        return CARD.equals(type) || CARD_TOKEN.equals(type);
    }
}
