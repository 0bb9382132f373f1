import SQLKit

/// The append-only audit trail: one row per `AuditEntry` of the core hash chain.
///
/// Triggers refuse UPDATE and DELETE so an ordinary bug or a careless operator cannot
/// rewrite history; someone who drops the triggers still cannot do it unseen, because the
/// hash chain (`candor audit verify`) breaks at the first changed row. `details` is TEXT,
/// not JSONB: the hash covers its exact bytes.
struct CreateAuditEntries: Migration {
    let version = 10
    let name = "CreateAuditEntries"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("""
            CREATE TABLE audit_entries (
                sequence BIGINT PRIMARY KEY,
                at_ms BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                details TEXT NOT NULL,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """).run()
        try await db.raw("CREATE INDEX audit_entries_subject_idx ON audit_entries (subject, sequence)").run()
        switch kind {
        case .sqlite:
            for op in ["UPDATE", "DELETE"] {
                try await db.raw("""
                    CREATE TRIGGER audit_entries_no_\(unsafeRaw: op.lowercased()) BEFORE \(unsafeRaw: op) ON audit_entries
                    BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END
                    """).run()
            }
        case .postgres:
            try await db.raw("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_entries is append-only'; END $$
                """).run()
            try await db.raw("""
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
                """).run()
        }
    }
}
