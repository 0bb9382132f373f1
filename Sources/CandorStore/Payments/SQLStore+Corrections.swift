import CandorCore
import Foundation
import SQLKit

/// What applying a file's notifications of change did, entry by entry.
public struct ChangesReport: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// The correction is recorded; `corrected` are the debits still scheduled from the old
        /// bank account, on any account, now carrying the corrected details.
        case applied(payment: String, bankAccount: String, corrected: [String])
        /// Recorded by an earlier run: nothing to do (re-runs are safe).
        case alreadyApplied(payment: String)
        /// No debit we sent has this trace number: a person must look.
        case unmatched
        /// A code that changes no bank account (C08, C09, C13, C14...): a person must read it.
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
    /// Nacha Rules require (2.12.1). The same file applied twice changes nothing twice.
    public func applyNotificationsOfChange(_ changes: [NachaChange], cipher: FieldCipher, by actor: String) async throws -> ChangesReport {
        var items: [ChangesReport.Item] = []
        if changes.contains(where: { $0.correction != nil }) { try await checkKeyReadsBankAccounts(cipher) }
        for change in changes {
            guard let row = try await sql.raw("""
                SELECT id, account_id, bank_routing_number, bank_account_number_encrypted, bank_account_type
                FROM payments WHERE method = 'bank' AND nacha_trace_number = \(bind: change.originalTrace)
                """).first() else { items.append(.init(entry: change, outcome: .unmatched)); continue }
            let paymentID = try row.decode(column: "id", as: String.self)
            guard let correction = change.correction else { items.append(.init(entry: change, outcome: .forAPerson(payment: paymentID))); continue }
            let old = BankAccountIdentity(routing: try row.decode(column: "bank_routing_number", as: String.self),
                                          accountNumber: try cipher.decrypt(try row.decode(column: "bank_account_number_encrypted", as: String.self)))
            let new = BankAccountIdentity(routing: correction.routing?.digits ?? old.routing,
                                          accountNumber: correction.accountNumber ?? old.accountNumber)
            let type = correction.accountType
            let account = Account.ID(try row.decode(column: "account_id", as: String.self))
            let kind = database.kind, now = clock()
            let outcome = try await database.transaction { db -> ChangesReport.Outcome in
                try await Self.lockBankAccount(db, kind: kind, old)
                if try await db.raw("""
                    SELECT id FROM bank_account_corrections WHERE payment_id = \(bind: paymentID) AND change_code = \(bind: change.changeCode)
                    """).first() != nil { return .alreadyApplied(payment: paymentID) }
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
                for debit in debits {
                    try await db.raw("""
                        UPDATE payments SET bank_routing_number = \(bind: new.routing),
                            bank_account_number_encrypted = \(bind: cipher.encrypt(new.accountNumber)), bank_account_last4 = \(bind: new.last4),
                            bank_account_type = COALESCE(\(bind: type?.rawValue), bank_account_type)
                        WHERE id = \(bind: debit.id)
                        """).run()
                }
                let what = "\(change.changeCode) \(change.meaning)"
                try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: "bank_account.correct", subject: "account:\(account.rawValue)",
                                           details: ["change": what, "payment_id": paymentID, "trace": change.originalTrace,
                                                     "from": "\(old.routing) \(old.masked)", "to": "\(new.routing) \(new.masked)",
                                                     "account_type": type?.rawValue ?? "unchanged",
                                                     "corrected_payments": debits.map(\.id).joined(separator: ",")])
                for debit in debits where debit.accountID != account {
                    try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: "payment.correct", subject: "account:\(debit.accountID.rawValue)",
                                               details: ["change": what, "payment_id": debit.id, "notice_for_payment": paymentID,
                                                         "from": "\(old.routing) \(old.masked)", "to": "\(new.routing) \(new.masked)"])
                }
                return .applied(payment: paymentID, bankAccount: new.masked, corrected: debits.map(\.id))
            }
            items.append(.init(entry: change, outcome: outcome))
        }
        return ChangesReport(items: items)
    }

    /// Refuses a debit from bank details the bank has since corrected (a new routing number or
    /// account number; a corrected account type alone refuses nothing).
    static func checkNotCorrected(_ db: any SQLDatabase, _ bank: BankAccountIdentity, cipher: FieldCipher) async throws {
        let rows = try await db.raw("""
            SELECT old_account_number_encrypted, new_routing_number, new_account_last4, new_account_number_encrypted, change_code, received_at
            FROM bank_account_corrections
            WHERE old_routing_number = \(bind: bank.routing) AND old_account_last4 = \(bind: bank.last4)
            ORDER BY received_at DESC
            """).all()
        for row in rows {
            guard BankAccountIdentity.normalized(try cipher.decrypt(try row.decode(column: "old_account_number_encrypted", as: String.self))) == bank.accountNumber
            else { continue }
            let routing = try row.decode(column: "new_routing_number", as: String.self)
            let number = try cipher.decrypt(try row.decode(column: "new_account_number_encrypted", as: String.self))
            let corrected = BankAccountIdentity(routing: routing, accountNumber: number)
            guard corrected != bank else { continue }
            let code = try row.decode(column: "change_code", as: String.self)
            let at = Timestamp.parse(try row.decode(column: "received_at", as: String.self)) ?? .distantPast
            throw PaymentError.bankAccountCorrected(bankAccount: bank.masked, routing: corrected.routing, correctedAccount: corrected.masked,
                                                    change: "\(code) \(NachaChange.describe(code))",
                                                    on: LocalDate(utcSecondsSinceEpoch: Int64(at.timeIntervalSince1970)))
        }
    }
}
