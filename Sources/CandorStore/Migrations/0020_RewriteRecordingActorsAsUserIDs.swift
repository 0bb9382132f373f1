import SQLKit

/// Recordings recorded who stored them (`created_by`) and who set or lifted a legal hold
/// (`legal_hold_by`) by username; every other actor column holds the user ID, and these now do
/// too. Rows written before are rewritten to the ID of the user with that username; a value that
/// is already a user's ID, or names no user (a system actor such as `cli`), stays as it is
/// (views show it as stored). Audit lines are not touched: the trail is append-only and
/// hash-chained. The same SQL on SQLite and PostgreSQL.
struct RewriteRecordingActorsAsUserIDs: Migration {
    let version = 20
    let name = "RewriteRecordingActorsAsUserIDs"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        for column in ["created_by", "legal_hold_by"] {
            try await db.raw("""
                UPDATE recordings
                SET \(unsafeRaw: column) = (SELECT u.id FROM users u WHERE u.username = recordings.\(unsafeRaw: column))
                WHERE \(unsafeRaw: column) IS NOT NULL
                  AND EXISTS (SELECT 1 FROM users u WHERE u.username = recordings.\(unsafeRaw: column))
                  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = recordings.\(unsafeRaw: column))
                """).run()
        }
    }
}
