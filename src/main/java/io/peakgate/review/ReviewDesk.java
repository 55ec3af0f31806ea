package io.peakgate.review;

import io.peakgate.platform.security.Caller;
import io.peakgate.review.rest.ActivityView;
import io.peakgate.review.rest.ResolveRequest;
import io.peakgate.review.rest.ReviewItemView;
import io.peakgate.review.rest.ReviewPage;
import io.peakgate.review.service.ActivityService;
import io.peakgate.review.service.ReviewService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The review desk's front door (SPEC 4.5): what needs a person among the payments, readings and SMS of an
 * admin's suppliers, its resolution with who, when and why, and the activity the operator console charts.
 */
@ApplicationScoped
public class ReviewDesk {

    @Inject
    ReviewService reviews;

    @Inject
    ActivityService activity;

    /** A page of items, newest first, filtered by kind, supplier and status (open or resolved). */
    public Uni<ReviewPage> list(Caller caller, String kind, String supplier, String status, String cursor, int limit) {
        return reviews.list(caller, kind, supplier, status, cursor, limit);
    }

    /** Resolves an open item once; money it moves is told to billing in the same transaction. */
    public Uni<ReviewItemView> resolve(Caller caller, String id, ResolveRequest body) {
        return reviews.resolve(caller, id, body);
    }

    /** Readings and payments per minute over the last {@code minutes}, for the caller's suppliers. */
    public Uni<ActivityView> activity(Caller caller, int minutes) {
        return activity.perMinute(caller, minutes);
    }
}
