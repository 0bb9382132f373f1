import CandorCore
@testable import CandorStore
import Foundation

/// A store with one ACME placement of `rows` demo accounts; returns the account IDs.
func paymentFixture(_ db: CandorDatabase, rows: Int = 3) async throws -> (SQLStore, [Account.ID]) {
    let store = SQLStore(database: db, clock: { pinnedNow })
    _ = try await store.addClient(code: "ACME", name: "Acme Bank")
    let file = try temporaryFile(demoCSV(rows: rows))
    _ = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: file.path, clientCode: "ACME")
    let ids = try await store.accounts(AccountQuery(clientCode: "ACME", limit: 500)).accounts.map(\.id)
    return (store, ids)
}

let testRouting = try! RoutingNumber("011000015")
let tomorrow = LocalDate(utcSecondsSinceEpoch: Int64(pinnedNow.timeIntervalSince1970) + 86_400)

func bankRequest(_ account: Account.ID, key: String, cents: Int64, sec: NachaSECCode = .web,
                 number: String = "123456789", date: LocalDate = tomorrow) -> PaymentRequest {
    PaymentRequest(accountID: account, idempotencyKey: key, amount: Money(cents: cents),
                   method: .bank(BankDebit(holderName: "Pat Doe", routing: testRouting, accountNumber: number,
                                           secCode: sec, recordingReference: sec == .tel ? "REC-0042" : nil, debitDate: date)),
                   createdBy: "user-1")
}

func cardRequest(_ account: Account.ID, key: String, cents: Int64, token: String = "tok_visa") -> PaymentRequest {
    PaymentRequest(accountID: account, idempotencyKey: key, amount: Money(cents: cents), method: .card(token: token),
                   createdBy: "user-1")
}

/// `balance_cents = itemization + Σ entries` and no part below zero, for every account.
func checkLedgerInvariant(_ db: CandorDatabase) async throws -> [String] {
    let rows = try await db.sql.raw("""
        SELECT a.id, a.balance_cents, a.itemization_amount_cents,
               CAST(COALESCE(SUM(e.amount_cents), 0) AS BIGINT) AS total, CAST(COALESCE(SUM(e.principal_cents), 0) AS BIGINT) AS principal,
               CAST(COALESCE(SUM(e.interest_cents), 0) AS BIGINT) AS interest, CAST(COALESCE(SUM(e.fees_cents), 0) AS BIGINT) AS fees,
               CAST(COALESCE(SUM(e.amount_cents - e.principal_cents - e.interest_cents - e.fees_cents), 0) AS BIGINT) AS split
        FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
        GROUP BY a.id, a.balance_cents, a.itemization_amount_cents
        """).all()
    var problems: [String] = []
    for row in rows {
        let id = try row.decode(column: "id", as: String.self)
        let balance = try row.decode(column: "balance_cents", as: Int64.self)
        let itemization = try row.decode(column: "itemization_amount_cents", as: Int64.self)
        let total = try row.decode(column: "total", as: Int64.self)
        if balance != itemization + total { problems.append("\(id): balance \(balance) != \(itemization) + \(total)") }
        if itemization + (try row.decode(column: "principal", as: Int64.self)) < 0 { problems.append("\(id): principal < 0") }
        if try row.decode(column: "interest", as: Int64.self) < 0 { problems.append("\(id): interest < 0") }
        if try row.decode(column: "fees", as: Int64.self) < 0 { problems.append("\(id): fees < 0") }
        if try row.decode(column: "split", as: Int64.self) != 0 { problems.append("\(id): parts do not add up") }
    }
    return problems
}

func count(_ db: CandorDatabase, _ sql: String) async throws -> Int {
    try await db.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: sql)").first()!.decode(column: "n", as: Int.self)
}
