import CandorCore
import Foundation
import SQLKit

/// Why a payment is undone.
public enum ReversalReason: String, Sendable, Hashable, Codable, CaseIterable {
    case returnedACH = "returned_ach"
    case chargeback
    /// A scheduled debit cancelled before its file went out.
    case cancelled
}

extension SQLStore {
    /// Undoes exactly the allocation of a payment (the core `Ledger.reverse`), marks it
    /// reversed, and audits who did it and why; one transaction.
    public func reversePayment(id: String, reason: ReversalReason, by actor: String, note: String? = nil) async throws -> StoredPayment {
        let kind = database.kind, now = clock()
        return try await database.transaction { db in
            try await Self.reverse(db, kind: kind, now: now, id: id, reason: reason, actor: actor, note: note)
        }
    }

    /// `reversePayment` inside the caller's transaction (an ACH return reverses its debit and
    /// cancels the debits its revoked authorization no longer covers, all in one).
    static func reverse(_ db: any SQLDatabase, kind: CandorDatabase.Kind, now: Date, id: String, reason: ReversalReason,
                        actor: String, note: String?) async throws -> StoredPayment {
        guard let before = try await Self.payment(db, id: id) else { throw PaymentError.unknownPayment(id) }
        let itemization = try await Self.lockAccount(db, kind: kind, before.accountID)
        // Re-read under the account lock: a concurrent reversal may have just committed.
        guard let payment = try await Self.payment(db, id: id), payment.status != .reversed else {
            throw PaymentError.alreadyReversed(id)
        }
        // A debit already sent to the bank cannot be "cancelled": the bank will pull the
        // money; only its return may undo it. And only a bank debit can come back from ACH.
        if reason == .cancelled, payment.status != .scheduled {
            throw PaymentError.invalid(field: "reason", message: "payment \(id) is \(payment.status.rawValue), not scheduled: only a debit not yet sent can be cancelled")
        }
        if reason == .returnedACH, payment.method != .bank {
            throw PaymentError.invalid(field: "reason", message: "payment \(id) is a card payment: it cannot come back as an ACH return")
        }
        var ledger = Ledger(itemizationAmount: itemization, entries: try await Self.ledgerEntries(db, payment.accountID))
        let today = LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970))
        let entry: LedgerEntry
        do throws(LedgerError) {
            entry = try ledger.reverse(payment: payment.ledgerEntryID, id: LedgerEntry.ID(Self.newID()), on: today,
                                       memo: "reversal: \(reason.rawValue)")
        } catch {
            if case .alreadyReversed = error { throw PaymentError.alreadyReversed(id) }
            throw PaymentError.ledger(error)
        }
        try await Self.insertLedgerEntry(db, account: payment.accountID, entry, now: now)
        try await Self.reevaluate(db, account: payment.accountID, ledger: ledger, today: today)
        try await db.raw("""
            UPDATE payments SET status = 'reversed', reversal_entry_id = \(bind: entry.id.rawValue),
                   reversal_reason = \(bind: reason.rawValue) WHERE id = \(bind: id)
            """).run()
        var details = ["payment_id": id, "reason": reason.rawValue, "ledger_entry_id": entry.id.rawValue,
                       "amount_cents": String(entry.amount.cents)]
        if let note { details["note"] = note }
        try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: "payment.reverse",
                                   subject: "account:\(payment.accountID.rawValue)", details: details)
        guard let stored = try await Self.payment(db, id: id) else { throw PaymentError.unknownPayment(id) }
        return stored
    }

    /// A balance change other than a payment: interest or a fee accrued (positive), or a
    /// principal adjustment (signed; principal never below zero). Audited.
    @discardableResult
    public func postLedgerChange(account: Account.ID, kind entryKind: LedgerEntry.Kind, amount: Money, by actor: String,
                                 memo: String? = nil) async throws -> LedgerEntry {
        let kind = database.kind, now = clock()
        return try await database.transaction { db in
            let itemization = try await Self.lockAccount(db, kind: kind, account)
            var ledger = Ledger(itemizationAmount: itemization, entries: try await Self.ledgerEntries(db, account))
            let today = LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970))
            let id = LedgerEntry.ID(Self.newID())
            if entryKind == .payment || entryKind == .reversal {
                throw PaymentError.invalid(field: "kind", message: "payments and reversals go through postPayment and reversePayment")
            }
            let entry: LedgerEntry
            do throws(LedgerError) {
                switch entryKind {
                case .interest, .fee: entry = try ledger.charge(entryKind, id: id, amount: amount, on: today, memo: memo)
                default: entry = try ledger.adjust(id: id, amount: amount, on: today, memo: memo)
                }
            } catch { throw PaymentError.ledger(error) }
            try await Self.insertLedgerEntry(db, account: account, entry, now: now)
            try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: "ledger.\(entryKind.rawValue)",
                                       subject: "account:\(account.rawValue)",
                                       details: ["ledger_entry_id": entry.id.rawValue, "amount_cents": String(entry.amount.cents)])
            return entry
        }
    }
}
