import SQLKit

struct CreateAccounts: Migration {
    let version = 4
    let name = "CreateAccounts"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        // Money in integer cents. balance_cents is kept equal to
        // itemization_amount_cents + SUM(ledger_entries.amount_cents) in the same transaction.
        try await db.raw("""
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY,
                client_id TEXT NOT NULL REFERENCES clients(id),
                placement_id TEXT REFERENCES placements(id),
                consumer_id TEXT NOT NULL REFERENCES consumers(id),
                client_account_number TEXT NOT NULL,
                original_creditor TEXT,
                current_creditor TEXT,
                product TEXT,
                itemization_date_type TEXT NOT NULL,
                itemization_date TEXT NOT NULL,
                itemization_amount_cents BIGINT NOT NULL,
                interest_since_cents BIGINT NOT NULL,
                fees_since_cents BIGINT NOT NULL,
                payments_since_cents BIGINT NOT NULL,
                credits_since_cents BIGINT NOT NULL,
                balance_cents BIGINT NOT NULL,
                charge_off_date TEXT,
                last_payment_date TEXT,
                delinquency_date TEXT,
                open_date TEXT,
                status TEXT NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (client_id, client_account_number)
            )
            """).run()
        try await db.raw("CREATE INDEX accounts_consumer_idx ON accounts (consumer_id)").run()
        try await db.raw("CREATE INDEX accounts_number_idx ON accounts (client_account_number)").run()
    }
}
