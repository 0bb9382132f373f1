import SQLKit

/// Notifications of change the bank sent for our debits (Nacha COR entries, addenda 98): one
/// row per returned-for-correction payment and change code (`UNIQUE`: the same file applied
/// twice records nothing twice). The bank account before and after, as `payments` stores one:
/// routing number plain, account number only encrypted with its last four beside it; the
/// corrected data field too is kept encrypted (it may hold an account number). Taking a new
/// debit looks up corrections of its bank account by routing number and last four, on either side.
struct CreateBankAccountCorrections: Migration {
    let version = 22
    let name = "CreateBankAccountCorrections"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("""
            CREATE TABLE bank_account_corrections (
                id TEXT PRIMARY KEY,
                payment_id TEXT NOT NULL REFERENCES payments(id),
                account_id TEXT NOT NULL REFERENCES accounts(id),
                change_code TEXT NOT NULL,
                original_trace TEXT NOT NULL,
                corrected_data_encrypted TEXT NOT NULL,
                old_routing_number TEXT NOT NULL,
                old_account_number_encrypted TEXT NOT NULL,
                old_account_last4 TEXT NOT NULL,
                new_routing_number TEXT NOT NULL,
                new_account_number_encrypted TEXT NOT NULL,
                new_account_last4 TEXT NOT NULL,
                new_account_type TEXT,
                received_at TEXT NOT NULL,
                applied_by TEXT NOT NULL,
                UNIQUE (payment_id, change_code)
            )
            """).run()
        try await db.raw("""
            CREATE INDEX bank_account_corrections_old_idx ON bank_account_corrections (old_routing_number, old_account_last4)
            """).run()
        // A revocation follows the account into its corrected details, looked up from the new side.
        try await db.raw("""
            CREATE INDEX bank_account_corrections_new_idx ON bank_account_corrections (new_routing_number, new_account_last4)
            """).run()
    }
}
