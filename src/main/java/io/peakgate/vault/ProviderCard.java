package io.peakgate.vault;

/**
 * A card as a provider that hosts its own card form reports it once it has confirmed a payment: the
 * provider's own recurring token (T-Bank's {@code RebillId}, LiqPay's {@code card_token}), never a card
 * number, with the brand and masked digits to show the subscriber.
 */
public record ProviderCard(String provider, String token, String brand, String first6, String last4, int expMonth,
                           int expYear) {

    /** From a masked number such as {@code 430000******0777} and an expiry {@code MMYY}; null if they do not parse. */
    public static ProviderCard of(String provider, String token, String maskedPan, String mmyy) {
        if (token == null || token.isBlank() || maskedPan == null || mmyy == null || !mmyy.matches("\\d{4}")) {
            return null;
        }
        String digits = maskedPan.replaceAll("[^0-9*]", "");
        if (digits.length() < 12 || !digits.substring(0, 6).matches("\\d{6}")
                || !digits.substring(digits.length() - 4).matches("\\d{4}")) {
            return null;
        }
        String first6 = digits.substring(0, 6);
        String brand = switch (first6.charAt(0)) {
            case '4' -> "visa";
            case '5' -> "mastercard";
            case '2' -> first6.compareTo("222100") >= 0 && first6.compareTo("272099") <= 0 ? "mastercard" : "mir";
            default -> "card";
        };
        return new ProviderCard(provider, token, brand, first6, digits.substring(digits.length() - 4),
                Integer.parseInt(mmyy.substring(0, 2)), 2000 + Integer.parseInt(mmyy.substring(2)));
    }

    /**
     * From LiqPay's mask such as {@code 473118*20} (first six, last two; no expiry is reported, kept as
     * 0/0) and its card type; null if it does not parse.
     */
    public static ProviderCard ofShortMask(String provider, String token, String mask, String type) {
        if (token == null || token.isBlank() || mask == null || !mask.matches("\\d{6}\\*+\\d{2,4}")) {
            return null;
        }
        String last = mask.substring(mask.lastIndexOf('*') + 1);
        String brand = type == null || type.isBlank() ? "card" : type.toLowerCase(java.util.Locale.ROOT);
        return new ProviderCard(provider, token, brand, mask.substring(0, 6), "*".repeat(4 - last.length()) + last, 0, 0);
    }

    @Override
    public String toString() {
        return "ProviderCard[" + provider + ", " + brand + " " + first6 + "******" + last4 + "]";
    }
}
