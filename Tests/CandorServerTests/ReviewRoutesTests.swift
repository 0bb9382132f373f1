import CandorCore
@testable import CandorServer
import CandorSpeech
import CandorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// A TRANSCRIPT-LEVEL ENGINE DOUBLE (not the real engine): every recording "sounds like" the
/// same scripted transcript, which the real bundled detector then analyses.
struct ScriptedTranscriptDouble: RecordingAnalyzer {
    let turns: [(Speaker, String)]
    func analyze(wavURL: URL) async throws -> CallAnalysis {
        let audio = try WAVReader.read(url: wavURL)
        let heard = turns.enumerated().map { i, t in HeardTurn(speaker: t.0, start: Double(i) * 4, end: Double(i) * 4 + 3, hearings: [t.1]) }
        return SpeechAnalyzer(engine: NoEngine(), detector: try .bundled())
            .analyze(transcript: heard, call: wavURL.lastPathComponent, duration: audio.duration, channels: 2)
    }
}

struct NoEngine: TranscriptionEngine {
    var sampleRate: Int { 16_000 }
    func transcribe(_ samples: [Float]) async throws -> String { throw TranscriptionError.engineUnavailable("transcript-level double") }
    func shutdown() async {}
}

/// ACME and BETA, one account each, one recorded call each in which the consumer asks us to
/// stop calling: analysed, so each has a pending cease-request event.
struct ReviewFixture: Sendable {
    let acmeAccount, betaAccount, acmeRecording, betaRecording, acmeEvent, betaEvent: String
    let wav: Data

    static func make(_ admin: any TestClientProtocol, _ services: AppServices) async throws -> ReviewFixture {
        for code in ["ACME", "BETA"] { _ = try await services.store.addClient(code: code, name: code.capitalized) }
        try await admin.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: sampleCSV)) { _ in }
        try await admin.execute(uri: "/api/placements?client=BETA", method: .post, body: ByteBuffer(string: dallasCSV)) { _ in }
        let audio = PCMAudio(sampleRate: 8000, channels: [(0..<8000).map { Float(sin(Double($0) * 0.05)) * 0.3 }, [Float](repeating: 0.1, count: 8000)])
        let wavData = WAVReader.encode(audio)
        var ids: [String: (String, String)] = [:]
        for code in ["ACME", "BETA"] {
            let summary = try #require(try await services.store.accounts(AccountQuery(clientCode: code)).accounts.first)
            let detail = try #require(try await services.store.account(id: summary.id))
            let attempt = try await services.store.recordAttempt(ContactAttemptInput(
                consumerID: detail.consumer.id, accountIDs: [summary.id], at: pinnedNow.addingTimeInterval(-8 * 86_400), channel: .phone,
                outcome: .conversation, source: "agent", recordedBy: "cora"))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("candor-http-rec-\(UUID().uuidString).wav")
            try wavData.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let r = try await services.store.storeRecording(file: file, attemptID: attempt, accountID: summary.id, by: "cora", vault: services.recordings)
            ids[code] = (summary.id.rawValue, r.id)
        }
        let worker = SpeechWorker(store: services.store, vault: services.recordings, cipher: services.cipher,
                                  analyzer: ScriptedTranscriptDouble(turns: [(.agent, "This call is recorded. This is an attempt to collect a debt."),
                                                                             (.consumer, "Please stop calling me.")]))
        let done = try await worker.drain()
        #expect(done.map(\.status) == ["done", "done"])
        let events = try await services.store.accountEvents(status: .pending, withinClients: nil)
        func event(_ code: String) throws -> String { try #require(events.first { $0.clientCode == code }).id }
        return ReviewFixture(acmeAccount: ids["ACME"]!.0, betaAccount: ids["BETA"]!.0, acmeRecording: ids["ACME"]!.1,
                             betaRecording: ids["BETA"]!.1, acmeEvent: try event("ACME"), betaEvent: try event("BETA"), wav: wavData)
    }
}

