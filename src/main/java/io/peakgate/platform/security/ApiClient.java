package io.peakgate.platform.security;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A portal client as stored: its API key only as a SHA-256 hash, its grants as space-separated lists. */
@Entity
@Table(name = "api_client")
public class ApiClient extends PanacheEntityBase {

    @Id
    @Column(name = "id")
    public String id;

    @Column(name = "key_hash", nullable = false, unique = true)
    public String keyHash;

    /** The client's publishable key (browser or app), if it has one: tokenise and verify only. */
    @Column(name = "publishable_key_hash", unique = true)
    public String publishableKeyHash;

    /** Origins a payer may be sent back to ({@code returnUrl}), separated by spaces. */
    @Column(name = "return_origins", nullable = false)
    public String returnOrigins;

    /** Supplier codes this client may act for, separated by spaces. */
    @Column(name = "suppliers", nullable = false)
    public String suppliers;

    /** Scope values ({@link Scope#value()}), separated by spaces. */
    @Column(name = "scopes", nullable = false)
    public String scopes;

    /** Demo clients are refused unless the demo is enabled. */
    @Column(name = "demo", nullable = false)
    public boolean demo;

    @Column(name = "active", nullable = false)
    public boolean active;

    /** {@code supplier} (a supplier's own portal) or {@code aggregator} (a portal of many suppliers). */
    @Column(name = "kind", nullable = false)
    public String kind;
}
