import CandorCore
import CandorStore
import Foundation
import Hummingbird
import Mustache

/// The compliance review queue (account events that consumer findings opened), the
/// recording behind each (decrypted, scope-checked) and the legal hold. Reviewing needs the
/// compliance role; listening needs supervisor (coaching) or above. Every review is audited.
struct SpeechReviewController {
    let services: AppServices
    let templates: MustacheLibrary
    var store: SQLStore { services.store }

    init(services: AppServices, templates: MustacheLibrary) { self.services = services; self.templates = templates }

    struct EventsResponse: ResponseEncodable { let events: [AccountEventView] }
    struct ReviewRequest: Decodable { let note: String? }
    struct HoldRequest: Decodable { let hold: Bool; let reason: String? }
    struct RecordingResponse: ResponseEncodable {
        let recording: StoredRecording
        let analysis: SpeechJobState?
    }

    func addRoutes(to router: Router<CandorRequestContext>) {
        router.get("api/account-events") { request, context -> EventsResponse in
            try context.require(.compliance)
            let status = try Self.status(request)
            return EventsResponse(events: try await store.accountEvents(status: status, withinClients: try context.scopeFilter(),
                                                                        cipher: services.cipher))
        }
        router.get("api/account-events/:id") { _, context -> AccountEventView in
            try context.require(.compliance)
            return try await event(context)
        }
        for decision in [ReviewDecision.confirm, .dismiss] {
            router.post(RouterPath("api/account-events/:id/\(decision.rawValue)")) { request, context -> Response in
                let me = try context.require(.compliance)
                let event = try await event(context)
                var request = request
                let form = SessionMiddleware.isForm(request)
                var note: String?
                if form {
                    let body = try await request.collectBody(upTo: context.maxUploadSize)
                    note = SessionMiddleware.formField("note", in: String(buffer: body))
                } else if try await request.collectBody(upTo: context.maxUploadSize).readableBytes > 0 {
                    note = try await request.decodeJSON(as: ReviewRequest.self, context: context).note
                }
                note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
                if note?.isEmpty == true { note = nil }
                guard (note?.count ?? 0) <= 2000 else { throw APIError.badRequest("note is at most 2000 characters", field: "note") }
                let reviewed = try await store.reviewAccountEvent(id: event.id, decision: decision, note: note, by: me.user.id)
                if form { return Response(status: .seeOther, headers: [.location: "/review"]) }
                return try reviewed.response(from: request, context: context)
            }
        }
        router.get("api/recordings/:id") { _, context -> RecordingResponse in
            try context.require(.supervisor)
            let recording = try await recording(context)
            return RecordingResponse(recording: recording, analysis: try await store.speechJob(recording: recording.id))
        }
        router.get("api/recordings/:id/audio") { request, context -> Response in
            let me = try context.require(.supervisor)
            let recording = try await recording(context)
            guard recording.deletedAt == nil else { throw APIError(.gone, RecordingError.deleted(recording.id).description) }
            let vault = services.recordings
            let total = Int(recording.byteCount)
            let range = ByteRange(header: request.headers[.range], total: total)
            if range == .unsatisfiable {
                return Response(status: .rangeNotSatisfiable, headers: [.contentRange: "bytes */\(total)", .acceptRanges: "bytes"])
            }
            // First pass: decrypt and check the SHA-256, so a damaged file is a clear error, never
            // half an answer. Second pass: stream the asked bytes out a chunk at a time.
            try await vault.read(path: recording.storagePath, recording: recording.id, expectedSHA256: recording.sha256) { _ in }
            let (lower, upper) = if case .partial(let l, let u) = range { (l, u) } else { (0, total - 1) }
            // A player seeking sends many range requests: a listen is audited once, from its start.
            if lower == 0 {
                try await store.recordAudit(actor: me.user.id, action: "recording.listen", subject: "account:\(recording.accountID)",
                                            details: ["recording": recording.id])
            }
            let body = ResponseBody(contentLength: upper - lower + 1) { writer in
                var offset = 0
                try await vault.read(path: recording.storagePath, recording: recording.id, expectedSHA256: recording.sha256) { chunk in
                    defer { offset += chunk.count }
                    let from = max(lower, offset), to = min(upper + 1, offset + chunk.count)
                    guard from < to else { return }
                    try await writer.write(ByteBuffer(bytes: chunk[(chunk.startIndex + from - offset)..<(chunk.startIndex + to - offset)]))
                }
                try await writer.finish(nil)
            }
            var headers: HTTPFields = [.contentType: "audio/wav", .cacheControl: "no-store", .acceptRanges: "bytes"]
            if case .partial = range { headers[.contentRange] = "bytes \(lower)-\(upper)/\(total)" }
            return Response(status: range == .whole ? .ok : .partialContent, headers: headers, body: body)
        }
        router.post("api/recordings/:id/legal-hold") { request, context -> Response in
            let me = try context.require(.compliance)
            let recording = try await recording(context)
            var request = request
            let hold: HoldRequest
            if SessionMiddleware.isForm(request) {
                let text = String(buffer: try await request.collectBody(upTo: context.maxUploadSize))
                guard let h = SessionMiddleware.formField("hold", in: text), ["true", "false"].contains(h) else {
                    throw APIError.badRequest("hold must be true or false", field: "hold")
                }
                hold = HoldRequest(hold: h == "true", reason: SessionMiddleware.formField("reason", in: text))
            } else {
                hold = try await request.decodeJSON(as: HoldRequest.self, context: context)
            }
            guard (hold.reason?.count ?? 0) <= 500 else { throw APIError.badRequest("reason is at most 500 characters", field: "reason") }
            let updated = try await store.setLegalHold(recording: recording.id, hold: hold.hold, reason: hold.reason, by: me.user.id)
            if SessionMiddleware.isForm(request) { return Response(status: .seeOther, headers: [.location: "/review"]) }
            return try RecordingResponse(recording: updated, analysis: try await store.speechJob(recording: updated.id))
                .response(from: request, context: context)
        }
        router.get("review") { request, context -> HTML in
            try context.require(.compliance)
            let status = try Self.status(request)
            let events = try await store.accountEvents(status: status, withinClients: try context.scopeFilter(), cipher: services.cipher)
            return try templates.page("review", ReviewPage.context(events, status: status), for: context)
        }
    }

