package io.peakgate.vault;

import org.apache.commons.validator.routines.CreditCardValidator;
import org.apache.commons.validator.routines.CreditCardValidator.CreditCardRange;

import java.util.Optional;

/** The card schemes the suppliers accept, recognised by BIN range (Luhn checked separately). */
public enum CardBrand {
    VISA("visa", new CreditCardValidator(CreditCardValidator.VISA)),
    MASTERCARD("mastercard", new CreditCardValidator(CreditCardValidator.MASTERCARD)),
    /** Mir: BINs 2200-2204, 16 to 19 digits. */
    MIR("mir", new CreditCardValidator(new CreditCardRange[]{new CreditCardRange("2200", "2204", 16, 19)}));

    private final String wireName;
    private final CreditCardValidator validator;

    CardBrand(String wireName, CreditCardValidator validator) {
        this.wireName = wireName;
        this.validator = validator;
    }

    public String wireName() {
        return wireName;
    }

    /** The brand of a Luhn-valid number of an accepted scheme, if any. */
    public static Optional<CardBrand> of(String digits) {
        for (CardBrand brand : values()) {
            if (brand.validator.isValid(digits)) {
                return Optional.of(brand);
            }
        }
        return Optional.empty();
    }
}
