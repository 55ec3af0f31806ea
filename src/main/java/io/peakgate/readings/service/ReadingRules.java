package io.peakgate.readings.service;

import io.peakgate.readings.Warning;
import io.peakgate.readings.RegisterLine;
import io.peakgate.readings.SubmittedValue;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.accounts.SuppliersConfig.FractionPolicy;
import io.peakgate.accounts.SuppliersConfig.TariffStep;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The domain rules of a meter reading (SPEC section 2): registers complete and known, whole
 * numbers within the meter's capacity, inside the submission window, not below the previous
 * reading unless the meter rolled over, plausible consumption or an explicit confirmation,
 * and the estimated charge from the tariff in force. Pure: no I/O, no clock.
 */
public final class ReadingRules {

    private ReadingRules() {
    }

    public static Evaluation evaluate(SuppliersConfig.Supplier supplier, MeterState meter, List<SubmittedValue> values,
                                      boolean confirmImplausible, LocalDate today) {
        SuppliersConfig.Readings policy = supplier.readings();
        List<Warning> warnings = new ArrayList<>();
        Map<String, Long> whole = wholeValues(meter, values, policy.fractions(), warnings);
        SubmissionWindow.Decision window = SubmissionWindow.decide(policy.window(), policy.outOfWindow(), today,
                supplier.timeZone());
        if (window.late()) {
            warnings.add(new Warning("reading.late", "The submission window is closed; the reading counts for period "
                    + window.period() + " and the current period is billed by the norm"));
        }

        List<RegisterLine> lines = new ArrayList<>();
        boolean needsReview = false;
        long capacity = capacity(meter.digits());
        for (MeterState.Register register : meter.registers()) {
            long value = whole.get(register.name());
            long threshold = Math.max(register.usualConsumption() * policy.implausibleFactor(),
                    policy.implausibleMinimum());
            Long previous = register.lastValue();
            Long consumption = null;
            boolean rollover = false;
            if (previous != null && value >= previous) {
                consumption = value - previous;
            } else if (previous != null) {
                long rolled = capacity - previous + value;
                if (rolled > threshold) {
                    throw new ProblemException(ErrorCode.READING_BELOW_PREVIOUS,
                            "Register " + register.name() + ": " + value + " is below the previous reading " + previous)
                            .with("register", register.name()).with("previous", previous).with("value", value);
                }
                consumption = rolled;
                rollover = true;
                warnings.add(new Warning("reading.rollover", "Register " + register.name()
                        + " rolled over past " + (capacity - 1) + "; consumption " + rolled));
            }
            if (consumption != null && consumption > threshold) {
                if (!confirmImplausible) {
                    throw new ProblemException(ErrorCode.READING_IMPLAUSIBLE,
                            "Register " + register.name() + ": consumption of " + consumption
                                    + " is far above the usual " + register.usualConsumption()
                                    + " a month; if it is right, submit again with confirmImplausible=true")
                            .with("register", register.name()).with("consumption", consumption)
                            .with("usualConsumption", register.usualConsumption()).with("threshold", threshold);
                }
                needsReview = true;
                warnings.add(new Warning("reading.needs_review", "Register " + register.name() + ": consumption of "
                        + consumption + " was confirmed by the subscriber and will be reviewed"));
            }
            lines.add(new RegisterLine(register.name(), previous, value, consumption, rollover));
        }
        Long charge = estimatedCharge(supplier.tariffs().get(meter.service()), lines, today);
        return new Evaluation(window.period(), window.late(), List.copyOf(lines), charge, needsReview,
                List.copyOf(warnings));
    }

