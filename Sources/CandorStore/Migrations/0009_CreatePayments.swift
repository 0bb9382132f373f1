import SQLKit

/// Payments taken on an account (card or bank debit) and what became of them.
///
/// `UNIQUE (account_id, idempotency_key)`: a retried submission (double click, network
/// retry, 200 racing requests) can only ever create one row; the loser of the race reads
/// the winner. The bank account number is stored only encrypted (FieldCipher) with its last
/// four digits beside it for display; the routing number identifies a bank, not a person,
/// and stays plain so files and returns can be matched without the key.
struct CreatePayments: Migration {
    let version = 9
    let name = "CreatePayments"
    func up(_ db: any SQLDatabase, kind: CandorDatabase.Kind) async throws {
        try await db.raw("""
            CREATE TABLE payments (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                idempotency_key TEXT NOT NULL,
                request_fingerprint TEXT NOT NULL,
                method TEXT NOT NULL,
                amount_cents BIGINT NOT NULL,
                status TEXT NOT NULL,
                effective_date TEXT NOT NULL,
                ledger_entry_id TEXT NOT NULL REFERENCES ledger_entries(id),
                reversal_entry_id TEXT REFERENCES ledger_entries(id),
                reversal_reason TEXT,
                processor_reference TEXT,
                bank_holder_name TEXT,
                bank_routing_number TEXT,
                bank_account_number_encrypted TEXT,
                bank_account_last4 TEXT,
                bank_account_type TEXT,
                sec_code TEXT,
                recording_reference TEXT,
                scheduled_date TEXT,
                exported_in_nacha_file TEXT,
                nacha_trace_number TEXT,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                UNIQUE (account_id, idempotency_key)
            )
            """).run()
        // The NACHA export looks up one day's unexported debits.
        try await db.raw("CREATE INDEX payments_schedule_idx ON payments (scheduled_date, status)").run()
    }
}
