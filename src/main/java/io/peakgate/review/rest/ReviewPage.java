package io.peakgate.review.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A page of the review desk, newest first; {@code nextCursor} asks for the next (absent on the last page). */
@Schema(name = "ReviewPage")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewPage(List<ReviewItemView> items, String nextCursor) {
}
