import SQLKit

struct CreateLedgerEntries: Migration {
    let version = 5
    let name = "CreateLedgerEntries"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        // Append-only. amount_cents = principal_cents + interest_cents + fees_cents.
        try await db.raw("""
            CREATE TABLE ledger_entries (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                seq INTEGER NOT NULL,
                kind TEXT NOT NULL,
                amount_cents BIGINT NOT NULL,
                principal_cents BIGINT NOT NULL,
                interest_cents BIGINT NOT NULL,
                fees_cents BIGINT NOT NULL,
                effective_date TEXT NOT NULL,
                memo TEXT,
                reverses_id TEXT REFERENCES ledger_entries(id),
                created_at TEXT NOT NULL,
                UNIQUE (account_id, seq)
            )
            """).run()
    }
}
