import CandorCore
import CandorStore
import Foundation
import Hummingbird

/// The collector's JSON API: dispositions, promises, plans, notes, the work queue,
/// assignments, the supervisor board and client rules. Every route states its role and
/// checks the client of the account it touches (another client's account answers 404).
struct CollectionsController {
    let services: AppServices
    var store: SQLStore { services.store }

    func addRoutes(to router: Router<CandorRequestContext>) {
        let accounts = router.group("api/accounts/:id")
        accounts.post("dispositions") { request, context -> EditedResponse<StoredDispositionResponse> in
            let me = try context.require(.collector)
            let id = try await scoped(context)
            var request = request
            let body = try await request.decodeJSON(as: DispositionBody.self, context: context)
            let input = try body.input(account: id, by: me.user.id)
            try await requireSameScope(input.alsoDiscussed, context: context)
            return EditedResponse(status: .created, response: StoredDispositionResponse(try await store.recordDisposition(input)))
        }
        accounts.get("dispositions") { _, context -> ListResponse<StoredDispositionResponse> in
            try context.require(.collector)
            let id = try await scoped(context)
            return ListResponse(items: try await store.dispositions(account: Account.ID(id)).map(StoredDispositionResponse.init))
        }
        accounts.post("dispositions/:disposition/review") { _, context -> StoredDispositionResponse in
            let me = try context.require(.supervisor)
            let id = try await scoped(context)
            let d = try context.parameters.require("disposition")
            return StoredDispositionResponse(try await store.reviewDisposition(id: d, account: Account.ID(id), by: me.user.id))
        }
        accounts.get("promises") { _, context -> ListResponse<PromiseLine> in
            try context.require(.collector)
            let id = try await scoped(context)
            return ListResponse(items: try await store.promises(account: Account.ID(id)).map(PromiseLine.init))
        }
        accounts.post("plan-proposals") { request, context -> ProposalResponse in
            try context.require(.collector)
            let id = try await scoped(context)
            var request = request
            let body = try await request.decodeJSON(as: ProposalBody.self, context: context)
            return try await Self.propose(body, account: id, store: store)
        }
        accounts.post("plans") { request, context -> EditedResponse<PlanLine> in
            let me = try context.require(.collector)
            let id = try await scoped(context)
            var request = request
            let body = try await request.decodeJSON(as: PlanBody.self, context: context)
            return EditedResponse(status: .created, response: PlanLine(try await store.agreePlan(try body.input(account: id, user: me.user))))
        }
        accounts.get("plans") { _, context -> ListResponse<PlanLine> in
            try context.require(.collector)
            let id = try await scoped(context)
            return ListResponse(items: try await store.plans(account: Account.ID(id)).map(PlanLine.init))
        }
        accounts.post("notes") { request, context -> EditedResponse<AccountNote> in
            let me = try context.require(.collector)
            let id = try await scoped(context)
            var request = request
            let body = try await request.decodeJSON(as: NoteBody.self, context: context)
            return EditedResponse(status: .created, response: try await store.addNote(account: Account.ID(id), body: body.note, by: me.user.id))
        }
        accounts.get("notes") { _, context -> ListResponse<AccountNote> in
            try context.require(.collector)
            let id = try await scoped(context)
            return ListResponse(items: try await store.notes(account: Account.ID(id)))
        }
        router.get("api/queue") { request, context -> WorkQueueResponse in
            let user = try await Self.queueUser(request, context: context, store: store)
            let limit = try Self.limit(request)
            return WorkQueueResponse(try await store.workQueue(for: user, now: services.clock(), limit: limit))
        }
        router.post("api/assignments") { request, context -> AssignmentResponse in
            let me = try context.require(.supervisor)
            var request = request
            let body = try await request.decodeJSON(as: AssignmentBody.self, context: context)
            let n = try await store.assign(accounts: body.accounts.map { Account.ID($0) }, to: body.user, by: me.user.id,
                                           within: try context.scopeFilter())
            return AssignmentResponse(assigned: n, user: body.user)
        }
        router.get("api/supervisor") { _, context -> SupervisorSummaryResponse in
            try context.require(.supervisor)
            return SupervisorSummaryResponse(summary: try await store.supervisorSummary(scope: try context.scopeFilter(), now: services.clock()))
        }
        router.get("api/clients/:code/rules") { _, context -> ClientRulesBody in
            try context.require(.supervisor)
            let code = try context.parameters.require("code")
            try context.requireClient(code)
            return ClientRulesBody(try await store.clientRules(clientCode: code))
        }
        router.put("api/clients/:code/rules") { request, context -> ClientRulesBody in
            let me = try context.require(.admin)
            let code = try context.parameters.require("code")
            var request = request
            let body = try await request.decodeJSON(as: ClientRulesBody.self, context: context)
            try await store.setClientRules(try body.rules(), clientCode: code, by: me.user.id)
            return ClientRulesBody(try await store.clientRules(clientCode: code))
        }
    }

