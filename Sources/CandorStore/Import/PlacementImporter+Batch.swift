import CandorCore
import Foundation
import SQLKit

extension PlacementImporter {
    /// Inserts one batch in one transaction: consumers, their phones, accounts and their
    /// opening ledger entries. Rows whose account number is already on file for the client
    /// (an earlier batch, an earlier run, another placement) or repeats an earlier row of the
    /// batch are duplicates and change nothing. Returns (accepted, duplicates).
    func insertBatch(_ records: [PlacementRecord], clientID: String, placementID: String,
                     today: LocalDate) async throws -> (Int, Int) {
        let cipher = self.cipher
        let createdAt = Timestamp.format(store.clock())
        for attempt in 1...3 {
            do {
                return try await store.database.transaction { db in
                    let existing = try await Self.existingNumbers(records.map(\.accountNumber), clientID: clientID, db: db)
                    var seen = existing
                    var fresh: [PlacementRecord] = []
                    fresh.reserveCapacity(records.count)
                    for record in records where seen.insert(record.accountNumber).inserted {
                        fresh.append(record)
                    }
                    if !fresh.isEmpty {
                        try await Self.insert(fresh, clientID: clientID, placementID: placementID, today: today,
                                              createdAt: createdAt, cipher: cipher, db: db)
                    }
                    return (fresh.count, records.count - fresh.count)
                }
            } catch where SQLStore.isUniqueViolation(error) && attempt < 3 {
                // A concurrent import of the same accounts committed first; look again.
                continue
            }
        }
        preconditionFailure("unreachable: the last attempt returns or throws")
    }

    static func existingNumbers(_ numbers: [String], clientID: String, db: any SQLDatabase) async throws -> Set<String> {
        var query = SQLQueryString("SELECT client_account_number FROM accounts WHERE client_id = ")
        query.appendInterpolation(bind: clientID)
        query.appendInterpolation(unsafeRaw: " AND client_account_number IN (")
        query.appendInterpolation(binds: numbers)
        query.appendInterpolation(unsafeRaw: ")")
        return Set(try await db.raw(query).all().map { try $0.decode(column: "client_account_number", as: String.self) })
    }

    static func insert(_ records: [PlacementRecord], clientID: String, placementID: String, today: LocalDate,
                       createdAt: String, cipher: FieldCipher, db: any SQLDatabase) async throws {
        let consumers = db.insert(into: "consumers").columns(
            "id", "client_id", "first_name", "last_name", "full_name_search", "date_of_birth", "ssn_encrypted",
            "ssn_last4", "address_line1", "address_line2", "city", "state", "postal_code", "email", "language",
            "created_at")
        let phones = db.insert(into: "consumer_phones").columns("consumer_id", "position", "e164", "line_type",
                                                                "autodialer_consent")
        let accounts = db.insert(into: "accounts").columns(
            "id", "client_id", "placement_id", "consumer_id", "client_account_number", "original_creditor",
            "current_creditor", "product", "itemization_date_type", "itemization_date", "itemization_amount_cents",
            "interest_since_cents", "fees_since_cents", "payments_since_cents", "credits_since_cents",
            "balance_cents", "charge_off_date", "last_payment_date", "delinquency_date", "open_date", "status",
            "created_at")
        let ledger = db.insert(into: "ledger_entries").columns(
            "id", "account_id", "seq", "kind", "amount_cents", "principal_cents", "interest_cents", "fees_cents",
            "effective_date", "memo", "reverses_id", "created_at")
        var anyPhone = false
        var anyLedger = false
        for r in records {
            let consumerID = SQLStore.newID()
            let accountID = SQLStore.newID()
            let a = r.address
            consumers.values(
                consumerID, clientID, r.firstName, r.lastName, "\(r.firstName) \(r.lastName)".lowercased(),
                r.dateOfBirth?.description, r.ssn.map { cipher.encrypt($0.digits) }, r.ssn?.lastFour,
                a.line1, a.line2, a.city, a.state, a.postalCode, r.email, r.language, createdAt)
            for (position, phone) in r.phones.enumerated() {
                anyPhone = true
                phones.values(consumerID, position + 1, phone.number.e164, phone.lineType.rawValue, phone.autodialerConsent)
            }
            let i = r.itemization
            let opening = Ledger.opening(itemization: i, effectiveDate: today) { LedgerEntry.ID(SQLStore.newID()) }
            accounts.values(
                accountID, clientID, placementID, consumerID, r.accountNumber, r.originalCreditor, r.currentCreditor,
                r.product?.rawValue, i.dateType.rawValue, i.date.description, i.amount.cents, i.interestSince.cents,
                i.feesSince.cents, i.paymentsSince.cents, i.creditsSince.cents, opening.balance.cents,
                r.chargeOffDate?.description, r.lastPaymentDate?.description, r.delinquencyDate?.description,
                r.openDate?.description, Account.Status.open.rawValue, createdAt)
            for (seq, entry) in opening.entries.enumerated() {
                anyLedger = true
                ledger.values(entry.id.rawValue, accountID, seq + 1, entry.kind.rawValue, entry.amount.cents,
                              entry.parts.principal.cents, entry.parts.interest.cents, entry.parts.fees.cents,
                              entry.effectiveDate.description, entry.memo, entry.reverses?.rawValue, createdAt)
            }
        }
        try await consumers.run()
        if anyPhone { try await phones.run() }
        try await accounts.run()
        if anyLedger { try await ledger.run() }
    }
}