@Suite("Compliance review queue, recordings and quality over HTTP")
struct ReviewRoutesTests {
    @Test("a collector gets 403 on the review queue, the reviews, the recordings and the quality page; a supervisor may listen but not review")
    func roles() async throws {
        try await withApp { admin, services in
            let fx = try await ReviewFixture.make(admin, services)
            let cora = try await signIn(services, "cora", role: .collector, clients: ["ACME"])
            let sam = try await signIn(services, "sam", role: .supervisor, clients: ["ACME"])
            let json: HTTPFields = [.contentType: "application/json"]
            for (method, uri) in [(HTTPRequest.Method.get, "/api/account-events"), (.get, "/api/account-events/\(fx.acmeEvent)"),
                                  (.post, "/api/account-events/\(fx.acmeEvent)/confirm"), (.post, "/api/account-events/\(fx.acmeEvent)/dismiss"),
                                  (.get, "/api/recordings/\(fx.acmeRecording)"), (.get, "/api/recordings/\(fx.acmeRecording)/audio"),
                                  (.post, "/api/recordings/\(fx.acmeRecording)/legal-hold"), (.get, "/review"), (.get, "/quality"),
                                  (.get, "/api/quality/collectors")] {
                var headers = json
                headers[.authorization] = "Bearer \(cora)"
                try await admin.execute(uri: uri, method: method, headers: headers, body: method == .post ? ByteBuffer(string: "{}") : nil) { r in
                    #expect(r.status == .forbidden, "\(method) \(uri)")
                }
            }
            var supervisor = json
            supervisor[.authorization] = "Bearer \(sam)"
            var whole = ByteBuffer()
            try await admin.execute(uri: "/api/recordings/\(fx.acmeRecording)/audio", method: .get, headers: supervisor) { r in
                #expect(r.status == .ok && r.headers[.acceptRanges] == "bytes")
                whole = r.body
            }
            // A player seeking: byte ranges of the same bytes, 206 with Content-Range; past the end, 416.
            let total = whole.readableBytes
            for (range, lower, upper) in [("bytes=0-43", 0, 43), ("bytes=1000-", 1000, total - 1), ("bytes=-10", total - 10, total - 1),
                                          ("bytes=\(total - 5)-\(total + 100)", total - 5, total - 1)] {
                var h = supervisor
                h[.range] = range
                try await admin.execute(uri: "/api/recordings/\(fx.acmeRecording)/audio", method: .get, headers: h) { r in
                    #expect(r.status == .partialContent, "\(range)")
                    #expect(r.headers[.contentRange] == "bytes \(lower)-\(upper)/\(total)", "\(range)")
                    let bytes = r.body.getBytes(at: r.body.readerIndex, length: r.body.readableBytes) ?? []
                    let all = whole.getBytes(at: whole.readerIndex, length: whole.readableBytes) ?? []
                    #expect(bytes == Array(all[lower...upper]), "\(range)")
                }
            }
            var past = supervisor
            past[.range] = "bytes=\(total)-"
            try await admin.execute(uri: "/api/recordings/\(fx.acmeRecording)/audio", method: .get, headers: past) { r in
                #expect(r.status == .rangeNotSatisfiable && r.headers[.contentRange] == "bytes */\(total)")
            }
            try await admin.execute(uri: "/api/account-events/\(fx.acmeEvent)/confirm", method: .post, headers: supervisor, body: ByteBuffer(string: "{}")) { r in
                #expect(r.status == .forbidden)
            }
            #expect(try await services.store.accountEvents(status: .pending, withinClients: nil).count == 2, "nothing was reviewed")
        }
    }

    @Test("the account page tells the collector what speech analytics heard and did, pending review")
    func accountPageShowsEvents() async throws {
        try await withApp { admin, services in
            let fx = try await ReviewFixture.make(admin, services)
            let collector = try await signIn(services, "cora", role: .collector, clients: ["ACME"])
            let page = try await admin.execute(uri: "/accounts/\(fx.acmeAccount)", method: .get,
                                               headers: [.authorization: "Bearer \(collector)"]) { String(buffer: $0.body) }
            #expect(page.contains("Heard on calls (speech analytics)"))
            #expect(page.contains("cease request") && page.contains("pending"))
            // The call pause shows in the contactability too.
            #expect(page.contains("CEASE_COMMUNICATION"))
        }
    }

