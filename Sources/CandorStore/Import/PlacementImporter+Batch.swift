import CandorCore
import Foundation
import Logging
import PostgresKit
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
                if store.database.kind == .postgres {
                    let logger = store.database.logger
                    return try await store.database.postgresTransaction { db, connection in
                        let existing = try await Self.existingNumbers(records.map(\.accountNumber), clientID: clientID, db: db)
                        let fresh = Self.fresh(records, existing: existing)
                        if !fresh.isEmpty {
                            try await Self.insert(fresh, clientID: clientID, placementID: placementID, today: today,
                                                  createdAt: createdAt, cipher: cipher, db: db, copy: (connection, logger))
                        }
                        return (fresh.count, records.count - fresh.count)
                    }
                }
                return try await store.database.transaction { db in
                    let existing = try await Self.existingNumbers(records.map(\.accountNumber), clientID: clientID, db: db)
                    let fresh = Self.fresh(records, existing: existing)
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

    /// The records whose account number is neither on file nor repeated earlier in the batch.
    static func fresh(_ records: [PlacementRecord], existing: Set<String>) -> [PlacementRecord] {
        var seen = existing
        var fresh: [PlacementRecord] = []
        fresh.reserveCapacity(records.count)
        for record in records where seen.insert(record.accountNumber).inserted { fresh.append(record) }
        return fresh
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
                       createdAt: String, cipher: FieldCipher, db: any SQLDatabase,
                       copy: (PostgresConnection, Logger)? = nil) async throws {
        let form: BulkInsert.Form = copy == nil ? .sql : .copy
        var consumers = BulkInsert(form: form, table: "consumers", columns: [
            "id", "client_id", "first_name", "last_name", "full_name_search", "date_of_birth", "ssn_encrypted",
            "ssn_last4", "address_line1", "address_line2", "city", "state", "postal_code", "email", "language",
            "created_at"])
        var phones = BulkInsert(form: form, table: "consumer_phones", columns: ["consumer_id", "position", "e164", "line_type",
                                                                    "autodialer_consent"])
        var accounts = BulkInsert(form: form, table: "accounts", columns: [
            "id", "client_id", "placement_id", "consumer_id", "client_account_number", "original_creditor",
            "current_creditor", "product", "itemization_date_type", "itemization_date", "itemization_amount_cents",
            "interest_since_cents", "fees_since_cents", "payments_since_cents", "credits_since_cents",
            "balance_cents", "charge_off_date", "last_payment_date", "delinquency_date", "open_date", "status",
            "created_at"])
        var ledger = BulkInsert(form: form, table: "ledger_entries", columns: [
            "id", "account_id", "seq", "kind", "amount_cents", "principal_cents", "interest_cents", "fees_cents",
            "effective_date", "memo", "reverses_id", "created_at"])
        let todayText = today.description
        for r in records {
            let consumerID = SQLStore.newID()
            let accountID = SQLStore.newID()
            let a = r.address
            try consumers.row([
                .text(consumerID), .text(clientID), .text(r.firstName), .text(r.lastName),
                .text("\(r.firstName) \(r.lastName)".lowercased()), .text(r.dateOfBirth?.description),
                .text(r.ssn.map { cipher.encrypt($0.digits) }), .text(r.ssn?.lastFour), .text(a.line1), .text(a.line2),
                .text(a.city), .text(a.state), .text(a.postalCode), .text(r.email), .text(r.language), .text(createdAt)])
            for (position, phone) in r.phones.enumerated() {
                try phones.row([.text(consumerID), .int(Int64(position + 1)), .text(phone.number.e164),
                                .text(phone.lineType.rawValue), .bool(phone.autodialerConsent)])
            }
            let i = r.itemization
            let opening = Ledger.opening(itemization: i, effectiveDate: today) { LedgerEntry.ID(SQLStore.newID()) }
            try accounts.row([
                .text(accountID), .text(clientID), .text(placementID), .text(consumerID), .text(r.accountNumber),
                .text(r.originalCreditor), .text(r.currentCreditor), .text(r.product?.rawValue), .text(i.dateType.rawValue),
                .text(i.date.description), .int(i.amount.cents), .int(i.interestSince.cents), .int(i.feesSince.cents),
                .int(i.paymentsSince.cents), .int(i.creditsSince.cents), .int(opening.balance.cents),
                .text(r.chargeOffDate?.description), .text(r.lastPaymentDate?.description),
                .text(r.delinquencyDate?.description), .text(r.openDate?.description), .text(Account.Status.open.rawValue),
                .text(createdAt)])
            for (seq, entry) in opening.entries.enumerated() {
                try ledger.row([
                    .text(entry.id.rawValue), .text(accountID), .int(Int64(seq + 1)), .text(entry.kind.rawValue),
                    .int(entry.amount.cents), .int(entry.parts.principal.cents), .int(entry.parts.interest.cents),
                    .int(entry.parts.fees.cents), .text(todayText), .text(entry.memo), .text(entry.reverses?.rawValue),
                    .text(createdAt)])
            }
        }
        for table in [consumers, phones, accounts, ledger] {
            if let (connection, logger) = copy { try await table.copy(on: connection, logger: logger) }
            else { try await table.run(on: db) }
        }
    }
}
