import CandorCore
import Foundation
import SQLKit

/// A bank account's authorization that the consumer revoked or denied, learned from an ACH
/// return or told to us directly; open (blocking every debit from the account) until a new
/// authorization is recorded.
public struct BankAuthorizationRevocation: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable {
        /// An ACH return said so (R05, R07, R10, R29, R51).
        case achReturn = "ach_return"
        /// The consumer told us (`NewConsumerRevocation`).
        case consumer
    }
    public var id: String
    public var source: Source
    /// The debt account whose debit came back, or that the consumer's notice was recorded on.
    public var accountID: Account.ID
    /// The returned debit (ACH returns).
    public var paymentID: String?
    public var routingNumber: String
    /// `****1234`
    public var bankAccountMasked: String
    /// The return's reason code and trace (ACH returns).
    public var reasonCode: String?
    public var trace: String?
    /// How the consumer's notice came and where it is kept (consumer notices).
    public var noticeChannel: RevocationChannel?
    public var noticeReference: String?
    public var revokedAt: Date
    public var revokedBy: String
    public var reauthorizedAt: Date?
    public var reauthorizedBy: String?
    public var reauthorizationAccountID: Account.ID?
    public var reauthorizationSecCode: NachaSECCode?
    public var reauthorizationReference: String?

    /// Still blocking debits from the bank account.
    public var isOpen: Bool { reauthorizedAt == nil }

    /// Why, in words: "ACH return R10 customer advises not authorized", "the consumer's notice by
    /// phone" (without its reference, which may be another client's: see `noticeReference`).
    public var reason: String {
        switch source {
        case .achReturn: let code = reasonCode ?? "?"; return "ACH return \(code) \(NachaReturn.describe(code))"
        case .consumer: return noticeChannel?.notice ?? "the consumer's notice"
        }
    }
}

/// How a consumer told us to stop debiting their bank account.
public enum RevocationChannel: String, Sendable, Hashable, CaseIterable {
    case phone, letter, email, inPerson = "in_person"

    var words: String { self == .inPerson ? "in person" : rawValue }
    /// "the consumer's notice by phone"
    var notice: String { "the consumer's notice by \(words)" }
}

/// A consumer's own revocation of the authorization to debit one of their bank accounts
/// ("stop taking money from my checking account"), told on a call, in a letter or an email. It
/// binds at once, like a revoking ACH return (Nacha Rule 2.3.2.5, Reg E 12 CFR 1005.10(c)).
public struct NewConsumerRevocation: Sendable, Hashable {
    /// The debt account the notice was given on (the audit line's subject).
    public var accountID: Account.ID
    public var routing: RoutingNumber
    /// The full account number; or nil and `last4`, to name one this account's bank debits used.
    public var accountNumber: String?
    public var last4: String?
    public var channel: RevocationChannel
    /// Where the notice is kept: the recording reference of the call, the letter's scan, the email's ID.
    public var reference: String
    /// Who recorded it (a user ID).
    public var recordedBy: String

    public init(accountID: Account.ID, routing: RoutingNumber, accountNumber: String? = nil, last4: String? = nil,
                channel: RevocationChannel, reference: String, recordedBy: String) {
        self.accountID = accountID; self.routing = routing; self.accountNumber = accountNumber; self.last4 = last4
        self.channel = channel; self.reference = reference; self.recordedBy = recordedBy
    }
}

/// What recording a consumer's revocation did.
public struct ConsumerRevocationResult: Sendable, Hashable {
    /// The open revocation of the bank account: the one just recorded, or the one already open
    /// (`alreadyRevoked`: nothing was written, the notice is a repeat or a retry).
    public var revocation: BankAuthorizationRevocation
    public var alreadyRevoked: Bool
    /// The debits still scheduled from that bank account, on any account, cancelled by it.
    public var cancelled: [ReturnsReport.CancelledDebit]
}

