import CandorCore
import Foundation
import SQLKit

/// What an agent records about one contact (the web form and `POST /api/accounts/{id}/dispositions`).
public struct DispositionInput: Sendable {
    public var accountID: Account.ID
    /// Other debts of the same consumer discussed on the same contact.
    public var alsoDiscussed: [Account.ID]
    public var disposition: Disposition
    public var direction: ContactDirection
    /// The number dialed or that called in (E.164); a wrong number is opted out.
    public var phone: String?
    public var callbackAt: Date?
    public var promiseAmount: Money?
    public var promiseDueDate: LocalDate?
    public var budget: Budget?
    public var note: String?
    /// The user ID of who recorded it.
    public var recordedBy: String

    public init(accountID: Account.ID, alsoDiscussed: [Account.ID] = [], disposition: Disposition,
                direction: ContactDirection = .outbound, phone: String? = nil, callbackAt: Date? = nil,
                promiseAmount: Money? = nil, promiseDueDate: LocalDate? = nil, budget: Budget? = nil,
                note: String? = nil, recordedBy: String) {
        self.accountID = accountID; self.alsoDiscussed = alsoDiscussed; self.disposition = disposition
        self.direction = direction; self.phone = phone; self.callbackAt = callbackAt
        self.promiseAmount = promiseAmount; self.promiseDueDate = promiseDueDate; self.budget = budget
        self.note = note; self.recordedBy = recordedBy
    }
}

/// A disposition as stored, with what it wrote.
public struct StoredDisposition: Sendable, Hashable, Codable {
    public var id: String
    public var accountID: Account.ID
    public var attemptID: String
    public var disposition: Disposition
    public var at: Date
    public var recordedBy: String
    public var callbackAt: Date?
    public var note: String?
    public var needsReview: Bool
    public var reviewedAt: Date?
    public var reviewedBy: String?
    /// Flags this disposition newly set on the accounts discussed.
    public var flagsSet: [String] = []
    public var promiseID: String?
}

/// A note on an account.
public struct AccountNote: Sendable, Hashable, Codable {
    public var id: String
    public var body: String
    public var createdBy: String
    public var createdAt: Date
}

extension SQLStore {
    static let maxNoteLength = 4_000

