import SQLKit

/// Account-event reviews recorded the reviewer's username in `reviewed_by`; every other actor
/// column (dispositions' `reviewed_by`, payments, audit) holds the user ID, and reviews now do
/// too. Rows written before are rewritten to the ID of the user with that username; a value
/// that is already a user's ID, or names no user, stays as it is (views show it as stored).
/// Audit lines are not touched: the audit trail is append-only and hash-chained.
/// The same SQL on SQLite and PostgreSQL.
struct RewriteAccountEventReviewersAsUserIDs: Migration {
    let version = 19
    let name = "RewriteAccountEventReviewersAsUserIDs"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("""
            UPDATE account_events
            SET reviewed_by = (SELECT u.id FROM users u WHERE u.username = account_events.reviewed_by)
            WHERE reviewed_by IS NOT NULL
              AND EXISTS (SELECT 1 FROM users u WHERE u.username = account_events.reviewed_by)
              AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = account_events.reviewed_by)
            """).run()
    }
}