/// A new authorization the consumer gave for a bank account, recorded to lift a revocation.
public struct NewBankAuthorization: Sendable, Hashable {
    /// The debt account the new authorization was given for (the audit line's subject).
    public var accountID: Account.ID
    public var routing: RoutingNumber
    public var accountNumber: String
    /// How it was given: TEL (a recorded call), WEB (online) or PPD (signed in writing).
    public var secCode: NachaSECCode
    /// Where the evidence is kept, for the two years after it ends that the Nacha Rules require: the
    /// recording reference of the call (TEL), the reference of the online or signed form.
    public var reference: String
    /// Who recorded it (a user ID).
    public var recordedBy: String

    public init(accountID: Account.ID, routing: RoutingNumber, accountNumber: String, secCode: NachaSECCode, reference: String,
                recordedBy: String) {
        self.accountID = accountID; self.routing = routing; self.accountNumber = accountNumber; self.secCode = secCode
        self.reference = reference; self.recordedBy = recordedBy
    }
}

extension SQLStore {
    /// Every revocation recorded for a bank account, oldest first, lifted ones included.
    public func bankAuthorizationRevocations(routing: RoutingNumber, accountNumber: String,
                                             cipher: FieldCipher) async throws -> [BankAuthorizationRevocation] {
        try await Self.revocations(sql, BankAccountIdentity(routing: routing, accountNumber: accountNumber), cipher: cipher, openOnly: false)
    }

    /// Records the consumer's new authorization for a bank account and lifts every open
    /// revocation of it, audited on the account it was given for; one transaction. Returns the
    /// revocations lifted (none when the account was not blocked: nothing is written then).
    public func recordBankAuthorization(_ input: NewBankAuthorization, cipher: FieldCipher) async throws -> [BankAuthorizationRevocation] {
        try Self.validateBankAccountNumber(input.accountNumber, field: "account_number")
        let reference = try Self.evidenceReference(input.reference, of: "the consumer's new authorization")
        let bank = BankAccountIdentity(routing: input.routing, accountNumber: input.accountNumber)
        let kind = database.kind, now = clock()
        return try await database.transaction { db in
            // The bank account first, then the debt account: the order postPayment takes them in.
            try await Self.lockBankAccount(db, kind: kind, bank)
            _ = try await Self.lockAccount(db, kind: kind, input.accountID)
            let open = try await Self.revocations(db, bank, cipher: cipher, openOnly: true)
            guard !open.isEmpty else { return [] }
            for revocation in open {
                try await db.raw("""
                    UPDATE bank_authorization_revocations
                    SET reauthorized_at = \(bind: Timestamp.format(now)), reauthorized_by = \(bind: input.recordedBy),
                        reauthorization_account_id = \(bind: input.accountID.rawValue),
                        reauthorization_sec_code = \(bind: input.secCode.rawValue), reauthorization_reference = \(bind: reference)
                    WHERE id = \(bind: revocation.id) AND reauthorized_at IS NULL
                    """).run()
            }
            try await Self.appendAudit(db, kind: kind, at: now, actor: input.recordedBy, action: "bank_authorization.record",
                                       subject: "account:\(input.accountID.rawValue)",
                                       details: ["routing_number": bank.routing, "bank_account": bank.masked,
                                                 "sec_code": input.secCode.rawValue, "reference": reference,
                                                 "lifted": open.map(\.id).joined(separator: ","),
                                                 "reasons": open.map(\.reason).joined(separator: "; ")])
            return try await Self.revocations(db, bank, cipher: cipher, openOnly: false).filter { r in open.contains { $0.id == r.id } }
        }
    }

