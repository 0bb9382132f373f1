import SQLKit

/// The contact log and everything the compliance engine reads: attempts and their outcomes,
/// account flags, opt-outs, consumer-stated inconvenient times, consent changes.
struct CreateContactLog: Migration {
    let version = 6
    let name = "CreateContactLog"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("ALTER TABLE consumers ADD COLUMN employer_prohibits_contact BOOLEAN NOT NULL DEFAULT FALSE").run()
        try await db.raw("ALTER TABLE consumer_phones ADD COLUMN place TEXT NOT NULL DEFAULT 'personal'").run()
        try await db.raw("""
            CREATE TABLE contact_attempts (
                id TEXT PRIMARY KEY,
                consumer_id TEXT NOT NULL REFERENCES consumers(id),
                at TEXT NOT NULL,
                channel TEXT NOT NULL,
                direction TEXT NOT NULL,
                outcome TEXT NOT NULL,
                address TEXT,
                place TEXT NOT NULL,
                source TEXT NOT NULL,
                recorded_by TEXT,
                created_at TEXT NOT NULL
            )
            """).run()
        // One row per debt the attempt was about (a conversation counts for each), with the
        // attempt's facts copied so an account's recent history is one index range scan.
        try await db.raw("""
            CREATE TABLE contact_attempt_accounts (
                account_id TEXT NOT NULL REFERENCES accounts(id),
                at TEXT NOT NULL,
                attempt_id TEXT NOT NULL REFERENCES contact_attempts(id),
                channel TEXT NOT NULL,
                direction TEXT NOT NULL,
                outcome TEXT NOT NULL,
                place TEXT NOT NULL,
                PRIMARY KEY (account_id, at, attempt_id)
            )
            """).run()
        try await db.raw("CREATE INDEX contact_attempt_accounts_at_idx ON contact_attempt_accounts (at)").run()
        try await db.raw("""
            CREATE TABLE account_flags (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                flag TEXT NOT NULL,
                set_at TEXT NOT NULL,
                set_by TEXT NOT NULL,
                reason TEXT,
                cleared_at TEXT,
                cleared_by TEXT
            )
            """).run()
        try await db.raw("CREATE INDEX account_flags_account_idx ON account_flags (account_id)").run()
        try await db.raw("""
            CREATE TABLE consumer_opt_outs (
                id TEXT PRIMARY KEY,
                consumer_id TEXT NOT NULL REFERENCES consumers(id),
                channel TEXT NOT NULL,
                address TEXT NOT NULL,
                at TEXT NOT NULL,
                source TEXT NOT NULL
            )
            """).run()
        try await db.raw("CREATE INDEX consumer_opt_outs_consumer_idx ON consumer_opt_outs (consumer_id)").run()
        try await db.raw("""
            CREATE TABLE consumer_inconvenient_times (
                id TEXT PRIMARY KEY,
                consumer_id TEXT NOT NULL REFERENCES consumers(id),
                days TEXT NOT NULL,
                from_time TEXT NOT NULL,
                to_time TEXT NOT NULL,
                at TEXT NOT NULL,
                source TEXT NOT NULL
            )
            """).run()
        try await db.raw("CREATE INDEX consumer_inconvenient_times_consumer_idx ON consumer_inconvenient_times (consumer_id)").run()
        try await db.raw("""
            CREATE TABLE consent_changes (
                id TEXT PRIMARY KEY,
                consumer_id TEXT NOT NULL REFERENCES consumers(id),
                e164 TEXT NOT NULL,
                consent BOOLEAN NOT NULL,
                at TEXT NOT NULL,
                source TEXT NOT NULL,
                recorded_by TEXT
            )
            """).run()
    }
}
