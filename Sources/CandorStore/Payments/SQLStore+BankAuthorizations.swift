import CandorCore
import Foundation
import SQLKit

/// A bank account's authorization that the consumer revoked or denied, learned from an ACH
/// return; open (blocking every debit from the account) until a new authorization is recorded.
public struct BankAuthorizationRevocation: Sendable, Hashable {
    public var id: String
    /// The debt account whose debit came back.
    public var accountID: Account.ID
    /// The returned debit.
    public var paymentID: String
    public var routingNumber: String
    /// `****1234`
    public var bankAccountMasked: String
    public var reasonCode: String
    public var trace: String
    public var revokedAt: Date
    public var revokedBy: String
    public var reauthorizedAt: Date?
    public var reauthorizedBy: String?
    public var reauthorizationAccountID: Account.ID?
    public var reauthorizationSecCode: NachaSECCode?
    public var reauthorizationReference: String?

    /// Still blocking debits from the bank account.
    public var isOpen: Bool { reauthorizedAt == nil }
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
        let reference = input.reference.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(reference.count) else {
            throw PaymentError.invalid(field: "reference", message: "reference is required (1–100 characters): where the consumer's new authorization is kept, e.g. the recording reference of the call")
        }
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
                                                 "reason_codes": open.map(\.reasonCode).joined(separator: ",")])
            return try await Self.revocations(db, bank, cipher: cipher, openOnly: false).filter { r in open.contains { $0.id == r.id } }
        }
    }

    /// Refuses a debit from a bank account whose authorization is revoked and not renewed.
    static func checkAuthorizationNotRevoked(_ db: any SQLDatabase, _ bank: BankAccountIdentity, cipher: FieldCipher) async throws {
        guard let open = try await revocations(db, bank, cipher: cipher, openOnly: true).first else { return }
        throw PaymentError.authorizationRevoked(bankAccount: bank.masked, reasonCode: open.reasonCode,
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
    static func revocations(_ db: any SQLDatabase, _ bank: BankAccountIdentity, cipher: FieldCipher,
                            openOnly: Bool) async throws -> [BankAuthorizationRevocation] {
        let rows = try await db.raw("""
            SELECT * FROM bank_authorization_revocations
            WHERE bank_routing_number = \(bind: bank.routing) AND bank_account_last4 = \(bind: bank.last4)
            \(unsafeRaw: openOnly ? "AND reauthorized_at IS NULL" : "")
            ORDER BY revoked_at, id
            """).all()
        var found: [BankAuthorizationRevocation] = []
        for row in rows {
            let number = try cipher.decrypt(try row.decode(column: "bank_account_number_encrypted", as: String.self))
            guard BankAccountIdentity.normalized(number) == bank.accountNumber else { continue }
            found.append(try revocation(from: row))
        }
        return found
    }

    /// Records that a return revoked the authorization of the returned debit's bank account.
    /// False when this payment's return was recorded before (the same file applied again).
    static func insertRevocation(_ db: any SQLDatabase, kind: CandorDatabase.Kind, now: Date, bank: BankAccountIdentity,
                                 cipher: FieldCipher, payment: StoredPayment, return r: NachaReturn, actor: String) async throws -> Bool {
        let seen = try await db.raw("SELECT id FROM bank_authorization_revocations WHERE payment_id = \(bind: payment.id)").first()
        guard seen == nil else { return false }
        let id = newID()
        try await db.raw("""
            INSERT INTO bank_authorization_revocations (id, bank_routing_number, bank_account_number_encrypted, bank_account_last4,
                account_id, payment_id, return_reason_code, return_trace, revoked_at, revoked_by)
            VALUES (\(bind: id), \(bind: bank.routing), \(bind: cipher.encrypt(bank.accountNumber)), \(bind: bank.last4),
                    \(bind: payment.accountID.rawValue), \(bind: payment.id), \(bind: r.reasonCode), \(bind: r.originalTrace),
                    \(bind: Timestamp.format(now)), \(bind: actor))
            """).run()
        try await appendAudit(db, kind: kind, at: now, actor: actor, action: "bank_authorization.revoke",
                              subject: "account:\(payment.accountID.rawValue)",
                              details: ["revocation_id": id, "payment_id": payment.id, "routing_number": bank.routing,
                                        "bank_account": bank.masked, "reason": "\(r.reasonCode) \(r.reason)", "trace": r.originalTrace])
        return true
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
            accountID: Account.ID(try row.decode(column: "account_id", as: String.self)),
            paymentID: try row.decode(column: "payment_id", as: String.self),
            routingNumber: try row.decode(column: "bank_routing_number", as: String.self),
            bankAccountMasked: BankAccountIdentity.masked(last4: try row.decode(column: "bank_account_last4", as: String.self)),
            reasonCode: try row.decode(column: "return_reason_code", as: String.self),
            trace: try row.decode(column: "return_trace", as: String.self),
            revokedAt: Timestamp.parse(try row.decode(column: "revoked_at", as: String.self)) ?? .distantPast,
            revokedBy: try row.decode(column: "revoked_by", as: String.self),
            reauthorizedAt: try row.decode(column: "reauthorized_at", as: String?.self).flatMap { Timestamp.parse($0) },
            reauthorizedBy: try row.decode(column: "reauthorized_by", as: String?.self),
            reauthorizationAccountID: try row.decode(column: "reauthorization_account_id", as: String?.self).map { Account.ID($0) },
            reauthorizationSecCode: try row.decode(column: "reauthorization_sec_code", as: String?.self).flatMap(NachaSECCode.init(rawValue:)),
            reauthorizationReference: try row.decode(column: "reauthorization_reference", as: String?.self))
    }
}