    /// The account in the path, checked against the user's clients.
    func scoped(_ context: CandorRequestContext) async throws -> String {
        let id = try context.parameters.require("id")
        try await context.requireAccount(id, store: store)
        return id
    }

    /// Other debts discussed must be within the user's clients too.
    func requireSameScope(_ ids: [Account.ID], context: CandorRequestContext) async throws {
        for other in ids { try await context.requireAccount(other.rawValue, store: store) }
    }

    static func propose(_ body: ProposalBody, account: String, store: SQLStore) async throws -> ProposalResponse {
        let (proposal, rules, balance) = try await store.proposePlans(
            account: Account.ID(account), budget: try body.budget.budget(), lumpSum: Money(cents: body.lumpSumCents ?? 0),
            frequency: try frequencyValue(body.frequency), firstDueDate: try day(body.firstDueDate, field: "first_due_date"))
        return ProposalResponse(balanceCents: balance.cents, disposableIncomeCents: proposal.disposableIncome.cents,
                                affordableMonthlyCents: proposal.affordableMonthly.cents,
                                affordabilityShareBasisPoints: rules.affordabilityShareBasisPoints,
                                settlementFloorCents: rules.settlementFloor(balance: balance).cents,
                                options: proposal.options.map(OptionLine.init))
    }

    /// Whose queue: one's own; a supervisor may name a collector of their clients (`?user=`).
    static func queueUser(_ request: Request, context: CandorRequestContext, store: SQLStore) async throws -> StoredUser {
        let me = try context.require(.collector)
        guard let name = request.uri.queryParameters["user"].map(String.init), !name.isEmpty, name != me.user.username else { return me.user }
        try context.require(.supervisor)
        guard let other = try await store.credentials(username: name)?.user,
              me.user.role == .admin || !Set(other.clientCodes).isDisjoint(with: me.user.clientCodes) else {
            throw APIError(.notFound, "no collector \(name) on your clients", field: "user")
        }
        // The supervisor sees the collector's queue limited to the supervisor's own clients.
        var view = other
        if me.user.role != .admin, other.role != .admin { view.clientCodes = other.clientCodes.filter(me.user.clientCodes.contains) }
        return view
    }

    static func limit(_ request: Request) throws -> Int {
        guard let raw = request.uri.queryParameters["limit"] else { return 25 }
        guard let n = Int(raw), (1...200).contains(n) else {
            throw APIError.badRequest("limit must be a whole number from 1 to 200", field: "limit")
        }
        return n
    }
}

struct ListResponse<T: Encodable & Sendable>: ResponseEncodable, Sendable { let items: [T] }

struct StoredDispositionResponse: ResponseEncodable {
    let id: String, accountId: String, attemptId: String, disposition: String, label: String, at: Date, recordedBy: String
    let callbackAt: Date?, note: String?, needsReview: Bool, reviewedAt: Date?, reviewedBy: String?, flagsSet: [String], promiseId: String?
    init(_ d: StoredDisposition) {
        id = d.id; accountId = d.accountID.rawValue; attemptId = d.attemptID; disposition = d.disposition.rawValue
        label = d.disposition.label; at = d.at; recordedBy = d.recordedBy; callbackAt = d.callbackAt; note = d.note
        needsReview = d.needsReview; reviewedAt = d.reviewedAt; reviewedBy = d.reviewedBy; flagsSet = d.flagsSet; promiseId = d.promiseID
    }
}

