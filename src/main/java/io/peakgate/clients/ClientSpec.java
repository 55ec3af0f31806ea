package io.peakgate.clients;

import java.util.List;

/**
 * An API client to create: what it may do (suppliers, scopes), what kind of portal it is, where its payers
 * may be sent back to, and whether it also gets a publishable key (for its pages: tokenise and verify only).
 *
 * @param kind      {@code supplier} (a supplier's own portal: any account of its suppliers) or {@code aggregator}
 *                  (a portal of many suppliers: only accounts its subscribers linked)
 * @param demo      a demo client (refused unless the demo is on); only the demo's own data sets it
 */
public record ClientSpec(String id, String name, String description, List<String> suppliers, List<String> scopes,
                         String kind, List<String> returnOrigins, boolean publishable, boolean demo) {

    public static final String SUPPLIER = "supplier";
    public static final String AGGREGATOR = "aggregator";
}
