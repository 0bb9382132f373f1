import SQLKit

/// Account events that consumer findings open, each pending a compliance user's review.
///
/// One event per recording, account and kind (`UNIQUE`), so analysing a recording again
/// never opens a second one. `interim_effects` lists the rows the event wrote at once to
/// the stores the compliance engine reads (a pause, a flag, an inconvenient time): a
/// dismissal undoes exactly those, a confirmation replaces them with the reviewer's own.
/// `excerpt` (the consumer's words) is encrypted like the transcript it comes from.
struct CreateAccountEvents: Migration {
    let version = 16
    let name = "CreateAccountEvents"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("""
            CREATE TABLE account_events (
                id TEXT PRIMARY KEY,
                recording_id TEXT NOT NULL REFERENCES recordings(id),
                account_id TEXT NOT NULL REFERENCES accounts(id),
                kind TEXT NOT NULL,
                finding_code TEXT NOT NULL,
                finding_start_ms BIGINT NOT NULL,
                finding_end_ms BIGINT NOT NULL,
                confidence_pct INTEGER NOT NULL,
                excerpt_encrypted TEXT NOT NULL,
                status TEXT NOT NULL,
                interim_effects TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                reviewed_at TEXT,
                reviewed_by TEXT,
                review_note TEXT,
                UNIQUE (recording_id, account_id, kind)
            )
            """).run()
        try await db.raw("CREATE INDEX account_events_status_idx ON account_events (status, created_at)").run()
        try await db.raw("CREATE INDEX account_events_account_idx ON account_events (account_id)").run()
    }
}
