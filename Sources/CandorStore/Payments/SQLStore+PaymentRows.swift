import CandorCore
import Foundation
import SQLKit

/// Row-level helpers shared by posting, reversal, adjustment and the NACHA export.
extension SQLStore {
    /// Locks the account row for this transaction and returns its itemization amount.
    static func lockAccount(_ db: any SQLDatabase, kind: CandorDatabase.Kind, _ id: Account.ID) async throws -> Money {
        let lock = kind == .postgres ? " FOR UPDATE" : ""
        guard let row = try await db.raw("""
            SELECT itemization_amount_cents FROM accounts WHERE id = \(bind: id.rawValue)\(unsafeRaw: lock)
            """).first() else { throw StoreError.unknownAccount(id.rawValue) }
        return try cents(row, "itemization_amount_cents")
    }

    static func ledgerEntries(_ db: any SQLDatabase, _ id: Account.ID) async throws -> [LedgerEntry] {
        try await db.raw("SELECT * FROM ledger_entries WHERE account_id = \(bind: id.rawValue) ORDER BY seq").all()
            .map(ledgerEntry(from:))
    }

    /// Appends an entry and moves the balance by its amount, keeping
    /// `balance_cents = itemization_amount_cents + Σ amount_cents`.
    static func insertLedgerEntry(_ db: any SQLDatabase, account: Account.ID, _ e: LedgerEntry, now: Date) async throws {
        let seq = try await db.raw("SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM ledger_entries WHERE account_id = \(bind: account.rawValue)")
            .first()?.decode(column: "n", as: Int64.self) ?? 1
        try await db.raw("""
            INSERT INTO ledger_entries (id, account_id, seq, kind, amount_cents, principal_cents, interest_cents, fees_cents,
                                        effective_date, memo, reverses_id, created_at)
            VALUES (\(bind: e.id.rawValue), \(bind: account.rawValue), \(bind: seq), \(bind: e.kind.rawValue), \(bind: e.amount.cents),
                    \(bind: e.parts.principal.cents), \(bind: e.parts.interest.cents), \(bind: e.parts.fees.cents),
                    \(bind: e.effectiveDate.description), \(bind: e.memo), \(bind: e.reverses?.rawValue), \(bind: Timestamp.format(now)))
            """).run()
        try await db.raw("""
            UPDATE accounts SET balance_cents = balance_cents + \(bind: e.amount.cents) WHERE id = \(bind: account.rawValue)
            """).run()
    }

    static func insertPayment(_ db: any SQLDatabase, id: String, request r: PaymentRequest, fingerprint: String,
                              entry: LedgerEntry, reference: String?, cipher: FieldCipher, now: Date) async throws {
        var bank: BankDebit?
        if case .bank(let d) = r.method { bank = d }
        let number = bank.map { $0.accountNumber.filter { $0 != " " && $0 != "-" } }
        try await db.raw("""
            INSERT INTO payments (id, account_id, idempotency_key, request_fingerprint, method, amount_cents, status, effective_date,
                                  ledger_entry_id, processor_reference, bank_holder_name, bank_routing_number,
                                  bank_account_number_encrypted, bank_account_last4, bank_account_type, sec_code, recording_reference,
                                  scheduled_date, created_at, created_by)
            VALUES (\(bind: id), \(bind: r.accountID.rawValue), \(bind: r.idempotencyKey), \(bind: fingerprint), \(bind: r.method.name),
                    \(bind: r.amount.cents), \(bind: bank == nil ? "posted" : "scheduled"), \(bind: entry.effectiveDate.description),
                    \(bind: entry.id.rawValue), \(bind: reference), \(bind: bank?.holderName), \(bind: bank?.routing.digits),
                    \(bind: number.map(cipher.encrypt)), \(bind: number.map { String($0.suffix(4)) }), \(bind: bank?.accountType.rawValue),
                    \(bind: bank?.secCode.rawValue), \(bind: bank?.recordingReference), \(bind: bank?.debitDate.description),
                    \(bind: Timestamp.format(now)), \(bind: r.createdBy))
            """).run()
    }

    static func payment(_ db: any SQLDatabase, id: String) async throws -> StoredPayment? {
        try await db.raw("SELECT * FROM payments WHERE id = \(bind: id)").first().map(storedPayment(from:))
    }

    /// The payment for a key and its request fingerprint.
    static func payment(_ db: any SQLDatabase, account: Account.ID, key: String) async throws -> (StoredPayment, String)? {
        guard let row = try await db.raw("""
            SELECT * FROM payments WHERE account_id = \(bind: account.rawValue) AND idempotency_key = \(bind: key)
            """).first() else { return nil }
        return (try storedPayment(from: row), try row.decode(column: "request_fingerprint", as: String.self))
    }

    static func storedPayment(from row: any SQLRow) throws -> StoredPayment {
        StoredPayment(
            id: try row.decode(column: "id", as: String.self),
            accountID: Account.ID(try row.decode(column: "account_id", as: String.self)),
            idempotencyKey: try row.decode(column: "idempotency_key", as: String.self),
            method: StoredPayment.Method(rawValue: try row.decode(column: "method", as: String.self)) ?? .bank,
            amount: try cents(row, "amount_cents"),
            status: StoredPayment.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .posted,
            effectiveDate: try LocalDate(parsing: try row.decode(column: "effective_date", as: String.self)),
            ledgerEntryID: LedgerEntry.ID(try row.decode(column: "ledger_entry_id", as: String.self)),
            reversalEntryID: try row.decode(column: "reversal_entry_id", as: String?.self).map { LedgerEntry.ID($0) },
            processorReference: try row.decode(column: "processor_reference", as: String?.self),
            bankAccountMasked: try row.decode(column: "bank_account_last4", as: String?.self).map(BankAccountIdentity.masked(last4:)),
            secCode: try row.decode(column: "sec_code", as: String?.self).flatMap(NachaSECCode.init(rawValue:)),
            scheduledDate: try date(row, "scheduled_date"),
            exportedInNachaFile: try row.decode(column: "exported_in_nacha_file", as: String?.self),
            createdAt: Timestamp.parse(try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
            createdBy: try row.decode(column: "created_by", as: String.self))
    }
}
