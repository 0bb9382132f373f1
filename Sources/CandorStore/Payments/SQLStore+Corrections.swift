import CandorCore
import Foundation
import SQLKit

/// What applying a file's notifications of change did, entry by entry.
public struct ChangesReport: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// The correction is recorded; `corrected` are the debits still scheduled from the old
        /// bank account, on any account, now carrying the corrected details; `cancelled` those
        /// cancelled instead, because the old or the new details are revoked.
        case applied(payment: String, bankAccount: String, corrected: [String], cancelled: [String])
        /// Recorded by an earlier run: nothing to do (re-runs are safe).
        case alreadyApplied(payment: String)
        /// No debit we sent has this trace number: a person must look.
        case unmatched
        /// A code that changes no bank account (C08, C09, C13, C14...), a correction that cannot
        /// be read (`NachaChange.problem`) or that changes nothing: a person must read it.
        case forAPerson(payment: String)
    }
    public struct Item: Sendable, Hashable {
        public var entry: NachaChange
        public var outcome: Outcome
    }
    public var items: [Item]
}

extension SQLStore {
    /// Applies the bank's notifications of change (Nacha COR entries): each in its own
    /// transaction, the correction is recorded for the bank account of the debit it names,
    /// every debit still scheduled (not exported) from that bank account is changed to the
    /// corrected routing number, account number or type, and the change is audited on each
    /// account it touched. From then on a new debit from the old details is refused
    /// (`PaymentError.bankAccountCorrected`), so the next entry carries the change, as the
    /// Nacha Rules require (2.12.1). A revocation follows the account: when the old or the new
    /// details are revoked, the scheduled debits are cancelled, not moved. The same file applied
    /// twice changes nothing twice.
    public func applyNotificationsOfChange(_ changes: [NachaChange], cipher: FieldCipher, by actor: String) async throws -> ChangesReport {
        var items: [ChangesReport.Item] = []
        if changes.contains(where: { $0.correction != nil }) { try await checkKeyReadsBankAccounts(cipher) }
        for change in changes {
            guard let row = try await Self.bankPayment(sql, trace: change.originalTrace) else {
                items.append(.init(entry: change, outcome: .unmatched)); continue
            }
            let paymentID = try row.decode(column: "id", as: String.self)
            guard let correction = change.correction else { items.append(.init(entry: change, outcome: .forAPerson(payment: paymentID))); continue }
            let old = BankAccountIdentity(routing: try row.decode(column: "bank_routing_number", as: String.self),
                                          accountNumber: try cipher.decrypt(try row.decode(column: "bank_account_number_encrypted", as: String.self)))
            let new = BankAccountIdentity(routing: correction.routing?.digits ?? old.routing,
                                          accountNumber: correction.accountNumber ?? old.accountNumber)
            let type = correction.accountType
            let oldType = try row.decode(column: "bank_account_type", as: String?.self)
            // Nothing to change: a person should know why the bank sent it.
            if new == old, type == nil || type?.rawValue == oldType {
                items.append(.init(entry: change, outcome: .forAPerson(payment: paymentID))); continue
            }
            let account = Account.ID(try row.decode(column: "account_id", as: String.self))
            let kind = database.kind, now = clock()
            let outcome = try await database.transaction { db -> ChangesReport.Outcome in
                // Both bank accounts: debits are written to the new one. In key order, so two
                // opposite corrections cannot wait on each other.
                for bank in Set([old, new]).sorted(by: { $0.lockKey < $1.lockKey }) { try await Self.lockBankAccount(db, kind: kind, bank) }
                if try await db.raw("""
                    SELECT id FROM bank_account_corrections WHERE payment_id = \(bind: paymentID) AND change_code = \(bind: change.changeCode)
                    """).first() != nil { return .alreadyApplied(payment: paymentID) }
                var revoked = try await Self.revocations(db, old, cipher: cipher, openOnly: true).first
                if revoked == nil { revoked = try await Self.revocations(db, new, cipher: cipher, openOnly: true).first }
                // Row locks (accounts in id order, then the debits) before the first audit line.
                let debits = try await Self.lockScheduledDebits(db, kind: kind, old, cipher: cipher, also: [account])
                try await db.raw("""
                    INSERT INTO bank_account_corrections (id, payment_id, account_id, change_code, original_trace, corrected_data_encrypted,
                        old_routing_number, old_account_number_encrypted, old_account_last4,
                        new_routing_number, new_account_number_encrypted, new_account_last4, new_account_type, received_at, applied_by)
                    VALUES (\(bind: Self.newID()), \(bind: paymentID), \(bind: account.rawValue), \(bind: change.changeCode), \(bind: change.originalTrace),
                            \(bind: cipher.encrypt(change.correctedData)), \(bind: old.routing), \(bind: cipher.encrypt(old.accountNumber)), \(bind: old.last4),
                            \(bind: new.routing), \(bind: cipher.encrypt(new.accountNumber)), \(bind: new.last4), \(bind: type?.rawValue),
                            \(bind: Timestamp.format(now)), \(bind: actor))
                    """).run()
                let what = "\(change.changeCode) \(change.meaning)"
                let moved: [StoredPayment] = revoked == nil ? debits : []
                for debit in moved {
                    try await db.raw("""
                        UPDATE payments SET bank_routing_number = \(bind: new.routing),
                            bank_account_number_encrypted = \(bind: cipher.encrypt(new.accountNumber)), bank_account_last4 = \(bind: new.last4),
                            bank_account_type = COALESCE(\(bind: type?.rawValue), bank_account_type)
                        WHERE id = \(bind: debit.id)
                        """).run()
                }
                try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: "bank_account.correct", subject: "account:\(account.rawValue)",
                                           details: ["change": what, "payment_id": paymentID, "trace": change.originalTrace,
                                                     "from": "\(old.routing) \(old.masked)", "to": "\(new.routing) \(new.masked)",
                                                     "account_type": type?.rawValue ?? "unchanged",
                                                     "corrected_payments": moved.map(\.id).joined(separator: ",")])
                for debit in moved where debit.accountID != account {
                    try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: "payment.correct", subject: "account:\(debit.accountID.rawValue)",
                                               details: ["change": what, "payment_id": debit.id, "notice_for_payment": paymentID,
                                                         "from": "\(old.routing) \(old.masked)", "to": "\(new.routing) \(new.masked)"])
                }
                var cancelled: [String] = []
                if let revoked {
                    let note = "\(what) received for a revoked bank account (\(revoked.reason)): the debit is cancelled, not moved to \(new.masked)"
                    cancelled = try await Self.cancel(debits, db, kind: kind, now: now, actor: actor, note: note).map(\.payment)
                }
                return .applied(payment: paymentID, bankAccount: new.masked, corrected: moved.map(\.id), cancelled: cancelled)
            }
            items.append(.init(entry: change, outcome: outcome))
        }
        return ChangesReport(items: items)
    }

    /// A bank debit we sent, by the trace number a return or a notification quotes.
    static func bankPayment(_ db: any SQLDatabase, trace: String) async throws -> (any SQLRow)? {
        try await db.raw("""
            SELECT id, account_id, amount_cents, status, bank_routing_number, bank_account_number_encrypted, bank_account_type
            FROM payments WHERE method = 'bank' AND nacha_trace_number = \(bind: trace)
            """).first()
    }

    /// Refuses a debit from bank details the bank has since corrected. The newest correction
    /// that names these details decides: named as corrected from, the debit must use the
    /// corrected routing number and account (`bank.account_number`, or `bank.routing_number`
    /// when only that changed); named as corrected to (or from, with only the type changed),
    /// the debit must use the corrected account type (`bank.account_type`). A correction back
    /// to earlier details is the newest and lets them be used again.
    static func checkNotCorrected(_ db: any SQLDatabase, _ bank: BankAccountIdentity, type: NachaAccountType,
                                  cipher: FieldCipher) async throws {
        let rows = try await db.raw("""
            SELECT * FROM bank_account_corrections
            WHERE (old_routing_number = \(bind: bank.routing) AND old_account_last4 = \(bind: bank.last4))
               OR (new_routing_number = \(bind: bank.routing) AND new_account_last4 = \(bind: bank.last4))
            ORDER BY received_at DESC, id DESC
            """).all()
        for row in rows {
            let old = BankAccountIdentity(routing: try row.decode(column: "old_routing_number", as: String.self),
                                          accountNumber: try cipher.decrypt(try row.decode(column: "old_account_number_encrypted", as: String.self)))
            let new = BankAccountIdentity(routing: try row.decode(column: "new_routing_number", as: String.self),
                                          accountNumber: try cipher.decrypt(try row.decode(column: "new_account_number_encrypted", as: String.self)))
            guard old == bank || new == bank else { continue }
            let code = try row.decode(column: "change_code", as: String.self)
            let at = Timestamp.parse(try row.decode(column: "received_at", as: String.self)) ?? .distantPast
            let change = "\(code) \(NachaChange.describe(code))", day = LocalDate(utcSecondsSinceEpoch: Int64(at.timeIntervalSince1970))
            if new != bank {
                throw PaymentError.bankAccountCorrected(field: new.accountNumber == old.accountNumber ? "bank.routing_number" : "bank.account_number",
                                                        bankAccount: bank.masked, correctedTo: "routing number \(new.routing), account \(new.masked)",
                                                        change: change, on: day)
            }
            if let corrected = try row.decode(column: "new_account_type", as: String?.self).flatMap(NachaAccountType.init(rawValue:)), corrected != type {
                throw PaymentError.bankAccountCorrected(field: "bank.account_type", bankAccount: bank.masked, correctedTo: "a \(corrected.rawValue) account",
                                                        change: change, on: day)
            }
            return
        }
    }

    /// The bank accounts whose revocations bind `bank`: itself and every account the bank
    /// corrected into it, however many corrections ago (a revocation follows the account).
    static func identitiesBinding(_ db: any SQLDatabase, _ bank: BankAccountIdentity, cipher: FieldCipher) async throws -> [BankAccountIdentity] {
        var found = [bank], frontier = [bank]
        while let next = frontier.popLast(), found.count < 32 {
            for row in try await db.raw("""
                SELECT old_routing_number, old_account_number_encrypted, new_account_number_encrypted FROM bank_account_corrections
                WHERE new_routing_number = \(bind: next.routing) AND new_account_last4 = \(bind: next.last4)
                """).all() {
                guard try holds(next, row, "new_account_number_encrypted", cipher) else { continue }
                let old = BankAccountIdentity(routing: try row.decode(column: "old_routing_number", as: String.self),
                                              accountNumber: try cipher.decrypt(try row.decode(column: "old_account_number_encrypted", as: String.self)))
                if !found.contains(old) { found.append(old); frontier.append(old) }
            }
        }
        return found
    }
}
