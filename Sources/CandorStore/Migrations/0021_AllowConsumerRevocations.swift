import SQLKit

/// A revocation the consumer tells us directly (on a call, in a letter or an email) binds like
/// one an ACH return reports (Nacha Rule 2.3.2.5, Reg E 12 CFR 1005.10(c)), so
/// `bank_authorization_revocations` now holds both: `source` is `ach_return` (the returned
/// payment, its reason code and trace are set) or `consumer` (how the notice came and where it
/// is kept are set). A CHECK keeps each kind complete. Existing rows are ACH returns.
/// PostgreSQL alters the table in place; SQLite, which cannot drop a NOT NULL, rebuilds it
/// (same columns, same index; nothing references it).
struct AllowConsumerRevocations: Migration {
    let version = 21
    let name = "AllowConsumerRevocations"

    static let check = """
        CHECK ((source = 'ach_return' AND payment_id IS NOT NULL AND return_reason_code IS NOT NULL AND return_trace IS NOT NULL)
            OR (source = 'consumer' AND notice_channel IS NOT NULL AND notice_reference IS NOT NULL))
        """

    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        if kind == .postgres {
            for column in ["payment_id", "return_reason_code", "return_trace"] {
                try await db.raw("ALTER TABLE bank_authorization_revocations ALTER COLUMN \(unsafeRaw: column) DROP NOT NULL").run()
            }
            try await db.raw("ALTER TABLE bank_authorization_revocations ADD COLUMN source TEXT NOT NULL DEFAULT 'ach_return'").run()
            try await db.raw("ALTER TABLE bank_authorization_revocations ADD COLUMN notice_channel TEXT").run()
            try await db.raw("ALTER TABLE bank_authorization_revocations ADD COLUMN notice_reference TEXT").run()
            try await db.raw("ALTER TABLE bank_authorization_revocations ADD CONSTRAINT bank_authorization_revocations_source_check \(unsafeRaw: Self.check)").run()
            return
        }
        try await db.raw("""
            CREATE TABLE bank_authorization_revocations_v21 (
                id TEXT PRIMARY KEY,
                bank_routing_number TEXT NOT NULL,
                bank_account_number_encrypted TEXT NOT NULL,
                bank_account_last4 TEXT NOT NULL,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                payment_id TEXT REFERENCES payments(id),
                return_reason_code TEXT,
                return_trace TEXT,
                revoked_at TEXT NOT NULL,
                revoked_by TEXT NOT NULL,
                reauthorized_at TEXT,
                reauthorized_by TEXT,
                reauthorization_account_id TEXT REFERENCES accounts(id),
                reauthorization_sec_code TEXT,
                reauthorization_reference TEXT,
                source TEXT NOT NULL DEFAULT 'ach_return',
                notice_channel TEXT,
                notice_reference TEXT,
                UNIQUE (payment_id),
                \(unsafeRaw: Self.check)
            )
            """).run()
        let columns = """
            id, bank_routing_number, bank_account_number_encrypted, bank_account_last4, account_id, payment_id,
            return_reason_code, return_trace, revoked_at, revoked_by, reauthorized_at, reauthorized_by,
            reauthorization_account_id, reauthorization_sec_code, reauthorization_reference
            """
        try await db.raw("""
            INSERT INTO bank_authorization_revocations_v21 (\(unsafeRaw: columns))
            SELECT \(unsafeRaw: columns) FROM bank_authorization_revocations
            """).run()
        try await db.raw("DROP TABLE bank_authorization_revocations").run()
        try await db.raw("ALTER TABLE bank_authorization_revocations_v21 RENAME TO bank_authorization_revocations").run()
        try await db.raw("""
            CREATE INDEX bank_authorization_revocations_account_idx
            ON bank_authorization_revocations (bank_routing_number, bank_account_last4)
            """).run()
    }
}
