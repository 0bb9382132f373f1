import SQLKit

struct CreateConsumers: Migration {
    let version = 3
    let name = "CreateConsumers"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        // The SSN is stored only as AES-GCM ciphertext plus its last four digits for display.
        try await db.raw("""
            CREATE TABLE consumers (
                id TEXT PRIMARY KEY,
                client_id TEXT NOT NULL REFERENCES clients(id),
                first_name TEXT NOT NULL,
                last_name TEXT NOT NULL,
                full_name_search TEXT NOT NULL,
                date_of_birth TEXT,
                ssn_encrypted TEXT,
                ssn_last4 TEXT,
                address_line1 TEXT,
                address_line2 TEXT,
                city TEXT,
                state TEXT,
                postal_code TEXT,
                email TEXT,
                language TEXT,
                created_at TEXT NOT NULL
            )
            """).run()
        try await db.raw("CREATE INDEX consumers_name_idx ON consumers (full_name_search)").run()
        try await db.raw("""
            CREATE TABLE consumer_phones (
                consumer_id TEXT NOT NULL REFERENCES consumers(id),
                position INTEGER NOT NULL,
                e164 TEXT NOT NULL,
                line_type TEXT NOT NULL,
                autodialer_consent BOOLEAN NOT NULL,
                PRIMARY KEY (consumer_id, position)
            )
            """).run()
        try await db.raw("CREATE INDEX consumer_phones_e164_idx ON consumer_phones (e164)").run()
    }
}
