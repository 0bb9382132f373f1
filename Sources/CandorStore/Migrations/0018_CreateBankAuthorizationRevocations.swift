import SQLKit

/// Authorizations the consumer revoked or denied, learned from an ACH return (R05, R07, R10,
/// R29, R51): while a row for a bank account has no `reauthorized_at`, no debit may be taken
/// from that account (Nacha Rule 2.3.2.5, Reg E 12 CFR 1005.10(c)).
///
/// The bank account is identified as `payments` stores it: the routing number in plain, the
/// account number only encrypted (FieldCipher, random nonce, so not comparable in SQL) with its
/// last four beside it; a lookup filters on routing number and last four, then decrypts to
/// compare. One row per returned payment (`UNIQUE (payment_id)`): applying the same return
/// file twice records nothing twice. A new authorization fills the `reauthorized_*` columns
/// and keeps the row, so the history stays. The same DDL on SQLite and PostgreSQL.
struct CreateBankAuthorizationRevocations: Migration {
    let version = 18
    let name = "CreateBankAuthorizationRevocations"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("""
            CREATE TABLE bank_authorization_revocations (
                id TEXT PRIMARY KEY,
                bank_routing_number TEXT NOT NULL,
                bank_account_number_encrypted TEXT NOT NULL,
                bank_account_last4 TEXT NOT NULL,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                payment_id TEXT NOT NULL REFERENCES payments(id),
                return_reason_code TEXT NOT NULL,
                return_trace TEXT NOT NULL,
                revoked_at TEXT NOT NULL,
                revoked_by TEXT NOT NULL,
                reauthorized_at TEXT,
                reauthorized_by TEXT,
                reauthorization_account_id TEXT REFERENCES accounts(id),
                reauthorization_sec_code TEXT,
                reauthorization_reference TEXT,
                UNIQUE (payment_id)
            )
            """).run()
        // Taking a debit looks up the open revocations of one routing number and last four.
        try await db.raw("""
            CREATE INDEX bank_authorization_revocations_account_idx
            ON bank_authorization_revocations (bank_routing_number, bank_account_last4)
            """).run()
    }
}
