import SQLKit

/// The secondary indexes that serve search and joins but not correctness (uniqueness lives
/// in primary keys and UNIQUE constraints). A large import drops them and builds them again
/// at the end: one sorted build costs seconds where a million random-order insertions cost
/// most of the import. If an import dies in between, `CandorDatabase.migrate()` (run by every
/// command at start) builds them again.
enum SearchIndexes {
    static let all: [(name: String, table: String, columns: String)] = [
        ("consumers_name_idx", "consumers", "full_name_search"),
        ("consumer_phones_e164_idx", "consumer_phones", "e164"),
        ("accounts_consumer_idx", "accounts", "consumer_id"),
        ("accounts_number_idx", "accounts", "client_account_number"),
        // The work queue's pool: a client's accounts by balance.
        ("accounts_queue_idx", "accounts", "client_id, balance_cents"),
    ]

    static func drop(_ db: any SQLDatabase) async throws {
        for index in all { try await db.raw("DROP INDEX IF EXISTS \(unsafeRaw: index.name)").run() }
    }

    static func ensure(_ db: any SQLDatabase) async throws {
        for index in all {
            try await db.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }
}
