package io.peakgate.payments.reconciliation;

import io.peakgate.payments.ReviewKind;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a day's reconciliation report (non-blocking). */
@ApplicationScoped
public class ReconciliationService {

    /** The kinds of findings a registry import files, in the report's order. */
    private static final List<String> KINDS = List.of(ReviewKind.MISSING_OURS.wire(), ReviewKind.MISSING_THEIRS.wire(),
            ReviewKind.AMOUNT_MISMATCH.wire());

    @Inject
    ReconciliationRepository repository;

    @Inject
    ReconciliationConfig config;

    public Uni<ReconciliationReport> report(String provider, LocalDate day) {
        int limit = config.reportItems();
        List<Uni<List<ReconciliationReport.Item>>> lists = new ArrayList<>();
        for (String kind : KINDS) {
            lists.add(repository.items(provider, day, kind, limit));
        }
        lists.add(repository.flaggedByCallbacks(provider, day, limit));
        Uni<ReconciliationRepository.DayCounts> counts = repository.counts(provider, day);
        return Uni.combine().all().unis(counts, Uni.join().all(lists).andFailFast()).asTuple().map(t -> {
            ReconciliationRepository.DayCounts c = t.getItem1();
            List<ReconciliationReport.Item> flagged = t.getItem2().getLast();
            if (c.registry() == null && flagged.isEmpty()) {
                throw new ProblemException(ErrorCode.RECONCILIATION_NOT_FOUND, "No " + provider
                        + " registry was imported for " + day + " and no callback was flagged that day");
            }
            Map<String, List<ReconciliationReport.Item>> items = new LinkedHashMap<>();
            for (int i = 0; i < KINDS.size(); i++) {
                items.put(KINDS.get(i), t.getItem2().get(i));
            }
            items.put(ReconciliationReport.FLAGGED_BY_CALLBACKS, flagged);
            return new ReconciliationReport(provider, day, c.registry(), new ReconciliationReport.Counts(
                    c.matched(), c.missingOurs(), c.missingTheirs(), c.amountMismatch(), flagged.size()), items);
        });
    }
}