    static func status(_ request: Request) throws -> AccountEventStatus? {
        guard let s = request.uri.queryParameters["status"].map(String.init) else { return .pending }
        if s == "all" { return nil }
        guard let status = AccountEventStatus(rawValue: s) else {
            throw APIError.badRequest("status must be pending, confirmed, dismissed or all", field: "status")
        }
        return status
    }

    /// An event of a client outside the user's scope is reported as missing.
    func event(_ context: CandorRequestContext) async throws -> AccountEventView {
        let id = try context.parameters.require("id")
        guard let event = try await store.accountEvent(id: id, cipher: services.cipher),
              try context.signedIn().user.scope.allows(event.clientCode) else {
            throw APIError.notFound("no account event \(id)")
        }
        return event
    }

    /// A recording of a client outside the user's scope is reported as missing.
    func recording(_ context: CandorRequestContext) async throws -> StoredRecording {
        let id = try context.parameters.require("id")
        guard let recording = try await store.recording(id: id),
              let code = try await store.clientCode(ofAccount: Account.ID(recording.accountID)),
              try context.signedIn().user.scope.allows(code) else {
            throw APIError.notFound("no recording \(id)")
        }
        return recording
    }

}

extension AccountEventView: ResponseEncodable {}

enum ReviewPage {
    static func context(_ events: [AccountEventView], status: AccountEventStatus?) -> [String: Any] {
        [
            "title": "Review queue", "statusName": status?.rawValue ?? "all", "count": events.count, "empty": events.isEmpty,
            "events": events.map { e -> [String: Any] in
                [
                    "id": e.id, "accountID": e.accountID, "client": e.clientCode, "number": e.clientAccountNumber,
                    "recordingID": e.recordingID, "kind": e.kind, "action": e.action, "code": e.findingCode,
                    "excerpt": e.excerpt ?? "", "at": String(format: "%.1f–%.1f s", e.start, e.end),
                    "confidence": String(format: "%.0f%%", e.confidence * 100), "status": e.status.rawValue,
                    "pending": e.status == .pending, "effects": e.effects.joined(separator: "; "),
                    "opened": ISO8601Instant.format(e.createdAt), "reviewedBy": e.reviewedBy ?? "", "note": e.reviewNote ?? "",
                    "held": e.recordingLegalHold, "heldBy": e.recordingLegalHoldBy ?? "", "deleted": e.recordingDeleted,
                    "transcript": e.transcript.map { t in
                        ["speaker": t.speaker.rawValue, "at": String(format: "%.1f s", t.start), "text": t.text,
                         "finding": t.end >= e.start && t.start <= e.end]
                    },
                ]
            },
        ]
    }
}
