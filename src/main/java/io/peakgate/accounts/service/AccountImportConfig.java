package io.peakgate.accounts.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The bulk import of accounts (its body limit is the upload route's, {@code peakgate.http.uploads.accounts}). */
@ConfigMapping(prefix = "peakgate.accounts.import")
public interface AccountImportConfig {

    /**
     * Staged lines (an account, a meter or a register each) applied together, inside the import's one
     * transaction: bounds the staging table and keeps the connection busy while the body is still arriving.
     */
    @WithName("chunk-rows")
    @WithDefault("20000")
    int chunkRows();
}
