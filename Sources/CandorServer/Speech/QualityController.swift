import CandorCore
import CandorStore
import Foundation
import Hummingbird
import Mustache

/// Per-collector call quality from speech analytics, for supervisors: mean compliance score,
/// prohibited findings, missing disclosures, and the calls to coach and to praise. Only the
/// clients in the supervisor's scope count.
struct QualityController {
    let services: AppServices
    let templates: MustacheLibrary

    struct QualityResponse: ResponseEncodable { let since: String?; let collectors: [CollectorQuality] }

    func addRoutes(to router: Router<CandorRequestContext>) {
        router.get("api/quality/collectors") { request, context -> QualityResponse in
            try context.require(.supervisor)
            let since = try Self.since(request)
            return QualityResponse(since: since.map(ISO8601Instant.format),
                                   collectors: try await services.store.collectorQuality(withinClients: try context.scopeFilter(), since: since))
        }
        router.get("quality") { request, context -> HTML in
            try context.require(.supervisor)
            let collectors = try await services.store.collectorQuality(withinClients: try context.scopeFilter(), since: try Self.since(request))
            let values: [String: Any] = ["title": "Call quality", "empty": collectors.isEmpty, "collectors": collectors.map(Self.row)]
            return try templates.page("quality", values, for: context)
        }
    }

    static func since(_ request: Request) throws -> Date? {
        guard let text = request.uri.queryParameters["since"].map(String.init) else { return nil }
        guard let date = ISO8601Instant.parse(text) else { throw APIError.badRequest("since must be an ISO-8601 instant with a zone", field: "since") }
        return date
    }

    static func row(_ c: CollectorQuality) -> [String: Any] {
        func call(_ q: QualityCall) -> [String: Any] {
            ["recordingID": q.recordingID, "accountID": q.accountID, "at": ISO8601Instant.format(q.callAt), "score": q.score,
             "prohibited": q.prohibited.joined(separator: ", "), "missing": q.missing.joined(separator: ", ")]
        }
        return ["name": c.displayName, "username": c.username, "calls": c.calls, "mean": String(format: "%.1f", c.meanCompliance),
                "withProhibited": c.callsWithProhibitedFindings, "prohibited": c.prohibitedFindings, "missing": c.missingDisclosures,
                "coach": c.coach.map(call), "praise": c.praise.map(call), "hasCoach": !c.coach.isEmpty, "hasPraise": !c.praise.isEmpty]
    }
}
