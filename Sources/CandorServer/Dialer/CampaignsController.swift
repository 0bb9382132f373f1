import CandorDialer
import CandorStore
import Foundation
import Hummingbird
import Mustache

/// Campaigns for supervisors: the JSON API and the server-rendered pages. Registered by one
/// line in `buildRouter`; the running floors live in `CampaignFloors`, per server instance.
struct CampaignsController {
    let store: SQLStore
    let templates: MustacheLibrary
    let clock: @Sendable () -> Date
    let floors: CampaignFloors

    init(services: AppServices, templates: MustacheLibrary) {
        store = services.store
        self.templates = templates
        clock = services.clock
        floors = CampaignFloors(store: services.store, clock: services.clock)
    }

    struct CreateRequest: Decodable {
        let name: String
        let client: String
        let mode: String
        let priority: String?
        let hoursStart: String?
        let hoursEnd: String?
        let abandonCap: Double?
        let maxLinesPerAgent: Double?
    }

    struct CampaignResponse: ResponseEncodable {
        let id, name, client, mode, priority, hoursStart, hoursEnd, status: String
        let abandonCap, maxLinesPerAgent: Double
        init(_ c: StoredCampaign) {
            id = c.id; name = c.name; client = c.clientCode; mode = c.mode.rawValue; priority = c.priority.rawValue
            hoursStart = Self.hhmm(c.hoursStartMinute); hoursEnd = Self.hhmm(c.hoursEndMinute); status = c.status.rawValue
            abandonCap = c.abandonCap; maxLinesPerAgent = c.maxLinesPerAgent
        }
        static func hhmm(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }
    }

    struct ListResponse: ResponseEncodable { let campaigns: [CampaignResponse] }

    struct StartRequest: Decodable {
        let agents: [String]?
        let seed: UInt64?
    }

    func addRoutes(to router: Router<CandorRequestContext>) {
        let api = router.group("api/campaigns")
        api.get { _, context -> ListResponse in ListResponse(campaigns: try await visibleCampaigns(context)) }
        // Designing, starting and stopping campaigns is supervisors' work.
        api.post { request, context -> EditedResponse<CampaignResponse> in
            try context.require(.supervisor)
            var request = request
            let body = try await request.decodeJSON(as: CreateRequest.self, context: context)
            try context.requireClient(body.client)
            let defaults = CampaignDraft(name: body.name, clientCode: body.client, mode: body.mode)
            let draft = CampaignDraft(name: body.name, clientCode: body.client, mode: body.mode,
                                      priority: body.priority ?? defaults.priority, hoursStart: body.hoursStart ?? defaults.hoursStart,
                                      hoursEnd: body.hoursEnd ?? defaults.hoursEnd, abandonCap: body.abandonCap ?? defaults.abandonCap,
                                      maxLinesPerAgent: body.maxLinesPerAgent ?? defaults.maxLinesPerAgent)
            let campaign = try await Self.mapped { try await store.createCampaign(draft) }
            return EditedResponse(status: .created, response: CampaignResponse(campaign))
        }
        api.post(":id/start") { request, context -> Response in
            try context.require(.supervisor)
            let campaign = try await campaign(context)
            var request = request
            let form = Self.isForm(request)
            var start = StartRequest(agents: nil, seed: nil)
            // The body is optional (collectBody keeps it for the decode that follows).
            if !form, try await request.collectBody(upTo: context.maxUploadSize).readableBytes > 0 {
                start = try await request.decodeJSON(as: StartRequest.self, context: context)
            }
            let agents = start.agents ?? ["agent-1", "agent-2", "agent-3"]
            guard (1...200).contains(agents.count), agents.allSatisfy({ !$0.isEmpty && $0.count <= 100 }), Set(agents).count == agents.count else {
                throw APIError.badRequest("agents must be 1–200 distinct, non-empty ids", field: "agents")
            }
            try await floors.start(campaign, agents: agents, seed: start.seed ?? UInt64(clock().timeIntervalSince1970))
            return try await statusOrRedirect(campaign, form: form, request: request, context: context)
        }
        api.post(":id/stop") { request, context -> Response in
            try context.require(.supervisor)
            let campaign = try await campaign(context)
            try await floors.stop(campaign.id)
            return try await statusOrRedirect(campaign, form: Self.isForm(request), request: request, context: context)
        }
        api.get(":id/status") { _, context -> CampaignStatusResponse in
            try await CampaignStatusResponse.build(try await campaign(context), floors: floors, store: store, now: clock())
        }
        router.get("api/agents/:id/state") { _, context -> AgentStateResponse in
            let id = try context.parameters.require("id")
            // An agent on another client's campaign is reported like an absent one.
            guard let entry = await floors.board.entry(id),
                  let campaign = try await store.campaign(id: entry.campaignId),
                  try context.signedIn().user.scope.allows(campaign.clientCode) else {
                throw APIError.notFound("agent \(id) is not on a campaign running on this server instance")
            }
            return AgentStateResponse(entry)
        }
        router.get("campaigns") { _, context -> HTML in
            let list = try await visibleCampaigns(context)
            return try render("campaigns", ["title": "Campaigns", "campaigns": list.map(Self.row)], for: context)
        }
        router.get("campaigns/:id") { _, context -> HTML in
            let campaign = try await campaign(context)
            let status = try await CampaignStatusResponse.build(campaign, floors: floors, store: store, now: clock())
            return try render("campaign", CampaignPage.context(campaign, status), for: context)
        }
    }