    /// Records a disposition in one transaction: the contact attempt the compliance engine
    /// counts, the flags it sets (who and when), the promise it carries, an opt-out of a
    /// wrong number, the disposition row and its audit line. Nothing is written on a bad input.
    public func recordDisposition(_ input: DispositionInput) async throws -> StoredDisposition {
        let now = clock()
        let today = LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970))
        let note = try Self.cleanNote(input.note, required: false)
        let accounts = [input.accountID] + input.alsoDiscussed.filter { $0 != input.accountID }
        let outcome: DispositionOutcome
        do throws(DispositionError) {
            outcome = try input.disposition.record(
                accounts: accounts, by: input.recordedBy, at: now,
                direction: input.direction == .inbound ? .inbound : .outbound, callbackAt: input.callbackAt,
                hasPromise: input.promiseAmount != nil && input.promiseDueDate != nil, hasBudget: input.budget != nil)
        } catch { throw CollectionsError.disposition(error) }
        let phone = try Self.dialedNumber(input.phone)
        let kind = database.kind
        return try await database.transaction { db in
            let itemization = try await Self.lockAccount(db, kind: kind, input.accountID)
            let ledger = Ledger(itemizationAmount: itemization, entries: try await Self.ledgerEntries(db, input.accountID))
            guard let row = try await db.raw("SELECT consumer_id FROM accounts WHERE id = \(bind: input.accountID.rawValue)").first() else {
                throw StoreError.unknownAccount(input.accountID.rawValue)
            }
            let consumer = try row.decode(column: "consumer_id", as: String.self)
            let attemptID = Self.newID()
            let attempt = ContactAttemptInput(
                consumerID: Consumer.ID(consumer), accountIDs: accounts, at: now, channel: .phone,
                direction: input.direction, outcome: ContactOutcome(rawValue: outcome.contactLog.outcome) ?? .conversation,
                address: phone?.e164, source: "agent", recordedBy: input.recordedBy)
            try await Self.insertAttempt(db, id: attemptID, attempt, created: now)

            var promise: PromiseToPay?
            if input.disposition == .promise, let amount = input.promiseAmount, let due = input.promiseDueDate {
                do throws(TermsError) {
                    promise = try PromiseToPay(id: PromiseToPay.ID(Self.newID()), accountID: input.accountID, amount: amount,
                                               dueDate: due, madeOn: today, madeBy: input.recordedBy, balance: ledger.balance)
                } catch {
                    if case .dateInPast = error { throw CollectionsError.terms(field: "promise_due_date", error) }
                    throw CollectionsError.terms(field: "promise_amount_cents", error)
                }
            }
            var budgetJSON: String?
            if let budget = input.budget, input.disposition == .hardship {
                budgetJSON = String(decoding: try JSONEncoder().encode(budget), as: UTF8.self)
            }
            let id = Self.newID()
            try await db.insert(into: "dispositions")
                .columns("id", "account_id", "attempt_id", "disposition", "at", "recorded_by", "callback_at", "note",
                         "budget_json", "needs_review")
                .values(id, input.accountID.rawValue, attemptID, input.disposition.rawValue, Timestamp.format(now),
                        input.recordedBy, outcome.callbackAt.map(Timestamp.format), note, budgetJSON, outcome.needsReview)
                .run()
            var flagsSet: [String] = []
            for change in outcome.flagChanges {
                guard let flag = AccountFlag(rawValue: change.flag.rawValue) else { continue }
                if try await Self.insertFlag(db, flag, on: change.account, by: input.recordedBy,
                                             reason: "disposition \(input.disposition.rawValue) (\(id))", now: now) {
                    flagsSet.append("\(change.account.rawValue):\(flag.rawValue)")
                }
            }
            if input.disposition.marksNumberWrong, let phone {
                // A wrong number is not the consumer's: never dial it again for them.
                try await db.insert(into: "consumer_opt_outs").columns("id", "consumer_id", "channel", "address", "at", "source")
                    .values(Self.newID(), consumer, ContactChannel.phone.rawValue, phone.e164, Timestamp.format(now),
                            "wrong_number").run()
            }
            if let promise {
                let rules = try await Self.clientRules(db, account: input.accountID)
                try await db.insert(into: "promises")
                    .columns("id", "account_id", "disposition_id", "amount_cents", "due_date", "made_on", "made_by", "deadline",
                             "status", "paid_cents", "evaluated_on", "created_at")
                    .values(promise.id.rawValue, input.accountID.rawValue, id, promise.amount.cents, promise.dueDate.description,
                            today.description, input.recordedBy, promise.dueDate.adding(days: rules.graceDays).description,
                            PromiseStatus.pending.rawValue, Int64(0), today.description, Timestamp.format(now))
                    .run()
            }
            var details = ["disposition_id": id, "disposition": input.disposition.rawValue, "attempt_id": attemptID]
            if !flagsSet.isEmpty { details["flags_set"] = flagsSet.joined(separator: ",") }
            if let promise { details["promise_id"] = promise.id.rawValue; details["promise_cents"] = String(promise.amount.cents) }
            try await Self.appendAudit(db, kind: kind, at: now, actor: input.recordedBy, action: "disposition.record",
                                       subject: "account:\(input.accountID.rawValue)", details: details)
            return StoredDisposition(id: id, accountID: input.accountID, attemptID: attemptID, disposition: input.disposition,
                                     at: now, recordedBy: input.recordedBy, callbackAt: outcome.callbackAt, note: note,
                                     needsReview: outcome.needsReview, reviewedAt: nil, reviewedBy: nil,
                                     flagsSet: flagsSet, promiseID: promise?.id.rawValue)
        }
    }

    /// The account's dispositions, newest first.
    public func dispositions(account: Account.ID, limit: Int = 200) async throws -> [StoredDisposition] {
        try await sql.raw("""
            SELECT d.*, p.id AS promise_id FROM dispositions d LEFT JOIN promises p ON p.disposition_id = d.id
            WHERE d.account_id = \(bind: account.rawValue) ORDER BY d.at DESC, d.id DESC LIMIT \(bind: limit)
            """).all().map(Self.storedDisposition(from:))
    }

    /// Marks a disposition that needed review as reviewed (supervisor or compliance).
    public func reviewDisposition(id: String, account: Account.ID, by actor: String) async throws -> StoredDisposition {
        let now = clock(), kind = database.kind
        return try await database.transaction { db in
            guard let row = try await db.raw("""
                SELECT d.*, NULL AS promise_id FROM dispositions d WHERE d.id = \(bind: id) AND d.account_id = \(bind: account.rawValue)
                """).first() else { throw CollectionsError.invalid(field: "disposition", message: "no disposition \(id) on this account") }
            var d = try Self.storedDisposition(from: row)
            guard d.needsReview else {
                throw CollectionsError.invalid(field: "disposition", message: "disposition \(id) does not need review")
            }
            if d.reviewedAt != nil { return d }
            try await db.raw("UPDATE dispositions SET reviewed_at = \(bind: Timestamp.format(now)), reviewed_by = \(bind: actor) WHERE id = \(bind: id)").run()
            try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: "disposition.review",
                                       subject: "account:\(account.rawValue)", details: ["disposition_id": id])
            d.reviewedAt = now; d.reviewedBy = actor
            return d
        }
    }

    static func storedDisposition(from r: any SQLRow) throws -> StoredDisposition {
        let raw = try r.decode(column: "disposition", as: String.self)
        guard let disposition = Disposition(rawValue: raw) else {
            throw CollectionsError.invalid(field: "disposition", message: "stored disposition \(raw) is unknown")
        }
        return StoredDisposition(
            id: try r.decode(column: "id", as: String.self),
            accountID: Account.ID(try r.decode(column: "account_id", as: String.self)),
            attemptID: try r.decode(column: "attempt_id", as: String.self),
            disposition: disposition,
            at: Timestamp.parse(try r.decode(column: "at", as: String.self)) ?? .distantPast,
            recordedBy: try r.decode(column: "recorded_by", as: String.self),
            callbackAt: try r.decode(column: "callback_at", as: String?.self).flatMap(Timestamp.parse),
            note: try r.decode(column: "note", as: String?.self),
            needsReview: try r.decode(column: "needs_review", as: Bool.self),
            reviewedAt: try r.decode(column: "reviewed_at", as: String?.self).flatMap(Timestamp.parse),
            reviewedBy: try r.decode(column: "reviewed_by", as: String?.self),
            promiseID: try r.decode(column: "promise_id", as: String?.self))
    }

    static func dialedNumber(_ text: String?) throws -> PhoneNumber? {
        guard let raw = text?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let parsed = try? PhoneNumber(parsing: raw) else {
            throw CollectionsError.invalid(field: "phone", message: "\(raw) is not a US phone number")
        }
        return parsed
    }

    // MARK: Notes

    public func addNote(account: Account.ID, body: String, by actor: String) async throws -> AccountNote {
        let text = try Self.cleanNote(body, required: true) ?? ""
        let now = clock(), kind = database.kind
        let note = AccountNote(id: Self.newID(), body: text, createdBy: actor, createdAt: now)
        try await database.transaction { db in
            guard try await db.raw("SELECT id FROM accounts WHERE id = \(bind: account.rawValue)").first() != nil else {
                throw StoreError.unknownAccount(account.rawValue)
            }
            try await db.insert(into: "account_notes").columns("id", "account_id", "body", "created_by", "created_at")
                .values(note.id, account.rawValue, text, actor, Timestamp.format(now)).run()
            try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: "note.add",
                                       subject: "account:\(account.rawValue)", details: ["note_id": note.id])
        }
        return note
    }

    public func notes(account: Account.ID, limit: Int = 200) async throws -> [AccountNote] {
        try await sql.raw("""
            SELECT * FROM account_notes WHERE account_id = \(bind: account.rawValue) ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)
            """).all().map { r in
                AccountNote(id: try r.decode(column: "id", as: String.self), body: try r.decode(column: "body", as: String.self),
                            createdBy: try r.decode(column: "created_by", as: String.self),
                            createdAt: Timestamp.parse(try r.decode(column: "created_at", as: String.self)) ?? .distantPast)
            }
    }

    static func cleanNote(_ raw: String?, required: Bool) throws -> String? {
        let text = raw?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if text.isEmpty {
            if required { throw CollectionsError.invalid(field: "note", message: "the note is empty") }
            return nil
        }
        guard text.count <= maxNoteLength else {
            throw CollectionsError.invalid(field: "note", message: "a note is at most \(maxNoteLength) characters (got \(text.count))")
        }
        return text
    }
}