    @Test("a recording is uploaded over HTTP for a logged call: stored, hashed, queued; not a WAV or a wrong account is refused")
    func upload() async throws {
        try await withApp { admin, services in
            let fx = try await ReviewFixture.make(admin, services)
            let collector = try await signIn(services, "cole", role: .collector, clients: ["ACME"])
            let detail = try #require(try await services.store.account(id: Account.ID(fx.acmeAccount)))
            let attempt = try await services.store.recordAttempt(ContactAttemptInput(
                consumerID: detail.consumer.id, accountIDs: [detail.account.id], at: pinnedNow.addingTimeInterval(-3_600), channel: .phone,
                outcome: .conversation, source: "agent", recordedBy: "cole"))
            let h: HTTPFields = [.authorization: "Bearer \(collector)", .contentType: "audio/wav"]
            try await admin.execute(uri: "/api/contact-attempts/\(attempt)/recording?account=\(fx.acmeAccount)", method: .post, headers: h,
                                    body: ByteBuffer(string: "this is not audio")) { r in
                #expect(r.status == .badRequest)
                #expect(String(buffer: r.body).contains("not a WAV"))
            }
            try await admin.execute(uri: "/api/contact-attempts/\(attempt)/recording", method: .post, headers: h, body: ByteBuffer(data: fx.wav)) { r in
                #expect(r.status == .badRequest)
            }
            try await admin.execute(uri: "/api/contact-attempts/\(attempt)/recording?account=\(fx.betaAccount)", method: .post, headers: h,
                                    body: ByteBuffer(data: fx.wav)) { r in #expect(r.status == .notFound) }
            let id = try await admin.execute(uri: "/api/contact-attempts/\(attempt)/recording?account=\(fx.acmeAccount)", method: .post, headers: h,
                                             body: ByteBuffer(data: fx.wav)) { r in
                #expect(r.status == .created)
                let body = try json(r.body)
                let recording = try #require(body["recording"] as? [String: Any])
                #expect((body["analysis"] as? [String: Any])?["status"] as? String == "queued")
                return try #require(recording["id"] as? String)
            }
            let stored = try #require(try await services.store.recording(id: id))
            #expect(stored.byteCount == Int64(fx.wav.count) && stored.attemptID == attempt)
        }
    }

    @Test("compliance of client ACME sees ACME's events only, and BETA's recording and event answer 404 as if absent")
    func scope() async throws {
        try await withApp { admin, services in
            let fx = try await ReviewFixture.make(admin, services)
            let carla = try await signIn(services, "carla", role: .compliance, clients: ["ACME"])
            var h: HTTPFields = [.contentType: "application/json"]
            h[.authorization] = "Bearer \(carla)"
            try await admin.execute(uri: "/api/account-events", method: .get, headers: h) { r in
                #expect(r.status == .ok)
                let events = try #require(try json(r.body)["events"] as? [[String: Any]])
                #expect(events.map { $0["id"] as? String } == [fx.acmeEvent])
                #expect(events.first?["excerpt"] as? String == "stop calling me", "the words that triggered the finding")
                let transcript = events.first?["transcript"] as? [[String: Any]]
                #expect(transcript?.contains { $0["text"] as? String == "Please stop calling me." && $0["speaker"] as? String == "consumer" } == true)
                #expect(!String(buffer: r.body).contains(fx.betaAccount))
            }
            try await admin.execute(uri: "/review", method: .get, headers: h) { r in
                let page = String(buffer: r.body)
                #expect(r.status == .ok && page.contains(fx.acmeEvent) && !page.contains(fx.betaEvent))
                #expect(page.contains("<audio") && page.contains("/api/recordings/\(fx.acmeRecording)/audio"))
            }
            for (method, uri) in [(HTTPRequest.Method.get, "/api/recordings/\(fx.betaRecording)/audio"), (.get, "/api/recordings/\(fx.betaRecording)"),
                                  (.get, "/api/account-events/\(fx.betaEvent)"), (.post, "/api/account-events/\(fx.betaEvent)/confirm"),
                                  (.post, "/api/account-events/\(fx.betaEvent)/dismiss"), (.post, "/api/recordings/\(fx.betaRecording)/legal-hold")] {
                try await admin.execute(uri: uri, method: method, headers: h,
                                        body: method == .post ? ByteBuffer(string: #"{"hold":true,"reason":"x"}"#) : nil) { r in
                    #expect(r.status == .notFound, "\(method) \(uri)")
                    #expect(!String(buffer: r.body).contains("Please stop"))
                }
            }
            let beta = try #require(try await services.store.accountEvent(id: fx.betaEvent))
            #expect(beta.status == .pending)
            #expect(try await services.store.recording(id: fx.betaRecording)?.legalHold == false)
        }
    }

    @Test("the review page confirms with the session's CSRF token (without it: 403, nothing changes); JSON dismisses; both audited")
    func confirmAndDismiss() async throws {
        try await withApp { admin, services in
            let fx = try await ReviewFixture.make(admin, services)
            _ = try await signIn(services, "carla", role: .compliance, clients: ["ACME", "BETA"])
            let session = try #require(try json(try await apiSignIn(admin, "carla", testPassword).body)["token"] as? String)
            let page = try await admin.execute(uri: "/review", method: .get, headers: [.cookie: "candor_session=\(session)", .authorization: ""]) {
                String(buffer: $0.body)
            }
            let token = try #require(hiddenField(page, "csrf_token"))
            var form0 = formType
            form0[.authorization] = ""
            #expect(page.contains(#"action="/api/account-events/\#(fx.acmeEvent)/confirm" style="display:inline"><input type="hidden" name="csrf_token" value="\#(token)""#),
                    "each review form carries the session's token")
            var browser = form0
            browser[.cookie] = "candor_session=\(session)"
            try await admin.execute(uri: "/api/recordings/\(fx.acmeRecording)/legal-hold", method: .post, headers: browser,
                                    body: formBody(["csrf_token": token, "hold": "true", "reason": "Lopez v. Acme"])) { r in
                #expect(r.status == .seeOther)
            }
            let held = try await admin.execute(uri: "/review", method: .get, headers: [.cookie: "candor_session=\(session)", .authorization: ""]) {
                String(buffer: $0.body)
            }
            #expect(held.contains("legal hold</span> <span class=\"muted\">set by carla"))
            #expect(try await services.store.recording(id: fx.acmeRecording)?.legalHoldReason == "Lopez v. Acme")
            try await admin.execute(uri: "/api/account-events?status=maybe", method: .get, headers: [.authorization: "Bearer \(session)"]) { r in
                #expect(r.status == .badRequest)
                let body = try json(r.body)
                #expect((body["error"] as? [String: Any])?["field"] as? String == "status")
            }
            var form = formType
            form[.cookie] = "candor_session=\(session)"
            form[.authorization] = ""
            try await admin.execute(uri: "/api/account-events/\(fx.acmeEvent)/confirm", method: .post, headers: form,
                                    body: formBody(["note": "heard it"])) { r in #expect(r.status == .forbidden) }
            #expect(try await services.store.accountEvent(id: fx.acmeEvent)?.status == .pending)
            try await admin.execute(uri: "/api/account-events/\(fx.acmeEvent)/confirm", method: .post, headers: form,
                                    body: formBody(["csrf_token": token, "note": "heard it"])) { r in
                #expect(r.status == .seeOther && r.headers[.location] == "/review")
            }
            let confirmed = try #require(try await services.store.accountEvent(id: fx.acmeEvent))
            #expect(confirmed.status == .confirmed && confirmed.reviewedBy == "carla" && confirmed.reviewNote == "heard it")
            let flags = try await services.database.sql.raw("""
                SELECT set_by FROM account_flags WHERE account_id = \(bind: fx.acmeAccount) AND flag = 'cease' AND cleared_at IS NULL
                """).all().map { try $0.decode(column: "set_by", as: String.self) }
            let carlaID = try #require(try await services.store.credentials(username: "carla")).user.id
            #expect(flags == [carlaID], "the standing flag is set in the reviewer's user ID")

            try await admin.execute(uri: "/api/account-events/\(fx.betaEvent)/dismiss", method: .post,
                                    headers: [.contentType: "application/json", .authorization: "Bearer \(session)"],
                                    body: ByteBuffer(string: #"{"note":"said to someone else"}"#)) { r in
                #expect(r.status == .ok)
                let body = try json(r.body)
                #expect(body["status"] as? String == "dismissed")
            }
            try await admin.execute(uri: "/api/account-events/\(fx.betaEvent)/confirm", method: .post,
                                    headers: [.contentType: "application/json", .authorization: "Bearer \(session)"]) { r in
                #expect(r.status == .conflict)
            }
            let state = try #require(try await services.store.contactState(account: Account.ID(fx.betaAccount), now: pinnedNow))
            #expect(state.account.flags.isEmpty, "dismissal lifted the pause")
            let audit = try await services.store.auditEntries(subject: "account:\(fx.acmeAccount)").map(\.action)
            #expect(audit.contains("account_event.confirm"))
        }
    }

    @Test("a confirmed event stores the reviewer's user ID; the API shows reviewed_by as the username and reviewed_by_id as the ID, the review page the username")
    func reviewerStoredByID() async throws {
        try await withApp { admin, services in
            let fx = try await ReviewFixture.make(admin, services)
            let carla = try await signIn(services, "carla", role: .compliance, clients: ["ACME"])
            let carlaID = try #require(try await services.store.credentials(username: "carla")).user.id
            let h: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(carla)"]
            try await admin.execute(uri: "/api/account-events/\(fx.acmeEvent)/confirm", method: .post, headers: h,
                                    body: ByteBuffer(string: #"{"note":"heard it"}"#)) { r in
                #expect(r.status == .ok)
                let body = try json(r.body)
                #expect(body["reviewed_by"] as? String == "carla" && body["reviewed_by_id"] as? String == carlaID)
            }
            let stored = try await services.database.sql.raw("SELECT reviewed_by FROM account_events WHERE id = \(bind: fx.acmeEvent)")
                .first()?.decode(column: "reviewed_by", as: String?.self)
            #expect(stored == carlaID, "stored as the user ID, like dispositions and payments")
            try await admin.execute(uri: "/api/account-events/\(fx.acmeEvent)", method: .get, headers: h) { r in
                let body = try json(r.body)
                #expect(body["reviewed_by"] as? String == "carla" && body["reviewed_by_id"] as? String == carlaID)
            }
            try await admin.execute(uri: "/api/account-events?status=all", method: .get, headers: h) { r in
                let events = try #require(try json(r.body)["events"] as? [[String: Any]])
                let event = try #require(events.first { $0["id"] as? String == fx.acmeEvent })
                #expect(event["reviewed_by"] as? String == "carla" && event["reviewed_by_id"] as? String == carlaID)
            }
            try await admin.execute(uri: "/review?status=confirmed", method: .get, headers: [.authorization: "Bearer \(carla)"]) { r in
                let page = String(buffer: r.body)
                #expect(page.contains("<dt>Reviewed by</dt><dd>carla heard it</dd>") && !page.contains(carlaID))
            }
            let audit = try await services.store.auditEntries(subject: "account:\(fx.acmeAccount)").filter { $0.action == "account_event.confirm" }
            #expect(audit.map(\.actor) == [carlaID], "audited with the user ID as actor")
        }
    }

    @Test("a legal hold and an upload over HTTP store the user's ID; the API shows legal_hold_by and created_by as usernames with *_id beside them, the review page the username")
    func holdAndUploadStoredByID() async throws {
        try await withApp { admin, services in
            let fx = try await ReviewFixture.make(admin, services)
            let carla = try await signIn(services, "carla", role: .compliance, clients: ["ACME"])
            let cole = try await signIn(services, "cole", role: .collector, clients: ["ACME"])
            let carlaID = try #require(try await services.store.credentials(username: "carla")).user.id
            let coleID = try #require(try await services.store.credentials(username: "cole")).user.id
            func column(_ name: String, _ id: String) async throws -> String? {
                try await services.database.sql.raw("SELECT \(unsafeRaw: name) FROM recordings WHERE id = \(bind: id)").first()?
                    .decode(column: name, as: String?.self)
            }

            let h: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(carla)"]
            try await admin.execute(uri: "/api/recordings/\(fx.acmeRecording)/legal-hold", method: .post, headers: h,
                                    body: ByteBuffer(string: #"{"hold":true,"reason":"subpoena 42"}"#)) { r in
                #expect(r.status == .ok)
                let rec = try #require(try json(r.body)["recording"] as? [String: Any])
                #expect(rec["legal_hold_by"] as? String == "carla" && rec["legal_hold_by_id"] as? String == carlaID)
            }
            #expect(try await column("legal_hold_by", fx.acmeRecording) == carlaID, "stored as the user ID, like every actor column")
            try await admin.execute(uri: "/api/recordings/\(fx.acmeRecording)", method: .get, headers: h) { r in
                let rec = try #require(try json(r.body)["recording"] as? [String: Any])
                #expect(rec["legal_hold_by"] as? String == "carla" && rec["legal_hold_by_id"] as? String == carlaID)
            }
            try await admin.execute(uri: "/api/account-events/\(fx.acmeEvent)", method: .get, headers: h) { r in
                let body = try json(r.body)
                #expect(body["recording_legal_hold_by"] as? String == "carla" && body["recording_legal_hold_by_id"] as? String == carlaID)
            }
            try await admin.execute(uri: "/review", method: .get, headers: [.authorization: "Bearer \(carla)"]) { r in
                let page = String(buffer: r.body)
                #expect(page.contains("set by carla") && !page.contains(carlaID))
            }
            let holds = try await services.store.auditEntries(subject: "account:\(fx.acmeAccount)").filter { $0.action == "recording.legal_hold.set" }
            #expect(holds.map(\.actor) == [carlaID], "audited with the user ID as actor")

            let detail = try #require(try await services.store.account(id: Account.ID(fx.acmeAccount)))
            let attempt = try await services.store.recordAttempt(ContactAttemptInput(
                consumerID: detail.consumer.id, accountIDs: [detail.account.id], at: pinnedNow.addingTimeInterval(-3_600), channel: .phone,
                outcome: .conversation, source: "agent", recordedBy: coleID))
            let id = try await admin.execute(uri: "/api/contact-attempts/\(attempt)/recording?account=\(fx.acmeAccount)", method: .post,
                                             headers: [.authorization: "Bearer \(cole)", .contentType: "audio/wav"], body: ByteBuffer(data: fx.wav)) { r in
                #expect(r.status == .created)
                let rec = try #require(try json(r.body)["recording"] as? [String: Any])
                #expect(rec["created_by"] as? String == "cole" && rec["created_by_id"] as? String == coleID)
                return try #require(rec["id"] as? String)
            }
            #expect(try await column("created_by", id) == coleID)
            try await admin.execute(uri: "/api/recordings/\(id)", method: .get, headers: h) { r in
                let rec = try #require(try json(r.body)["recording"] as? [String: Any])
                #expect(rec["created_by"] as? String == "cole" && rec["created_by_id"] as? String == coleID)
                #expect(rec["legal_hold_by"] == nil && rec["legal_hold_by_id"] == nil, "no hold decision yet")
            }
            let stores = try await services.store.auditEntries(subject: "account:\(fx.acmeAccount)")
                .filter { $0.action == "recording.store" && $0.details.contains(id) }
            #expect(stores.map(\.actor) == [coleID])
        }
    }

    @Test("the audio route streams the decrypted WAV; a damaged file is a clear integrity error; legal hold is kept with who and when")
    func audioAndHold() async throws {
        try await withApp { admin, services in
            let fx = try await ReviewFixture.make(admin, services)
            try await admin.execute(uri: "/api/recordings/\(fx.acmeRecording)/audio", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "audio/wav")
                #expect(Data(buffer: r.body) == fx.wav)
            }
            try await admin.execute(uri: "/api/recordings/\(fx.acmeRecording)/legal-hold", method: .post,
                                    headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"hold":true}"#)) { r in
                #expect(r.status == .badRequest)
                let body = try json(r.body)
                #expect((body["error"] as? [String: Any])?["field"] as? String == "reason")
            }
            try await admin.execute(uri: "/api/recordings/\(fx.acmeRecording)/legal-hold", method: .post,
                                    headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"hold":"yes"}"#)) { r in
                #expect(r.status == .badRequest)
                let body = try json(r.body)
                #expect((body["error"] as? [String: Any])?["field"] as? String == "hold")
            }
            try await admin.execute(uri: "/api/recordings/\(fx.acmeRecording)/legal-hold", method: .post,
                                    headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"hold":true,"reason":"subpoena 42"}"#)) { r in
                #expect(r.status == .ok)
                let rec = try #require(try json(r.body)["recording"] as? [String: Any])
                #expect(rec["legal_hold"] as? Bool == true && rec["legal_hold_by"] as? String == "root" && rec["legal_hold_reason"] as? String == "subpoena 42")
            }
            let recording = try #require(try await services.store.recording(id: fx.acmeRecording))
            let path = services.recordings.directory.appendingPathComponent(recording.storagePath)
            var data = try Data(contentsOf: path)
            data[data.count - 3] ^= 0x10
            try data.write(to: path)
            try await admin.execute(uri: "/api/recordings/\(fx.acmeRecording)/audio", method: .get) { r in
                #expect(r.status == .internalServerError)
                #expect(String(buffer: r.body).contains("fails its integrity check"))
            }
        }
    }

    @Test("the quality page and JSON give each collector's score and the calls to coach")
    func quality() async throws {
        try await withApp { admin, services in
            _ = try await ReviewFixture.make(admin, services)
            _ = try await services.store.addUser(username: "cora", displayName: "Cora Collector", passwordHash: "x", role: .collector, clientCodes: ["ACME"])
            let sam = try await signIn(services, "sam", role: .supervisor, clients: ["ACME"])
            try await admin.execute(uri: "/api/quality/collectors", method: .get, headers: [.authorization: "Bearer \(sam)"]) { r in
                #expect(r.status == .ok)
                let collectors = try #require(try json(r.body)["collectors"] as? [[String: Any]])
                #expect(collectors.count == 1)
                #expect(collectors.first?["username"] as? String == "cora" && collectors.first?["calls"] as? Int == 1, "ACME's call only")
                #expect((collectors.first?["praise"] as? [Any])?.count == 1)
            }
            try await admin.execute(uri: "/api/quality/collectors?since=yesterday", method: .get, headers: [.authorization: "Bearer \(sam)"]) { r in
                #expect(r.status == .badRequest)
            }
            try await admin.execute(uri: "/quality", method: .get, headers: [.authorization: "Bearer \(sam)"]) { r in
                #expect(r.status == .ok && String(buffer: r.body).contains("Cora Collector"))
            }
        }
    }
}

@Suite struct ByteRangeTests {
    @Test("Range headers: one range, open-ended, suffix, clamped; invalid or multiple ranges mean the whole body; past the end is 416")
    func parsing() {
        #expect(ByteRange(header: nil, total: 100) == .whole)
        #expect(ByteRange(header: "bytes=0-9", total: 100) == .partial(lower: 0, upper: 9))
        #expect(ByteRange(header: "bytes=90-", total: 100) == .partial(lower: 90, upper: 99))
        #expect(ByteRange(header: "bytes=-30", total: 100) == .partial(lower: 70, upper: 99))
        #expect(ByteRange(header: "bytes=-300", total: 100) == .partial(lower: 0, upper: 99))
        #expect(ByteRange(header: "bytes=50-500", total: 100) == .partial(lower: 50, upper: 99))
        #expect(ByteRange(header: "bytes=100-", total: 100) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=-0", total: 100) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=9-2", total: 100) == .whole)
        #expect(ByteRange(header: "bytes=0-1,5-6", total: 100) == .whole)
        #expect(ByteRange(header: "items=0-1", total: 100) == .whole)
        #expect(ByteRange(header: "bytes=abc", total: 100) == .whole)
    }
}
