package io.peakgate.platform.security;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by {@link ApiKeyFilter}. */
@RequestScoped
public class CallerContext {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new ProblemException(ErrorCode.AUTH_MISSING, "Send 'Authorization: Bearer <API key>'");
        }
        return caller;
    }
}