    /** Checks the register set and turns each value into a whole number within capacity, by register. */
    private static Map<String, Long> wholeValues(MeterState meter, List<SubmittedValue> values, FractionPolicy fractions,
                                                List<Warning> warnings) {
        Map<String, Long> whole = new LinkedHashMap<>();
        List<FieldError> duplicates = new ArrayList<>();
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String name = values.get(i).register();
            if (meter.register(name).isEmpty()) {
                unknown.add(new FieldError("values[" + i + "].register", "meter " + meter.meter() + " has no register "
                        + name + " (it has " + registerNames(meter) + ")"));
            } else if (whole.putIfAbsent(name, 0L) != null) {
                duplicates.add(new FieldError("values[" + i + "].register", "register " + name + " appears twice"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(ErrorCode.REGISTER_UNKNOWN, unknown.getFirst().message(), unknown)
                    .with("registers", registerNames(meter));
        }
        if (!duplicates.isEmpty()) {
            throw new ProblemException(ErrorCode.REGISTER_DUPLICATE, duplicates.getFirst().message(), duplicates);
        }
        List<String> missing = meter.registers().stream().map(MeterState.Register::name)
                .filter(name -> !whole.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new ProblemException(ErrorCode.REGISTER_MISSING, "Meter " + meter.meter()
                    + " needs all its registers submitted together; missing " + String.join(", ", missing))
                    .with("registers", registerNames(meter)).with("missing", missing);
        }
        long capacity = capacity(meter.digits());
        IntStream.range(0, values.size()).forEach(i -> {
            SubmittedValue submitted = values.get(i);
            String field = "values[" + i + "].value";
            BigDecimal value = submitted.value();
            if (value.signum() < 0) {
                throw new ProblemException(ErrorCode.READING_NEGATIVE, "Register " + submitted.register()
                        + ": a reading cannot be negative", List.of(new FieldError(field, "must not be negative")));
            }
            long rounded = whole(submitted, field, fractions, warnings);
            if (rounded >= capacity) {
                throw new ProblemException(ErrorCode.READING_EXCEEDS_CAPACITY, "Register " + submitted.register()
                        + ": " + rounded + " does not fit the meter's " + meter.digits() + " digits",
                        List.of(new FieldError(field, "must be below " + capacity)))
                        .with("digits", meter.digits());
            }
            whole.put(submitted.register(), rounded);
        });
        return whole;
    }

    private static long whole(SubmittedValue submitted, String field, FractionPolicy fractions, List<Warning> warnings) {
        BigDecimal value = submitted.value().stripTrailingZeros();
        if (value.scale() <= 0) {
            return longValue(value, submitted, field);
        }
        if (fractions == FractionPolicy.REJECT) {
            BigDecimal down = value.setScale(0, RoundingMode.DOWN);
            throw new ProblemException(ErrorCode.READING_NOT_INTEGER, "Register " + submitted.register() + ": "
                    + value.toPlainString() + " is not a whole number; submit the whole units only (e.g. "
                    + down.toPlainString() + ")", List.of(new FieldError(field, "must be a whole number")));
        }
        BigDecimal rounded = value.setScale(0, fractions == FractionPolicy.ROUND_UP ? RoundingMode.UP : RoundingMode.DOWN);
        warnings.add(new Warning("reading.rounded", "Register " + submitted.register() + ": "
                + value.toPlainString() + " was rounded to " + rounded.toPlainString()));
        return longValue(rounded, submitted, field);
    }

    private static long longValue(BigDecimal value, SubmittedValue submitted, String field) {
        if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 10)) > 0) {
            throw new ProblemException(ErrorCode.READING_EXCEEDS_CAPACITY, "Register " + submitted.register()
                    + ": the value is too large for any meter", List.of(new FieldError(field, "is too large")));
        }
        return value.longValueExact();
    }

    static Long estimatedCharge(List<TariffStep> steps, List<RegisterLine> lines, LocalDate today) {
        if (steps == null) {
            return null;
        }
        TariffStep inForce = steps.stream().filter(s -> !s.from().isAfter(today))
                .max(Comparator.comparing(TariffStep::from)).orElse(null);
        if (inForce == null) {
            return null;
        }
        long total = 0;
        for (RegisterLine line : lines) {
            Long price = inForce.prices().get(line.register());
            if (line.consumption() == null || price == null) {
                return null;
            }
            total = Math.addExact(total, Math.multiplyExact(line.consumption(), price));
        }
        return total;
    }

    private static long capacity(int digits) {
        long capacity = 1;
        for (int i = 0; i < digits; i++) {
            capacity *= 10;
        }
        return capacity;
    }

    private static List<String> registerNames(MeterState meter) {
        return meter.registers().stream().map(MeterState.Register::name).toList();
    }
}
