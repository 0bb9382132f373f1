import CandorCore
import CandorStore
import Foundation
import Hummingbird

/// The compliance engine over HTTP: decide scenarios, read an account's contactability,
/// record what the engine reads (attempts, flags, opt-outs, preferences, consent), and the
/// eligible-now list of a campaign.
struct ComplianceController {
    let services: AppServices
    var store: SQLStore { services.store }

    func addRoutes(to router: Router<CandorRequestContext>) {
        router.post("api/compliance/decide") { request, context -> Response in
            var request = request
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            let output: ComplianceJSON.Output
            do { output = try ComplianceJSON.decide(json: Data(buffer: body)) } catch {
                throw APIError.badRequest("\(error)", field: "body")
            }
            // Malformed scenarios are answered in place, as the CLI does: the batch is still 200.
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: output.json)))
        }
        router.get("api/compliance/eligible-now") { request, context -> EligibleResponse in
            let p = request.uri.queryParameters
            var client = p["client"].map { String($0).uppercased() }
            if let scope = try context.scopeFilter() {
                // A scoped user's list never mixes in other clients' accounts.
                if client == nil, scope.count == 1 { client = scope.first }
                guard let code = client else {
                    throw APIError.badRequest("client is required: you are scoped to \(scope.sorted().joined(separator: ", "))", field: "client")
                }
                try context.requireClient(code)
            }
            var req = EligibleNowRequest(clientCode: client, now: services.clock())
            if let d = p["dialing"] {
                guard let mode = DialingMode(rawValue: String(d)) else {
                    throw APIError.badRequest("dialing must be one of \(DialingMode.allCases.map(\.rawValue).joined(separator: ", "))", field: "dialing")
                }
                req.dialing = mode
            }
            if let pr = p["priority"] {
                guard let priority = EligibleNowRequest.Priority(rawValue: String(pr)) else {
                    throw APIError.badRequest("priority must be one of \(EligibleNowRequest.Priority.allCases.map(\.rawValue).joined(separator: ", "))", field: "priority")
                }
                req.priority = priority
            }
            if let l = p["limit"] {
                guard let n = Int(l), (1...100_000).contains(n) else { throw APIError.badRequest("limit must be 1–100000", field: "limit") }
                req.limit = n
            } else {
                req.limit = 1000
            }
            let result = try await store.eligibleNow(req)
            return EligibleResponse(result)
        }
        let account = router.group("api/accounts/:id")
        account.get("contactability") { _, context -> ContactabilityResponse in
            let state = try await loadState(context)
            let now = services.clock()
            return ContactabilityResponse(accountID: state.account.id, at: now, statuses: state.contactability(now: now))
        }
        account.post("contact-attempts") { request, context -> EditedResponse<Created> in
            try await requireAccount(context)
            var request = request
            let body = try await request.decodeJSON(as: AttemptRequest.self, context: context)
            let state = try await loadState(context)
            guard let channel = ContactChannel(rawValue: body.channel) else { throw APIError.badRequest("unknown channel \(body.channel)", field: "channel") }
            guard let outcome = ContactOutcome(rawValue: body.outcome) else { throw APIError.badRequest("unknown outcome \(body.outcome)", field: "outcome") }
            let direction = try body.direction.map { d -> ContactDirection in
                guard let v = ContactDirection(rawValue: d) else { throw APIError.badRequest("direction must be inbound or outbound", field: "direction") }
                return v
            } ?? .outbound
            let place = try body.place.map { p -> ContactPlace in
                guard let v = ContactPlace(rawValue: p) else { throw APIError.badRequest("place must be personal, work or other", field: "place") }
                return v
            } ?? .personal
            let at = try body.at.map { text -> Date in
                guard let date = ISO8601Instant.parse(text) else { throw APIError.badRequest("at must be an ISO-8601 instant with a zone", field: "at") }
                guard date <= services.clock().addingTimeInterval(60) else { throw APIError.badRequest("at is in the future", field: "at") }
                return date
            } ?? services.clock()
            var accounts = [Account.ID(state.account.id)]
            for other in body.alsoAbout ?? [] { try await context.requireAccount(other, store: store) }
            accounts.append(contentsOf: (body.alsoAbout ?? []).map { Account.ID($0) })
            do {
                let id = try await store.recordAttempt(ContactAttemptInput(
                    consumerID: state.consumerID, accountIDs: accounts, at: at, channel: channel, direction: direction,
                    outcome: outcome, address: body.address, place: place, source: body.source ?? "api"))
                return EditedResponse(status: .created, response: Created(id: id))
            } catch let error as ContactLogError {
                let field: String
                switch error {
                case .outcomeDoesNotFitChannel: field = "outcome"
                case .accountOfAnotherConsumer, .noAccounts: field = "also_about"
                case .invalidWindow, .unknownConsumer: field = "body"
                }
                throw APIError.badRequest(error.description, field: field)
            }
        }
        account.post("flags") { request, context -> EditedResponse<Created> in
            try await requireAccount(context)
            var request = request
            let body = try await request.decodeJSON(as: FlagRequest.self, context: context)
            guard let flag = AccountFlag(rawValue: body.flag) else {
                throw APIError.badRequest("flag must be one of \(AccountFlag.allCases.map(\.rawValue).joined(separator: ", "))", field: "flag")
            }
            let state = try await loadState(context)
            try await store.setFlag(flag, on: Account.ID(state.account.id), by: body.by ?? "api", reason: body.reason)
            return EditedResponse(status: .created, response: Created(id: flag.rawValue))
        }
        account.post("opt-outs") { request, context -> EditedResponse<Created> in
            try await requireAccount(context)
            var request = request
            let body = try await request.decodeJSON(as: OptOutRequest.self, context: context)
            guard let channel = ContactChannel(rawValue: body.channel), channel != .letter else {
                throw APIError.badRequest("channel must be phone, sms or email", field: "channel")
            }
            let state = try await loadState(context)
            try await store.addOptOut(consumer: state.consumerID, channel: channel, address: body.address ?? "*", source: body.source ?? "api")
            return EditedResponse(status: .created, response: Created(id: channel.rawValue))
        }
        account.post("inconvenient-times") { request, context -> EditedResponse<Created> in
            try await requireAccount(context)
            var request = request
            let body = try await request.decodeJSON(as: WindowRequest.self, context: context)
            let state = try await loadState(context)
            do {
                try await store.addInconvenientTime(consumer: state.consumerID, days: body.days.joined(separator: ","),
                                                    from: body.from, to: body.to, source: body.source ?? "api")
            } catch let error as ContactLogError { throw APIError.badRequest(error.description, field: "days") }
            return EditedResponse(status: .created, response: Created(id: "window"))
        }
        account.post("consent") { request, context -> EditedResponse<Created> in
            try await requireAccount(context)
            var request = request
            let body = try await request.decodeJSON(as: ConsentRequest.self, context: context)
            let number: PhoneNumber
            do { number = try PhoneNumber(parsing: body.number) } catch let error as PhoneNumber.ParseError { throw APIError.badRequest(error.description, field: "number") }
            let state = try await loadState(context)
            try await store.setConsent(consumer: state.consumerID, number: number, consent: body.consent, source: body.source ?? "api", by: nil)
            return EditedResponse(status: .created, response: Created(id: number.e164))
        }
    }

    /// Every account route starts here: an account outside the user's scope is unknown.
    func requireAccount(_ context: CandorRequestContext) async throws {
        try await context.requireAccount(try context.parameters.require("id"), store: store)
    }

    func loadState(_ context: CandorRequestContext) async throws -> StoredContactState {
        let id = try context.parameters.require("id")
        try await context.requireAccount(id, store: store)
        guard let state = try await store.contactState(account: Account.ID(id), now: services.clock()) else {
            throw StoreError.unknownAccount(id)
        }
        return state
    }

    struct Created: ResponseEncodable { let id: String }
    struct AttemptRequest: Decodable {
        let channel: String; let outcome: String; let direction: String?; let place: String?
        let address: String?; let at: String?; let source: String?; let alsoAbout: [String]?
    }
    struct FlagRequest: Decodable { let flag: String; let reason: String?; let by: String? }
    struct OptOutRequest: Decodable { let channel: String; let address: String?; let source: String? }
    struct WindowRequest: Decodable { let days: [String]; let from: String; let to: String; let source: String? }
    struct ConsentRequest: Decodable { let number: String; let consent: Bool; let source: String? }

    struct ContactabilityResponse: ResponseEncodable {
        struct Item: Encodable {
            let channel: String; let address: String; let lineType: String?; let allowed: Bool
            let reasons: [Reason]; let nextAllowedAt: String?; let plainWords: String
        }
        struct Reason: Encodable { let code: String; let citation: String; let summary: String }
        let accountId: String
        let at: String
        let contactPoints: [Item]

        init(accountID: String, at: Date, statuses: [ContactPointStatus]) {
            accountId = accountID
            self.at = ISO8601Instant.format(at)
            contactPoints = statuses.map { s in
                let address: String
                switch s.point.address {
                case .phone(let n): address = n.e164
                case .text(let t): address = t
                }
                return Item(channel: s.proposed.channel.rawValue, address: address,
                            lineType: s.point.channel == .phone || s.point.channel == .sms ? s.point.lineType.rawValue : nil,
                            allowed: s.allowed,
                            reasons: s.decision.reasons.sorted.map { Reason(code: $0.code, citation: $0.citation, summary: $0.summary) },
                            nextAllowedAt: s.decision.nextAllowedAt.map(ISO8601Instant.format),
                            plainWords: Contactability.plainWords(s))
            }
        }
    }

    struct EligibleResponse: ResponseEncodable {
        struct Item: Encodable { let accountId: String; let number: String; let lineType: String; let balanceCents: Int64 }
        let accountsConsidered: Int
        let numbersConsidered: Int
        let refusedByReason: [String: Int]
        let eligible: [Item]
        init(_ r: EligibleNowResult) {
            accountsConsidered = r.accountsConsidered
            numbersConsidered = r.numbersConsidered
            refusedByReason = Dictionary(uniqueKeysWithValues: r.refusedByReason.map { ($0.key.code, $0.value) })
            eligible = r.eligible.map { Item(accountId: $0.accountID.rawValue, number: $0.number, lineType: $0.lineType.rawValue,
                                             balanceCents: $0.balance.cents) }
        }
    }
}
