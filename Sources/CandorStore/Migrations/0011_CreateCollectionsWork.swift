import SQLKit

/// The collector's work: client rules, dispositions, promises to pay, payment plans and
/// settlements, notes, and who works which account.
///
/// - `client_rules`: one row per client with `ClientRules` as JSON (minimum installment,
///   maximum term, settlement floor, approval role, affordability share, allocation
///   waterfall); a client without a row uses `ClientRules.standard`.
/// - `dispositions`: what happened on a contact; each row points at the contact attempt it
///   wrote (the row the compliance engine counts).
/// - `promises`: status and amount paid are re-decided on each payment, reversal and by the
///   daily job (`PromiseEvaluator`), and kept here for queues and KPIs.
/// - `payment_plans`: the agreed schedule as JSON, its state re-decided like promises.
/// - `account_assignments`: at most one collector per account; no row = the client's pool.
struct CreateCollectionsWork: Migration {
    let version = 11
    let name = "CreateCollectionsWork"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("""
            CREATE TABLE client_rules (
                client_id TEXT PRIMARY KEY REFERENCES clients(id),
                rules_json TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT NOT NULL
            )
            """).run()
        try await db.raw("""
            CREATE TABLE dispositions (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                attempt_id TEXT NOT NULL REFERENCES contact_attempts(id),
                disposition TEXT NOT NULL,
                at TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                callback_at TEXT,
                note TEXT,
                budget_json TEXT,
                needs_review BOOLEAN NOT NULL,
                reviewed_at TEXT,
                reviewed_by TEXT
            )
            """).run()
        try await db.raw("CREATE INDEX dispositions_account_idx ON dispositions (account_id, at)").run()
        try await db.raw("CREATE INDEX dispositions_callback_idx ON dispositions (callback_at)").run()
        try await db.raw("""
            CREATE TABLE promises (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                disposition_id TEXT REFERENCES dispositions(id),
                amount_cents BIGINT NOT NULL,
                due_date TEXT NOT NULL,
                made_on TEXT NOT NULL,
                made_by TEXT NOT NULL,
                deadline TEXT NOT NULL,
                status TEXT NOT NULL,
                paid_cents BIGINT NOT NULL,
                evaluated_on TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """).run()
        try await db.raw("CREATE INDEX promises_account_idx ON promises (account_id)").run()
        try await db.raw("CREATE INDEX promises_status_idx ON promises (status, due_date)").run()
        try await db.raw("""
            CREATE TABLE payment_plans (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                kind TEXT NOT NULL,
                balance_cents BIGINT NOT NULL,
                total_cents BIGINT NOT NULL,
                schedule_json TEXT NOT NULL,
                agreed_on TEXT NOT NULL,
                agreed_by TEXT NOT NULL,
                approved_by TEXT,
                approved_role TEXT,
                state TEXT NOT NULL,
                evaluated_on TEXT NOT NULL,
                cancelled_at TEXT,
                cancelled_by TEXT,
                created_at TEXT NOT NULL
            )
            """).run()
        try await db.raw("CREATE INDEX payment_plans_account_idx ON payment_plans (account_id)").run()
        try await db.raw("CREATE INDEX payment_plans_state_idx ON payment_plans (state)").run()
        try await db.raw("""
            CREATE TABLE account_notes (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                body TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """).run()
        try await db.raw("CREATE INDEX account_notes_account_idx ON account_notes (account_id, created_at)").run()
        try await db.raw("""
            CREATE TABLE account_assignments (
                account_id TEXT PRIMARY KEY REFERENCES accounts(id),
                user_id TEXT NOT NULL REFERENCES users(id),
                assigned_by TEXT NOT NULL,
                assigned_at TEXT NOT NULL
            )
            """).run()
        try await db.raw("CREATE INDEX account_assignments_user_idx ON account_assignments (user_id)").run()
    }
}
