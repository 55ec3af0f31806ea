/**
 * The demo only: its data set ({@link io.peakgate.demo.DemoData}) and its stand-in for downstream billing
 * ({@link io.peakgate.demo.BillingSimulator}). Production code never imports this package.
 *
 * <p>The classes are in the production jar all the same: {@code bin/peakgate run} is that jar started with the
 * {@code demo} profile at run time, so a build-time condition ({@code @IfBuildProfile}) would leave them out
 * of the demo too, and Quarkus 3.34 has no run-time switch that keeps a bean's start-up observer from being
 * called ({@code @LookupIfProperty} only affects programmatic lookup). What keeps them idle in production is
 * {@link io.peakgate.platform.config.DemoMode}: off unless {@code peakgate.demo.enabled}, and always off in
 * the prod profile; every bean here checks it before doing anything.
 */
package io.peakgate.demo;
