package io.peakgate.readings.service;

import io.peakgate.readings.RegisterLine;
import java.util.List;
import java.util.Optional;

/** A meter as locked for a submission: its account, capacity and each register's last accepted value. */
public record MeterState(long accountId, String account, long meterId, String meter, String service, int digits,
                         List<Register> registers) {

    /** One register: {@code lastValue} is null until the first reading is accepted. */
    public record Register(String name, Long lastValue, long usualConsumption) {
    }

    public Optional<Register> register(String name) {
        return registers.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The same meter after {@code lines} were accepted, for later items of the same batch. */
    public MeterState after(List<RegisterLine> lines) {
        List<Register> updated = registers.stream().map(r -> lines.stream()
                        .filter(l -> l.register().equals(r.name())).findFirst()
                        .map(l -> new Register(r.name(), l.current(), r.usualConsumption()))
                        .orElse(r))
                .toList();
        return new MeterState(accountId, account, meterId, meter, service, digits, updated);
    }
}