struct ProposalResponse: ResponseEncodable {
    let balanceCents: Int64, disposableIncomeCents: Int64, affordableMonthlyCents: Int64
    let affordabilityShareBasisPoints: Int, settlementFloorCents: Int64
    let options: [OptionLine]
}

struct WorkQueueResponse: ResponseEncodable {
    struct Item: Encodable {
        let accountId: String, client: String, clientAccountNumber: String, consumerName: String, balanceCents: Int64
        let reason: String, assignedTo: String?, callableNow: [String]
    }
    let items: [Item]
    let notCallableNow: Int
    let generatedAt: Date
    init(_ q: WorkQueue) {
        items = q.items.map { Item(accountId: $0.account.id.rawValue, client: $0.account.clientCode,
                                   clientAccountNumber: $0.account.clientAccountNumber, consumerName: $0.account.consumerName,
                                   balanceCents: $0.account.balance.cents, reason: $0.reason.rawValue, assignedTo: $0.assignedTo,
                                   callableNow: $0.callableNow) }
        notCallableNow = q.notCallableNow; generatedAt = q.generatedAt
    }
}

struct AssignmentResponse: ResponseEncodable { let assigned: Int; let user: String? }

struct SupervisorSummaryResponse: ResponseEncodable {
    let summary: SupervisorSummary
    func encode(to encoder: any Encoder) throws { try summary.encode(to: encoder) }
}

/// Client rules in the API: amounts in cents, shares in basis points (1/100 of a percent).
struct ClientRulesBody: ResponseEncodable, Decodable {
    var minimumInstallmentCents: Int64
    var maximumTermMonths: Int
    var settlementAllowed: Bool
    var settlementFloorBasisPoints: Int
    var maximumSettlementMonths: Int
    var approvalRole: String
    var affordabilityShareBasisPoints: Int
    var defaultAfterMisses: Int
    var graceDays: Int
    var waterfall: [String]

    init(_ r: ClientRules) {
        minimumInstallmentCents = r.minimumInstallment.cents; maximumTermMonths = r.maximumTermMonths
        settlementAllowed = r.settlementAllowed; settlementFloorBasisPoints = r.settlementFloorBasisPoints
        maximumSettlementMonths = r.maximumSettlementMonths; approvalRole = r.approvalRole.rawValue
        affordabilityShareBasisPoints = r.affordabilityShareBasisPoints; defaultAfterMisses = r.defaultAfterMisses
        graceDays = r.graceDays; waterfall = r.waterfall.order.map(\.rawValue)
    }

    func rules() throws -> ClientRules {
        guard let role = StaffRole(rawValue: approvalRole) else {
            throw APIError.badRequest("approval_role must be one of \(StaffRole.allCases.map(\.rawValue).joined(separator: ", "))", field: "approval_role")
        }
        var parts: [AllocationWaterfall.Part] = []
        for name in waterfall {
            guard let p = AllocationWaterfall.Part(rawValue: name) else {
                throw APIError.badRequest("waterfall names fees, interest and principal (got \(name))", field: "waterfall")
            }
            parts.append(p)
        }
        for (value, field, range) in [(settlementFloorBasisPoints, "settlement_floor_basis_points", 0...10_000),
                                      (affordabilityShareBasisPoints, "affordability_share_basis_points", 0...10_000),
                                      (maximumTermMonths, "maximum_term_months", 1...120), (maximumSettlementMonths, "maximum_settlement_months", 1...120),
                                      (defaultAfterMisses, "default_after_misses", 1...12), (graceDays, "grace_days", 0...30)] where !range.contains(value) {
            throw APIError.badRequest("\(field) must be from \(range.lowerBound) to \(range.upperBound)", field: field)
        }
        return ClientRules(minimumInstallment: Money(cents: minimumInstallmentCents), maximumTermMonths: maximumTermMonths,
                           settlementAllowed: settlementAllowed, settlementFloorBasisPoints: settlementFloorBasisPoints,
                           maximumSettlementMonths: maximumSettlementMonths, approvalRole: role,
                           affordabilityShareBasisPoints: affordabilityShareBasisPoints, defaultAfterMisses: defaultAfterMisses,
                           graceDays: graceDays, waterfall: AllocationWaterfall(order: parts))
    }
}