    /// Records a consumer's revocation of the authorization to debit a bank account and cancels
    /// every debit still scheduled (not exported) from it, on any account, in one transaction;
    /// no debit from it is taken again until a new authorization is recorded. A bank account
    /// already revoked and not re-authorized is left as it is (`alreadyRevoked`): a repeated
    /// notice or a retried request writes nothing twice.
    public func recordConsumerRevocation(_ input: NewConsumerRevocation, cipher: FieldCipher) async throws -> ConsumerRevocationResult {
        let reference = try Self.evidenceReference(input.reference, of: "the consumer's notice")
        let bank = try await bankAccountNamed(by: input, cipher: cipher)
        let kind = database.kind, now = clock()
        return try await database.transaction { db in
            try await Self.lockBankAccount(db, kind: kind, bank)
            if let open = try await Self.revocations(db, bank, cipher: cipher, openOnly: true).first {
                return ConsumerRevocationResult(revocation: open, alreadyRevoked: true, cancelled: [])
            }
            let debits = try await Self.lockScheduledDebits(db, kind: kind, bank, cipher: cipher, also: [input.accountID])
            let id = try await Self.insertRevocation(db, kind: kind, now: now, bank: bank, cipher: cipher, account: input.accountID,
                                                     origin: .consumer(input.channel, reference: reference), actor: input.recordedBy)
            let note = "authorization revoked by \(input.channel.notice) (\(reference)); "
                + "no debit from bank account \(bank.masked) until a new authorization is recorded"
            let cancelled = try await Self.cancel(debits, db, kind: kind, now: now, actor: input.recordedBy, note: note)
            let stored = try await Self.revocations(db, bank, cipher: cipher, openOnly: true).first { $0.id == id }
            guard let stored else { throw PaymentError.invalid(field: "account_number", message: "the revocation was not stored") }
            return ConsumerRevocationResult(revocation: stored, alreadyRevoked: false, cancelled: cancelled)
        }
    }

