import CandorCore
import Crypto
import Foundation
import SQLKit

extension SQLStore {
    /// Posts a payment exactly once per (account, idempotency key), in one transaction:
    /// the ledger entry (allocated by the waterfall), the balance, the payment row and its
    /// audit line.
    ///
    /// Concurrency: the account row is locked first (`FOR UPDATE` on PostgreSQL; SQLite's
    /// `BEGIN IMMEDIATE` serializes all writers), so racing submissions with one key run one
    /// after the other and the later ones find the first. Should two still collide on the
    /// unique key, the loser rolls back and returns the winner's row.
    public func postPayment(_ request: PaymentRequest, cipher: FieldCipher,
                            processor: any PaymentProcessor) async throws -> StoredPayment {
        try Self.validate(request)
        let fingerprint = Self.fingerprint(request)
        let kind = database.kind, now = clock()
        let today = LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970))
        let bank: BankAccountIdentity? = if case .bank(let debit) = request.method {
            BankAccountIdentity(routing: debit.routing, accountNumber: debit.accountNumber)
        } else { nil }
        do {
            return try await database.transaction { db in
                // The bank account before the debt account, the order a revoking return takes
                // them in, so the two cannot deadlock.
                if let bank { try await Self.lockBankAccount(db, kind: kind, bank) }
                let itemization = try await Self.lockAccount(db, kind: kind, request.accountID)
                if let existing = try await Self.payment(db, account: request.accountID, key: request.idempotencyKey) {
                    return try Self.replay(existing, fingerprint: fingerprint, key: request.idempotencyKey)
                }
                // After the replay lookup: a retry after midnight gets its payment back, while a
                // new debit dated yesterday is refused.
                if case .bank(let debit) = request.method {
                    guard debit.debitDate >= today else {
                        throw PaymentError.invalid(field: "bank.debit_date", message: "the debit date \(debit.debitDate) is in the past")
                    }
                    try await Self.checkFitsNachaFile(db, debit, amount: request.amount, account: request.accountID)
                }
                // Nacha Rule 2.3.2.5, Reg E 1005.10(c): a revoked authorization covers no debit.
                if let bank {
                    try await Self.checkAuthorizationNotRevoked(db, bank, cipher: cipher)
                    // Nacha 2.12.1: after a notification of change, the next entry carries it.
                    if case .bank(let debit) = request.method { try await Self.checkNotCorrected(db, bank, type: debit.accountType, cipher: cipher) }
                }
                var ledger = Ledger(itemizationAmount: itemization, entries: try await Self.ledgerEntries(db, request.accountID))
                // The client's allocation order unless the request names one.
                let rules = try await Self.clientRules(db, account: request.accountID)
                let waterfall = request.waterfall ?? rules.waterfall
                let effective: LocalDate
                if case .bank(let debit) = request.method { effective = debit.debitDate } else {
                    effective = LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970))
                }
                let entry: LedgerEntry
                do throws(LedgerError) {
                    entry = try ledger.postPayment(id: LedgerEntry.ID(Self.newID()), amount: request.amount, on: effective,
                                                   waterfall: waterfall, memo: "payment")
                } catch { throw PaymentError.ledger(error) }
                // The card is charged last, once everything that could refuse the payment has
                // agreed; the processor deduplicates on the key if this transaction fails.
                var reference: String?
                if case .card(let token) = request.method {
                    reference = try await processor.charge(CardCharge(idempotencyKey: request.idempotencyKey,
                        accountID: request.accountID, amount: request.amount, cardToken: token)).reference
                }
                try await Self.insertLedgerEntry(db, account: request.accountID, entry, now: now)
                // Promises and plans are re-decided with the payment, in the same transaction.
                try await Self.reevaluate(db, account: request.accountID, ledger: ledger,
                                          today: LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970)), rules: rules)
                let id = Self.newID()
                try await Self.insertPayment(db, id: id, request: request, fingerprint: fingerprint, entry: entry,
                                             reference: reference, cipher: cipher, now: now)
                try await Self.appendAudit(db, kind: kind, at: now, actor: request.createdBy, action: "payment.post",
                                           subject: "account:\(request.accountID.rawValue)",
                                           details: ["payment_id": id, "amount_cents": String(request.amount.cents),
                                                     "method": request.method.name, "ledger_entry_id": entry.id.rawValue])
                guard let stored = try await Self.payment(db, id: id) else { throw PaymentError.unknownPayment(id) }
                return stored
            }
        } catch where Self.isUniqueViolation(error) {
            // Lost a race on (account_id, idempotency_key): the winner's row is committed now.
            guard let winner = try await Self.payment(sql, account: request.accountID, key: request.idempotencyKey) else { throw error }
            return try Self.replay(winner, fingerprint: fingerprint, key: request.idempotencyKey)
        }
    }

    public func payment(id: String) async throws -> StoredPayment? { try await Self.payment(sql, id: id) }

    public func payments(account: Account.ID) async throws -> [StoredPayment] {
        try await sql.raw("SELECT * FROM payments WHERE account_id = \(bind: account.rawValue) ORDER BY created_at, id")
            .all().map(Self.storedPayment(from:))
    }

    static func replay(_ row: (StoredPayment, String), fingerprint: String, key: String) throws -> StoredPayment {
        guard row.1 == fingerprint else { throw PaymentError.idempotencyConflict(key: key) }
        var payment = row.0
        payment.replayed = true
        return payment
    }

    static func validate(_ request: PaymentRequest) throws {
        let key = request.idempotencyKey
        guard (1...200).contains(key.count), key.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw PaymentError.invalid(field: "Idempotency-Key", message: "the Idempotency-Key must be 1–200 printable ASCII characters")
        }
        guard request.amount > .zero else { throw PaymentError.ledger(.nonPositiveAmount(request.amount)) }
        switch request.method {
        case .card(let token):
            guard !token.isEmpty else { throw PaymentError.invalid(field: "card_token", message: "card_token is required for a card payment") }
        case .bank(let debit):
            try validateBankAccountNumber(debit.accountNumber, field: "bank.account_number")
            guard !debit.holderName.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw PaymentError.invalid(field: "bank.holder_name", message: "the account holder's name is required")
            }
            // NACHA: a TEL debit must be traceable to the recorded oral authorization.
            if debit.secCode == .tel, (debit.recordingReference ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw PaymentError.invalid(field: "bank.recording_reference", message: "a TEL debit needs the recording reference of the authorizing call")
            }
        }
    }

    /// The entry this debit will be in its day's NACHA file must be valid now: an accepted
    /// debit that the file then refuses would hold back the whole day's file.
    static func checkFitsNachaFile(_ db: any SQLDatabase, _ debit: BankDebit, amount: Money, account: Account.ID) async throws {
        let number = try await db.raw("SELECT client_account_number FROM accounts WHERE id = \(bind: account.rawValue)")
            .first()?.decode(column: "client_account_number", as: String.self) ?? ""
        let entry = NachaEntry(name: debit.holderName, routing: debit.routing, accountNumber: debit.accountNumber, amount: amount,
                               accountType: debit.accountType, individualID: number, secCode: debit.secCode,
                               recordingReference: debit.recordingReference)
        do throws(NachaError) { try entry.validate() } catch {
            switch error {
            case .amountTooLarge, .nonPositiveAmount: throw PaymentError.invalid(field: "amount_cents", message: error.description)
            case .accountNumber: throw PaymentError.invalid(field: "bank.account_number", message: error.description)
            case .fieldTooLong(_, let field, _) where field == "recording reference":
                throw PaymentError.invalid(field: "bank.recording_reference", message: "the recording reference is longer than NACHA's 15 characters")
            case .fieldTooLong(_, let field, _) where field == "individual ID":
                throw PaymentError.invalid(field: "bank.sec_code", message: "the client's account number \(number) is longer than the 15 characters a \(debit.secCode.rawValue) entry carries; take the debit by phone (TEL) with its recording reference")
            default: throw PaymentError.invalid(field: "bank", message: error.description)
            }
        }
    }

    /// What makes two submissions "the same payment": hashed, so the plain bank number is
    /// never stored outside its encrypted column.
    static func fingerprint(_ r: PaymentRequest) -> String {
        var text = "v1|\(r.accountID.rawValue)|\(r.amount.cents)|\(r.waterfall?.order.map(\.rawValue).joined(separator: ",") ?? "client")|"
        switch r.method {
        case .card(let token): text += "card|\(token)"
        case .bank(let d):
            text += "bank|\(d.holderName)|\(d.routing.digits)|\(d.accountNumber)|\(d.accountType.rawValue)|\(d.secCode.rawValue)|"
                + "\(d.recordingReference ?? "")|\(d.debitDate)"
        }
        return SessionToken.digest(text)
    }
}

extension PaymentMethodInput {
    var name: String { if case .card = self { "card" } else { "bank" } }
}
