package io.peakgate.readings.rest;

import io.peakgate.readings.ReadingResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.peakgate.platform.error.Problem;

import java.util.List;

/** One result per submitted item, in order: the accepted reading or its problem. */
public record BatchResponse(int accepted, int rejected, List<Item> results) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "BatchItemResult")
    public record Item(int index, String account, String meter, String status, ReadingResponse reading,
                       Problem problem) {
    }
}
