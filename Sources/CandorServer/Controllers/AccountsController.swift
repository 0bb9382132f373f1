import CandorCore
import CandorStore
import Foundation
import Hummingbird

struct AccountsController {
    let store: SQLStore

    struct ListResponse: ResponseEncodable {
        let accounts: [AccountSummary]
        let offset: Int
        let limit: Int
        let hasMore: Bool
    }

    func addRoutes(to group: RouterGroup<CandorRequestContext>) {
        group.get { request, context -> ListResponse in
            let query = try Self.query(from: request, context: context)
            let page = try await store.accounts(query)
            return ListResponse(accounts: page.accounts, offset: page.offset, limit: page.limit, hasMore: page.hasMore)
        }
        group.get(":id") { _, context -> AccountResponse in
            let id = try context.parameters.require("id")
            try await context.requireAccount(id, store: store)
            guard let detail = try await store.account(id: Account.ID(id)) else { throw StoreError.unknownAccount(id) }
            // Every view of an account is audited (who looked at which consumer's debt).
            try await store.recordAudit(actor: try context.signedIn().user.id, action: "account.view",
                                        subject: "account:\(id)", details: ["via": "api"])
            return AccountResponse(detail)
        }
    }

    /// The list query, limited to the clients the signed-in user may see.
    static func query(from request: Request, context: CandorRequestContext) throws -> AccountQuery {
        let params = request.uri.queryParameters
        func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
            guard let raw = params[name[...]] else { return value }
            guard let n = Int(raw), range.contains(n) else {
                throw APIError.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)", field: name)
            }
            return n
        }
        return AccountQuery(search: params["q"].map(String.init), clientCode: params["client"].map { String($0).uppercased() },
                            withinClients: try context.scopeFilter(),
                            limit: try int("limit", default: 50, range: 1...500),
                            offset: try int("offset", default: 0, range: 0...10_000_000))
    }

    /// The account detail of the API: consumer (SSN masked), Reg F itemization, ledger.
    struct AccountResponse: ResponseEncodable {
        let id: String
        let client: Client
        let clientAccountNumber: String
        let originalCreditor: String?
        let currentCreditor: String?
        let product: Account.Product?
        let status: Account.Status
        let balanceCents: Int64
        let balance: String
        let itemization: ItemizationResponse
        let chargeOffDate: LocalDate?
        let lastPaymentDate: LocalDate?
        let delinquencyDate: LocalDate?
        let openDate: LocalDate?
        let consumer: Consumer
        let ledger: [LedgerLine]

        /// Reg F itemization; amounts in integer cents.
        struct ItemizationResponse: Encodable {
            let dateType: Itemization.DateType
            let date: LocalDate
            let amountCents: Int64
            let interestSinceCents: Int64
            let feesSinceCents: Int64
            let paymentsSinceCents: Int64
            let creditsSinceCents: Int64
            init(_ i: Itemization) {
                dateType = i.dateType; date = i.date; amountCents = i.amount.cents
                interestSinceCents = i.interestSince.cents; feesSinceCents = i.feesSince.cents
                paymentsSinceCents = i.paymentsSince.cents; creditsSinceCents = i.creditsSince.cents
            }
        }

        struct LedgerLine: Encodable {
            let id: String
            let kind: LedgerEntry.Kind
            let amountCents: Int64
            let principalCents: Int64
            let interestCents: Int64
            let feesCents: Int64
            let effectiveDate: LocalDate
            let memo: String?
            let reverses: String?
            let balanceAfterCents: Int64
        }

        init(_ d: AccountDetail) {
            let a = d.account
            id = a.id.rawValue; client = d.client; clientAccountNumber = a.clientAccountNumber
            originalCreditor = a.originalCreditor; currentCreditor = a.currentCreditor; product = a.product
            status = a.status; balanceCents = d.balance.cents; balance = d.balance.decimalString
            itemization = ItemizationResponse(a.itemization); chargeOffDate = a.chargeOffDate; lastPaymentDate = a.lastPaymentDate
            delinquencyDate = a.delinquencyDate; openDate = a.openDate; consumer = d.consumer
            var running = a.itemization.amount
            ledger = d.ledger.entries.map { e in
                running += e.amount
                return LedgerLine(id: e.id.rawValue, kind: e.kind, amountCents: e.amount.cents,
                                  principalCents: e.parts.principal.cents, interestCents: e.parts.interest.cents,
                                  feesCents: e.parts.fees.cents, effectiveDate: e.effectiveDate, memo: e.memo,
                                  reverses: e.reverses?.rawValue, balanceAfterCents: running.cents)
            }
        }
    }
}
