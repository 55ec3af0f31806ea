package io.peakgate.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the operations a publishable key (held by a browser or an app) may call: tokenising a card
 * and verifying an account. Every other operation needs the client's secret key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AllowsPublishableKey {
}