    struct AgentStateResponse: ResponseEncodable {
        let agentId, campaignId, state: String
        let pauseReason: String?
        let since: Date
        let accountId, phoneNumber: String?
        init(_ e: AgentBoard.Entry) {
            agentId = e.agentId; campaignId = e.campaignId; state = e.state; pauseReason = e.pauseReason
            since = e.since; accountId = e.accountId; phoneNumber = e.phoneNumber
        }
    }

    /// A campaign of a client outside the user's scope is reported as missing.
    func campaign(_ context: CandorRequestContext) async throws -> StoredCampaign {
        let id = try context.parameters.require("id")
        guard let campaign = try await store.campaign(id: id), try context.signedIn().user.scope.allows(campaign.clientCode) else {
            throw APIError.notFound("no campaign \(id)")
        }
        return campaign
    }

    func visibleCampaigns(_ context: CandorRequestContext) async throws -> [CampaignResponse] {
        let scope = try context.signedIn().user.scope
        return try await store.campaigns().filter { scope.allows($0.clientCode) }.map(CampaignResponse.init)
    }

    /// A form post (the page's buttons, no JavaScript) is answered with the page again.
    func statusOrRedirect(_ campaign: StoredCampaign, form: Bool, request: Request, context: CandorRequestContext) async throws -> Response {
        if form { return Response(status: .seeOther, headers: [.location: "/campaigns/\(campaign.id)"]) }
        let status = try await CampaignStatusResponse.build(campaign, floors: floors, store: store, now: clock())
        return try status.response(from: request, context: context)
    }

    static func isForm(_ request: Request) -> Bool {
        request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true
    }

    /// The store's campaign errors, as the API reports them (400 naming the field).
    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as CampaignError {
            switch error {
            case .invalid(let field, _): throw APIError.badRequest(error.description, field: field)
            case .unknownClient: throw APIError(.notFound, error.description, field: "client")
            case .unknownCampaign: throw APIError.notFound(error.description)
            }
        }
    }

    static func row(_ c: CampaignResponse) -> [String: Any] {
        ["id": c.id, "name": c.name, "client": c.client, "mode": c.mode, "status": c.status, "hours": "\(c.hoursStart)–\(c.hoursEnd) UTC"]
    }

    func render(_ name: String, _ values: [String: Any], for context: CandorRequestContext) throws -> HTML {
        try templates.page(name, values, for: context)
    }
}

enum CampaignPage {
    static func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }

    static func context(_ c: StoredCampaign, _ s: CampaignStatusResponse) -> [String: Any] {
        let running = s.status != "stopped"
        return [
            "title": "Campaign \(c.name)", "id": c.id, "name": c.name, "client": c.clientCode, "mode": c.mode.rawValue,
            "priority": c.priority.rawValue,
            "hours": "\(CampaignsController.CampaignResponse.hhmm(c.hoursStartMinute))–\(CampaignsController.CampaignResponse.hhmm(c.hoursEndMinute)) UTC",
            "cap": percent(c.abandonCap), "maxLines": String(format: "%g", c.maxLinesPerAgent), "status": s.status,
            "running": running, "simulated": s.telephony == "simulated",
            "linesInFlight": s.linesInFlight, "onHold": s.peopleOnHold, "linesInUse": s.linesInUse,
            "agents": s.agents.sorted { $0.key < $1.key }.map { ["state": $0.key, "count": $0.value] },
            "abandonToday": percent(s.abandonRateToday), "abandon30": percent(s.abandonRateThirtyDays),
            "answersToday": s.liveAnswersToday, "abandonedToday": s.abandonedToday,
            "chart": CampaignChart.svg(s.history, cap: c.abandonCap),
        ]
    }
}
