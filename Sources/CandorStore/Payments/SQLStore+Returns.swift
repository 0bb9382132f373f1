import CandorCore
import Foundation
import SQLKit

/// What applying an ACH return file did, entry by entry.
public struct ReturnsReport: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// The payment was reversed (its allocation undone); `payment` is its ID.
        case reversed(payment: String)
        /// Already reversed by an earlier run or by hand: nothing to do (re-runs are safe).
        case alreadyReversed(payment: String)
        /// No exported payment has this trace number: a person must look.
        case unmatched
        /// The returned amount is not the payment's amount: left for a person.
        case amountMismatch(payment: String, paid: Money)
    }
    /// A scheduled debit from the same bank account, cancelled because the return revoked the
    /// authorization it relied on.
    public struct CancelledDebit: Sendable, Hashable {
        public var payment: String
        public var account: Account.ID
        public var amount: Money
        public var scheduledDate: LocalDate?
    }
    public struct Item: Sendable, Hashable {
        public var entry: NachaReturn
        public var outcome: Outcome
        /// Set when this return recorded the revocation of its bank account's authorization
        /// (the bank account, masked); nil for other reasons and when recorded by an earlier run.
        public var revokedBankAccount: String? = nil
        /// The debits this return's revocation cancelled (none on a re-run).
        public var cancelled: [CancelledDebit] = []
    }
    public var items: [Item]
}

extension SQLStore {
    /// Reverses the payment each return quotes (matched by the trace number stored at
    /// export), as `returned_ach` with the return reason in the note; audited. Safe to run twice
    /// on the same file.
    ///
    /// A return saying the consumer revoked or denied the authorization (R05, R07, R10, R29,
    /// R51) does more, in one transaction with its reversal: it records the revocation for the
    /// debit's bank account (so no new debit from it is taken until a new authorization is
    /// recorded) and cancels every debit from that bank account still scheduled and not yet
    /// exported, on any account, each audited as a `cancelled` reversal naming the return.
    /// An earlier reversal by hand does not stop that; a return recorded before does (a re-run
    /// never cancels debits taken under a later, new authorization).
    public func applyACHReturns(_ returns: [NachaReturn], cipher: FieldCipher, by actor: String) async throws -> ReturnsReport {
        var items: [ReturnsReport.Item] = []
        // Revoking returns compare decrypted account numbers: a wrong key fails here, before any
        // return is applied, not halfway through the file with the applied ones unreported.
        if returns.contains(where: \.authorizationRevoked) { try await checkKeyReadsBankAccounts(cipher) }
        for r in returns {
            guard let row = try await Self.bankPayment(sql, trace: r.originalTrace) else {
                items.append(.init(entry: r, outcome: .unmatched)); continue
            }
            let id = try row.decode(column: "id", as: String.self)
            let paid = Money(cents: try row.decode(column: "amount_cents", as: Int64.self))
            let reversed = try row.decode(column: "status", as: String.self) == StoredPayment.Status.reversed.rawValue
            let mismatch = !reversed && paid != r.amount
            if r.authorizationRevoked {
                // The consumer's revocation binds whatever the amount says: it is recorded and the
                // other debits cancelled even when the reversal itself is left for a person.
                let bank = BankAccountIdentity(
                    routing: try row.decode(column: "bank_routing_number", as: String.self),
                    accountNumber: try cipher.decrypt(try row.decode(column: "bank_account_number_encrypted", as: String.self)))
                var item = try await applyRevokingReturn(r, payment: id, bank: bank, reverse: !mismatch, cipher: cipher, by: actor)
                if mismatch { item.outcome = .amountMismatch(payment: id, paid: paid) }
                items.append(item); continue
            }
            if mismatch { items.append(.init(entry: r, outcome: .amountMismatch(payment: id, paid: paid))); continue }
            if reversed { items.append(.init(entry: r, outcome: .alreadyReversed(payment: id))); continue }
            do {
                _ = try await reversePayment(id: id, reason: .returnedACH, by: actor, note: "\(r.reasonCode) \(r.reason)")
                items.append(.init(entry: r, outcome: .reversed(payment: id)))
            } catch PaymentError.alreadyReversed {
                items.append(.init(entry: r, outcome: .alreadyReversed(payment: id)))
            }
        }
        return ReturnsReport(items: items)
    }

    /// Fails unless `cipher` decrypts a stored bank account number: run before a file's first
    /// change, so a wrong key stops it before anything is applied.
    public func checkKeyReadsBankAccounts(_ cipher: FieldCipher) async throws {
        if let row = try await sql.raw("""
            SELECT bank_account_number_encrypted FROM payments WHERE method = 'bank' AND bank_account_number_encrypted IS NOT NULL LIMIT 1
            """).first() {
            _ = try cipher.decrypt(try row.decode(column: "bank_account_number_encrypted", as: String.self))
        }
    }