    /// The bank account a consumer's notice names: the full number as given, or the one of this
    /// debt account's bank debits from the routing number with those last four.
    private func bankAccountNamed(by input: NewConsumerRevocation, cipher: FieldCipher) async throws -> BankAccountIdentity {
        if let number = input.accountNumber {
            try Self.validateBankAccountNumber(number, field: "account_number")
            return BankAccountIdentity(routing: input.routing, accountNumber: number)
        }
        guard let given = input.last4 else {
            throw PaymentError.invalid(field: "account_number", message: "give the bank account: account_number, or account_last4 of one this account's bank payments used")
        }
        let last4 = given.uppercased()
        guard last4.utf8.count == 4, last4.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }) else {
            throw PaymentError.invalid(field: "account_last4", message: "account_last4 must be the last 4 letters or digits of the bank account number")
        }
        let rows = try await sql.raw("""
            SELECT bank_account_number_encrypted FROM payments
            WHERE account_id = \(bind: input.accountID.rawValue) AND method = 'bank' AND bank_routing_number = \(bind: input.routing.digits)
              AND UPPER(bank_account_last4) = \(bind: last4) AND bank_account_number_encrypted IS NOT NULL
            """).all()
        var numbers = Set<String>()
        for row in rows {
            numbers.insert(BankAccountIdentity.normalized(try cipher.decrypt(try row.decode(column: "bank_account_number_encrypted", as: String.self))))
        }
        guard numbers.count == 1, let number = numbers.first else {
            throw PaymentError.invalid(field: "account_number", message: numbers.isEmpty
                ? "no bank payment on this account came from routing number \(input.routing.digits) and an account ending \(last4): give the full account_number"
                : "several bank accounts ending \(last4) paid on this account: give the full account_number")
        }
        return BankAccountIdentity(routing: input.routing, accountNumber: number)
    }

    /// Refuses a debit from a bank account whose authorization is revoked and not renewed.
    static func checkAuthorizationNotRevoked(_ db: any SQLDatabase, _ bank: BankAccountIdentity, cipher: FieldCipher) async throws {
        guard let open = try await revocations(db, bank, cipher: cipher, openOnly: true).first else { return }
        throw PaymentError.authorizationRevoked(bankAccount: bank.masked, reason: open.reason,
                                                revokedOn: LocalDate(utcSecondsSinceEpoch: Int64(open.revokedAt.timeIntervalSince1970)))
    }

    /// Serializes, per bank account, taking a debit with revoking its authorization, so a debit
    /// taken while a return is being applied is either seen and cancelled, or refused.
    /// PostgreSQL: a transaction advisory lock (two-key form, its own key space; 7419002 is
    /// this lock's class). SQLite: `BEGIN IMMEDIATE` already serializes every writer.
    static func lockBankAccount(_ db: any SQLDatabase, kind: CandorDatabase.Kind, _ bank: BankAccountIdentity) async throws {
        guard kind == .postgres else { return }
        try await db.raw("SELECT pg_advisory_xact_lock(7419002, \(unsafeRaw: String(bank.lockKey)))").run()
    }

    /// The revocations of one bank account: narrowed in SQL by routing number and last four,
    /// then compared on the decrypted number (the stored form has a random nonce).
    /// A bank account's revocations include those of the accounts the bank corrected into it
    /// (`identitiesBinding`): a notification of change does not lift a revocation.
    static func revocations(_ db: any SQLDatabase, _ bank: BankAccountIdentity, cipher: FieldCipher,
                            openOnly: Bool) async throws -> [BankAuthorizationRevocation] {
        var all: [BankAuthorizationRevocation] = []
        for identity in try await identitiesBinding(db, bank, cipher: cipher) {
            all += try await revocationsOfOne(db, identity, cipher: cipher, openOnly: openOnly)
        }
        return all.sorted { ($0.revokedAt, $0.id) < ($1.revokedAt, $1.id) }
    }

    static func revocationsOfOne(_ db: any SQLDatabase, _ bank: BankAccountIdentity, cipher: FieldCipher,
                                 openOnly: Bool) async throws -> [BankAuthorizationRevocation] {
        let rows = try await db.raw("""
            SELECT * FROM bank_authorization_revocations
            WHERE bank_routing_number = \(bind: bank.routing) AND bank_account_last4 = \(bind: bank.last4)
            \(unsafeRaw: openOnly ? "AND reauthorized_at IS NULL" : "")
            ORDER BY revoked_at, id
            """).all()
        return try rows.filter { try holds(bank, $0, "bank_account_number_encrypted", cipher) }.map(revocation(from:))
    }

    /// Where the evidence of a consumer's act is kept (1–100 characters, trimmed), or a refusal naming `reference`.
    static func evidenceReference(_ given: String, of what: String) throws -> String {
        let reference = given.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(reference.count) else {
            throw PaymentError.invalid(field: "reference", message: "reference is required (1–100 characters): where \(what) is kept, e.g. the recording reference of the call")
        }
        return reference
    }

    /// Whether a row's encrypted account number (`column`) is `bank`'s: rows are narrowed in SQL by
    /// routing number and last four, then compared decrypted (the stored form has a random nonce).
    static func holds(_ bank: BankAccountIdentity, _ row: any SQLRow, _ column: String, _ cipher: FieldCipher) throws -> Bool {
        BankAccountIdentity.normalized(try cipher.decrypt(try row.decode(column: column, as: String.self))) == bank.accountNumber
    }

    /// Where a revocation came from, for its row and its audit line.
    enum RevocationOrigin {
        case achReturn(StoredPayment, NachaReturn)
        case consumer(RevocationChannel, reference: String)
    }

    /// Records the revocation of a bank account's authorization, audited on `account`; returns
    /// its ID, or nil when this payment's return was recorded before (the same file applied again).
    static func insertRevocation(_ db: any SQLDatabase, kind: CandorDatabase.Kind, now: Date, bank: BankAccountIdentity,
                                 cipher: FieldCipher, account: Account.ID, origin: RevocationOrigin, actor: String) async throws -> String? {
        var payment: String?, code: String?, trace: String?, channel: String?, reference: String?
        var details = ["routing_number": bank.routing, "bank_account": bank.masked]
        switch origin {
        case .achReturn(let p, let r):
            if try await db.raw("SELECT id FROM bank_authorization_revocations WHERE payment_id = \(bind: p.id)").first() != nil { return nil }
            (payment, code, trace) = (p.id, r.reasonCode, r.originalTrace)
            details.merge(["payment_id": p.id, "reason": "\(r.reasonCode) \(r.reason)", "trace": r.originalTrace]) { $1 }
        case .consumer(let c, let ref):
            (channel, reference) = (c.rawValue, ref)
            details.merge(["reason": c.notice, "reference": ref]) { $1 }
        }
        let id = newID()
        let source: BankAuthorizationRevocation.Source = payment == nil ? .consumer : .achReturn
        try await db.raw("""
            INSERT INTO bank_authorization_revocations (id, source, bank_routing_number, bank_account_number_encrypted, bank_account_last4,
                account_id, payment_id, return_reason_code, return_trace, notice_channel, notice_reference, revoked_at, revoked_by)
            VALUES (\(bind: id), \(bind: source.rawValue), \(bind: bank.routing), \(bind: cipher.encrypt(bank.accountNumber)), \(bind: bank.last4),
                    \(bind: account.rawValue), \(bind: payment), \(bind: code), \(bind: trace), \(bind: channel), \(bind: reference),
                    \(bind: Timestamp.format(now)), \(bind: actor))
            """).run()
        details["revocation_id"] = id
        try await appendAudit(db, kind: kind, at: now, actor: actor, action: "bank_authorization.revoke",
                              subject: "account:\(account.rawValue)", details: details)
        return id
    }

    static func validateBankAccountNumber(_ number: String, field: String) throws {
        let digits = BankAccountIdentity.normalized(number)
        guard (4...17).contains(digits.count), digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) else {
            throw PaymentError.invalid(field: field, message: "the bank account number must be 4–17 letters or digits")
        }
    }

    static func revocation(from row: any SQLRow) throws -> BankAuthorizationRevocation {
        BankAuthorizationRevocation(
            id: try row.decode(column: "id", as: String.self),
            source: BankAuthorizationRevocation.Source(rawValue: try row.decode(column: "source", as: String.self)) ?? .achReturn,
            accountID: Account.ID(try row.decode(column: "account_id", as: String.self)),
            paymentID: try row.decode(column: "payment_id", as: String?.self),
            routingNumber: try row.decode(column: "bank_routing_number", as: String.self),
            bankAccountMasked: BankAccountIdentity.masked(last4: try row.decode(column: "bank_account_last4", as: String.self)),
            reasonCode: try row.decode(column: "return_reason_code", as: String?.self),
            trace: try row.decode(column: "return_trace", as: String?.self),
            noticeChannel: try row.decode(column: "notice_channel", as: String?.self).flatMap(RevocationChannel.init(rawValue:)),
            noticeReference: try row.decode(column: "notice_reference", as: String?.self),
            revokedAt: Timestamp.parse(try row.decode(column: "revoked_at", as: String.self)) ?? .distantPast,
            revokedBy: try row.decode(column: "revoked_by", as: String.self),
            reauthorizedAt: try row.decode(column: "reauthorized_at", as: String?.self).flatMap { Timestamp.parse($0) },
            reauthorizedBy: try row.decode(column: "reauthorized_by", as: String?.self),
            reauthorizationAccountID: try row.decode(column: "reauthorization_account_id", as: String?.self).map { Account.ID($0) },
            reauthorizationSecCode: try row.decode(column: "reauthorization_sec_code", as: String?.self).flatMap(NachaSECCode.init(rawValue:)),
            reauthorizationReference: try row.decode(column: "reauthorization_reference", as: String?.self))
    }
}
