package io.peakgate.readings.service;

import io.peakgate.accounts.SuppliersConfig;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Supplier configurations built in code for unit tests of the pure rules. */
final class TestSuppliers {

    private TestSuppliers() {
    }

    record Window(int opensDay, int closesDay, boolean closesNextMonth) implements SuppliersConfig.Window {
    }

    record Readings(SuppliersConfig.Window window, SuppliersConfig.OutOfWindowPolicy outOfWindow,
                    SuppliersConfig.FractionPolicy fractions, long implausibleFactor, long implausibleMinimum)
            implements SuppliersConfig.Readings {
    }

    record Step(LocalDate from, Map<String, Long> prices) implements SuppliersConfig.TariffStep {
    }

    record Supplier(String name, String currency, ZoneId timeZone, String accountPattern,
                    SuppliersConfig.Readings readings, Map<String, List<SuppliersConfig.TariffStep>> tariffs)
            implements SuppliersConfig.Supplier {
        @Override
        public SuppliersConfig.Payments payments() {
            throw new UnsupportedOperationException("not needed by the reading rules");
        }

        @Override
        public SuppliersConfig.VerificationMethod verification() {
            return SuppliersConfig.VerificationMethod.HOLDER_SURNAME;
        }

        @Override
        public Optional<SuppliersConfig.Sms> sms() {
            return Optional.empty();
        }

        @Override
        public SuppliersConfig.Language language() {
            return SuppliersConfig.Language.RU;
        }

        @Override
        public Optional<SuppliersConfig.Letterhead> letterhead() {
            return Optional.empty();
        }

        @Override
        public Optional<SuppliersConfig.Autopay> autopay() {
            return Optional.empty();
        }

        @Override
        public Optional<SuppliersConfig.PromisedPayment> promisedPayment() {
            return Optional.empty();
        }
    }

    static Supplier electricity(SuppliersConfig.FractionPolicy fractions) {
        return new Supplier("test", "RUB", ZoneId.of("Europe/Moscow"), "\\d{10}",
                new Readings(new Window(1, 25, false), SuppliersConfig.OutOfWindowPolicy.NEXT_PERIOD, fractions, 5, 1000),
                Map.of("electricity", List.of(new Step(LocalDate.of(2026, 1, 1), Map.of("T1", 600L, "T2", 300L)),
                        new Step(LocalDate.of(2026, 7, 1), Map.of("T1", 650L, "T2", 320L)))));
    }
}
