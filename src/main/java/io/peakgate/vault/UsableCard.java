package io.peakgate.vault;

/**
 * A saved card, usable for one payment: the card data (never a CVC) for a card kept in the vault,
 * or the provider's recurring token ({@code hosted}) for a card its provider keeps; and what it is bound to.
 */
public record UsableCard(CardData card, ProviderCard hosted, String paymentType) {

    public String brand() {
        return hosted != null ? hosted.brand() : card.number().brand().wireName();
    }

    public String first6() {
        return hosted != null ? hosted.first6() : card.number().first6();
    }

    public String last4() {
        return hosted != null ? hosted.last4() : card.number().last4();
    }
}

