package io.peakgate.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the operations a verification token ({@code vt_...}) may call, for its one account only:
 * reading the balance and submitting its one reading. Nothing else is reachable with such a token.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AllowsVerificationToken {
}
