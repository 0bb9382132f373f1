import SQLKit

/// Call recordings, one row per recorded contact attempt and account. The audio itself is a
/// file in the recordings directory (RecordingVault), encrypted; the row keeps the SHA-256 of
/// the plaintext for the integrity check on every read. Retention: 12 CFR 1006.100(a) keeps
/// records of a call for three years after it; `delete_after` is that date, and `legal_hold`
/// (who and when) stops deletion whatever the date. A purged recording keeps its row with
/// `deleted_at`, so the history shows that and when it went.
struct CreateRecordings: Migration {
    let version = 14
    let name = "CreateRecordings"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("""
            CREATE TABLE recordings (
                id TEXT PRIMARY KEY,
                attempt_id TEXT NOT NULL REFERENCES contact_attempts(id),
                account_id TEXT NOT NULL REFERENCES accounts(id),
                call_at TEXT NOT NULL,
                storage_path TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                byte_count BIGINT NOT NULL,
                content_type TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                delete_after TEXT NOT NULL,
                legal_hold BOOLEAN NOT NULL DEFAULT FALSE,
                legal_hold_at TEXT,
                legal_hold_by TEXT,
                legal_hold_reason TEXT,
                deleted_at TEXT,
                deleted_by TEXT
            )
            """).run()
        try await db.raw("CREATE INDEX recordings_attempt_idx ON recordings (attempt_id)").run()
        try await db.raw("CREATE INDEX recordings_account_idx ON recordings (account_id)").run()
        try await db.raw("CREATE INDEX recordings_delete_after_idx ON recordings (delete_after)").run()
    }
}