    /// The revocation, the reversal (unless `reverse` is false: an amount a person must look
    /// at) and the cancellations of one revoking return, together.
    private func applyRevokingReturn(_ r: NachaReturn, payment id: String, bank: BankAccountIdentity, reverse: Bool,
                                     cipher: FieldCipher, by actor: String) async throws -> ReturnsReport.Item {
        let kind = database.kind, now = clock()
        return try await database.transaction { db in
            try await Self.lockBankAccount(db, kind: kind, bank)
            guard let payment = try await Self.payment(db, id: id) else { throw PaymentError.unknownPayment(id) }
            // Every row lock before the first audit line, which takes the audit lock (accounts
            // first, in id order, then payment rows, then audit: the order the other writers use).
            // New debits from this bank account wait on the bank-account lock, so the set is stable.
            let debits = try await Self.lockScheduledDebits(db, kind: kind, bank, cipher: cipher, also: [payment.accountID]).filter { $0.id != id }
            // First the revocation, so the account's trail reads: revoked, then reversed.
            let recorded = try await Self.insertRevocation(db, kind: kind, now: now, bank: bank, cipher: cipher, account: payment.accountID,
                                                           origin: .achReturn(payment, r), actor: actor) != nil
            var outcome = ReturnsReport.Outcome.alreadyReversed(payment: id)
            if reverse, payment.status != .reversed {
                do {
                    _ = try await Self.reverse(db, kind: kind, now: now, id: id, reason: .returnedACH, actor: actor,
                                               note: "\(r.reasonCode) \(r.reason); authorization revoked: take no further debit on it")
                    outcome = .reversed(payment: id)
                } catch PaymentError.alreadyReversed {}
            }
            guard recorded else { return .init(entry: r, outcome: outcome) }
            let note = "authorization revoked: \(r.reasonCode) \(r.reason) on the return of payment \(id) (trace \(r.originalTrace)); "
                + "no debit from bank account \(bank.masked) until a new authorization is recorded"
            let cancelled = try await Self.cancel(debits, db, kind: kind, now: now, actor: actor, note: note)
            return .init(entry: r, outcome: outcome, revokedBankAccount: bank.masked, cancelled: cancelled)
        }
    }

    /// Locks what revoking or correcting a bank account touches, in the order every writer
    /// takes them (accounts in id order, then payment rows; the caller holds the bank-account
    /// lock, so no debit from it is added meanwhile): `also` and every account with a debit
    /// still scheduled from the bank account. Returns those debits, locked. Call before the first
    /// audit line, which takes the audit lock.
    static func lockScheduledDebits(_ db: any SQLDatabase, kind: CandorDatabase.Kind, _ bank: BankAccountIdentity, cipher: FieldCipher,
                                  also: [Account.ID]) async throws -> [StoredPayment] {
        let planned = try await scheduledDebits(db, kind: kind, from: bank, cipher: cipher, lock: false)
        for account in Set(also + planned.map(\.accountID)).sorted(by: { $0.rawValue < $1.rawValue }) {
            _ = try await lockAccount(db, kind: kind, account)
        }
        return try await scheduledDebits(db, kind: kind, from: bank, cipher: cipher, lock: true)
    }

    /// Cancels scheduled debits a revocation forbids, each audited with `note`.
    static func cancel(_ debits: [StoredPayment], _ db: any SQLDatabase, kind: CandorDatabase.Kind, now: Date, actor: String,
                       note: String) async throws -> [ReturnsReport.CancelledDebit] {
        var cancelled: [ReturnsReport.CancelledDebit] = []
        for debit in debits {
            let done = try await reverse(db, kind: kind, now: now, id: debit.id, reason: .cancelled, actor: actor, note: note)
            cancelled.append(.init(payment: done.id, account: done.accountID, amount: done.amount, scheduledDate: done.scheduledDate))
        }
        return cancelled
    }

    /// The bank debits from one bank account still scheduled and not in any NACHA file, locked
    /// on PostgreSQL so an export running now either sent them already or waits and skips them.
    static func scheduledDebits(_ db: any SQLDatabase, kind: CandorDatabase.Kind, from bank: BankAccountIdentity,
                                cipher: FieldCipher, lock: Bool = true) async throws -> [StoredPayment] {
        let rows = try await db.raw("""
            SELECT * FROM payments
            WHERE method = 'bank' AND status = 'scheduled' AND exported_in_nacha_file IS NULL
              AND bank_routing_number = \(bind: bank.routing) AND UPPER(bank_account_last4) = \(bind: bank.last4)
            ORDER BY scheduled_date, created_at, id\(unsafeRaw: lock && kind == .postgres ? " FOR UPDATE" : "")
            """).all()
        return try rows.filter { try holds(bank, $0, "bank_account_number_encrypted", cipher) }.map(storedPayment(from:))
    }
}
