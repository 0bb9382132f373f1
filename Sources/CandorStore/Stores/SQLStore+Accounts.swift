import CandorCore
import Foundation
import SQLKit

extension SQLStore {
    public func accounts(_ query: AccountQuery) async throws -> AccountPage {
        let limit = max(1, min(query.limit, 500))
        let offset = max(0, query.offset)
        var sqlText = SQLQueryString("""
            SELECT a.id, c.code AS client_code, a.client_account_number, n.first_name, n.last_name, n.state,
                   a.balance_cents, a.status
            FROM accounts a JOIN consumers n ON n.id = a.consumer_id JOIN clients c ON c.id = a.client_id
            WHERE 1 = 1
            """)
        if let code = query.clientCode {
            sqlText.appendInterpolation(unsafeRaw: " AND c.code = ")
            sqlText.appendInterpolation(bind: code)
        }
        if let scope = query.withinClients {
            sqlText.appendInterpolation(unsafeRaw: " AND c.code IN (")
            Self.appendList(scope, to: &sqlText)
            sqlText.appendInterpolation(unsafeRaw: ")")
        }
        if let search = query.search?.trimmingCharacters(in: .whitespacesAndNewlines), !search.isEmpty {
            let lowered = search.lowercased()
            sqlText.appendInterpolation(unsafeRaw: " AND (n.full_name_search LIKE ")
            sqlText.appendInterpolation(bind: "%" + Self.escapeLike(lowered) + "%")
            sqlText.appendInterpolation(unsafeRaw: " ESCAPE '\\' OR a.client_account_number LIKE ")
            sqlText.appendInterpolation(bind: Self.escapeLike(search) + "%")
            sqlText.appendInterpolation(unsafeRaw: " ESCAPE '\\'")
            if let phone = try? PhoneNumber(parsing: search) {
                sqlText.appendInterpolation(unsafeRaw: " OR a.consumer_id IN (SELECT consumer_id FROM consumer_phones WHERE e164 = ")
                sqlText.appendInterpolation(bind: phone.e164)
                sqlText.appendInterpolation(unsafeRaw: ")")
            }
            sqlText.appendInterpolation(unsafeRaw: ")")
        }
        sqlText.appendInterpolation(unsafeRaw: " ORDER BY n.last_name, n.first_name, a.id LIMIT \(limit + 1) OFFSET \(offset)")
        let rows = try await sql.raw(sqlText).all()
        let summaries = try rows.prefix(limit).map(Self.accountSummary(from:))
        return AccountPage(accounts: Array(summaries), offset: offset, limit: limit, hasMore: rows.count > limit)
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// The code of the client an account belongs to: what a scope check needs, cheaply.
    public func clientCode(ofAccount id: Account.ID) async throws -> String? {
        try await sql.raw("""
            SELECT c.code FROM accounts a JOIN clients c ON c.id = a.client_id WHERE a.id = \(bind: id.rawValue)
            """).first()?.decode(column: "code", as: String.self)
    }

    public func account(id: Account.ID) async throws -> AccountDetail? {
        guard let row = try await sql.raw("""
            SELECT a.*, c.code AS client_code, c.name AS client_name
            FROM accounts a JOIN clients c ON c.id = a.client_id WHERE a.id = \(bind: id.rawValue)
            """).first() else { return nil }
        let account = try Self.account(from: row)
        let client = Client(id: account.clientID, code: try row.decode(column: "client_code", as: String.self),
                            name: try row.decode(column: "client_name", as: String.self))
        guard let consumer = try await consumer(id: account.consumerID) else { return nil }
        let entries = try await sql.raw("""
            SELECT * FROM ledger_entries WHERE account_id = \(bind: id.rawValue) ORDER BY seq
            """).all().map(Self.ledgerEntry(from:))
        let ledger = Ledger(itemizationAmount: account.itemization.amount, entries: entries)
        return AccountDetail(account: account, client: client, consumer: consumer, ledger: ledger)
    }

    func consumer(id: Consumer.ID) async throws -> Consumer? {
        guard let row = try await sql.raw("SELECT * FROM consumers WHERE id = \(bind: id.rawValue)").first() else {
            return nil
        }
        let phones = try await sql.raw("""
            SELECT e164, line_type, autodialer_consent FROM consumer_phones
            WHERE consumer_id = \(bind: id.rawValue) ORDER BY position
            """).all().map { p in
                ContactPhone(number: try PhoneNumber(parsing: try p.decode(column: "e164", as: String.self)),
                             lineType: PhoneLineType(rawValue: try p.decode(column: "line_type", as: String.self)) ?? .unknown,
                             autodialerConsent: try p.decode(column: "autodialer_consent", as: Bool.self))
            }
        let address = PostalAddress(
            line1: try row.decode(column: "address_line1", as: String?.self),
            line2: try row.decode(column: "address_line2", as: String?.self),
            city: try row.decode(column: "city", as: String?.self),
            state: try row.decode(column: "state", as: String?.self),
            postalCode: try row.decode(column: "postal_code", as: String?.self))
        return Consumer(
            id: id,
            firstName: try row.decode(column: "first_name", as: String.self),
            lastName: try row.decode(column: "last_name", as: String.self),
            dateOfBirth: try Self.date(row, "date_of_birth"),
            ssnMasked: try row.decode(column: "ssn_last4", as: String?.self).map(SSN.masked(lastFour:)),
            addresses: address.isEmpty ? [] : [address],
            phones: phones,
            emails: try row.decode(column: "email", as: String?.self).map { [$0] } ?? [],
            language: try row.decode(column: "language", as: String?.self))
    }

    static func date(_ row: any SQLRow, _ column: String) throws -> LocalDate? {
        guard let text = try row.decode(column: column, as: String?.self) else { return nil }
        return try LocalDate(parsing: text)
    }

    static func cents(_ row: any SQLRow, _ column: String) throws -> Money {
        Money(cents: try row.decode(column: column, as: Int64.self))
    }

    static func account(from row: any SQLRow) throws -> Account {
        let itemization = Itemization(
            dateType: Itemization.DateType(rawValue: try row.decode(column: "itemization_date_type", as: String.self)) ?? .chargeOff,
            date: try LocalDate(parsing: try row.decode(column: "itemization_date", as: String.self)),
            amount: try cents(row, "itemization_amount_cents"),
            interestSince: try cents(row, "interest_since_cents"),
            feesSince: try cents(row, "fees_since_cents"),
            paymentsSince: try cents(row, "payments_since_cents"),
            creditsSince: try cents(row, "credits_since_cents"))
        return Account(
            id: Account.ID(try row.decode(column: "id", as: String.self)),
            clientID: Client.ID(try row.decode(column: "client_id", as: String.self)),
            placementID: try row.decode(column: "placement_id", as: String?.self).map { Placement.ID($0) },
            consumerID: Consumer.ID(try row.decode(column: "consumer_id", as: String.self)),
            clientAccountNumber: try row.decode(column: "client_account_number", as: String.self),
            originalCreditor: try row.decode(column: "original_creditor", as: String?.self),
            currentCreditor: try row.decode(column: "current_creditor", as: String?.self),
            product: try row.decode(column: "product", as: String?.self).flatMap(Account.Product.init(rawValue:)),
            itemization: itemization,
            chargeOffDate: try date(row, "charge_off_date"),
            lastPaymentDate: try date(row, "last_payment_date"),
            delinquencyDate: try date(row, "delinquency_date"),
            openDate: try date(row, "open_date"),
            status: Account.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .open)
    }

    static func ledgerEntry(from row: any SQLRow) throws -> LedgerEntry {
        LedgerEntry(
            id: LedgerEntry.ID(try row.decode(column: "id", as: String.self)),
            kind: LedgerEntry.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .adjustment,
            parts: BalanceParts(principal: try cents(row, "principal_cents"), interest: try cents(row, "interest_cents"),
                                fees: try cents(row, "fees_cents")),
            effectiveDate: try LocalDate(parsing: try row.decode(column: "effective_date", as: String.self)),
            memo: try row.decode(column: "memo", as: String?.self),
            reverses: try row.decode(column: "reverses_id", as: String?.self).map { LedgerEntry.ID($0) })
    }

    /// Binds each element, comma-separated; an empty set becomes NULL so `IN (NULL)` matches nothing.
    static func appendList(_ values: Set<String>, to q: inout SQLQueryString) {
        if values.isEmpty { q.appendInterpolation(unsafeRaw: "NULL"); return }
        for (i, v) in values.sorted().enumerated() {
            if i > 0 { q.appendInterpolation(unsafeRaw: ", ") }
            q.appendInterpolation(bind: v)
        }
    }

    public func placements(clientCode: String?) async throws -> [Placement] {
        try await placements(clientCode: clientCode, withinClients: nil)
    }

    public func placements(clientCode: String?, withinClients scope: Set<String>?) async throws -> [Placement] {
        var q = SQLQueryString("SELECT p.* FROM placements p JOIN clients c ON c.id = p.client_id WHERE 1 = 1")
        if let clientCode {
            q.appendInterpolation(unsafeRaw: " AND c.code = ")
            q.appendInterpolation(bind: clientCode)
        }
        if let scope {
            q.appendInterpolation(unsafeRaw: " AND c.code IN (")
            Self.appendList(scope, to: &q)
            q.appendInterpolation(unsafeRaw: ")")
        }
        q.appendInterpolation(unsafeRaw: " ORDER BY p.created_at DESC")
        return try await sql.raw(q).all().map { row in
            Placement(id: Placement.ID(try row.decode(column: "id", as: String.self)),
                      clientID: Client.ID(try row.decode(column: "client_id", as: String.self)),
                      fileName: try row.decode(column: "file_name", as: String.self),
                      fileSHA256: try row.decode(column: "file_sha256", as: String.self),
                      status: Placement.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .importing,
                      rows: try row.decode(column: "rows_total", as: Int.self),
                      accepted: try row.decode(column: "accepted", as: Int.self),
                      rejected: try row.decode(column: "rejected", as: Int.self),
                      duplicates: try row.decode(column: "duplicates", as: Int.self))
        }
    }
}
