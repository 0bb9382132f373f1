import CandorCore
import CandorServer
import CandorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// One request a user of client ACME makes against client BETA's data, and what must happen.
struct ScopeProbe: Sendable {
    enum Who: Sendable { case collector, supervisor, anonymous }
    let route: String
    let who: Who
    let uri: String
    var body: String? = nil
    var headers: HTTPFields = [.contentType: "application/json"]
    let expect: @Sendable (TestResponse) throws -> Void
}

/// What only client BETA's data contains.
struct BetaData: Sendable {
    let account: String, campaign: String, spareToken: String, payment: String
    var recording: String = "r"
    var markers: [String] { [account, campaign, "BETA", "Smith", "BetaCampaign", "beta-file.csv", "beta-agent"] }
}

/// A bank debit on a BETA account, taken by the admin before the probes.
let betaDebit = #"{"amount_cents":100,"method":"bank","bank":{"holder_name":"Beta Person","routing_number":"011000015","account_number":"12345678","sec_code":"WEB","debit_date":"2026-05-29"}}"#

@Suite("Client scope on every route")
struct ScopeTests {
    static func hidden(_ r: TestResponse) throws { #expect(r.status == .notFound, "expected 404, got \(r.status)") }
    static func forbidden(_ r: TestResponse) throws { #expect(r.status == .forbidden, "expected 403, got \(r.status)") }
    static func filtered(_ beta: BetaData) -> @Sendable (TestResponse) throws -> Void {
        { r in
            #expect(r.status == .ok)
            let text = String(buffer: r.body)
            for marker in beta.markers { #expect(!text.contains(marker), "\(marker) leaked") }
        }
    }
    static func status(_ s: HTTPResponse.Status) -> @Sendable (TestResponse) throws -> Void { { r in #expect(r.status == s) } }

    /// Every route the router serves, exercised by a user scoped to ACME against BETA.
    /// `tableCoversEveryRoute` fails when a route is added without a row here.
    static func probes(_ b: BetaData) -> [ScopeProbe] {
        let a = "/api/accounts/\(b.account)"
        return [
            .init(route: "GET /health", who: .anonymous, uri: "/health", expect: status(.ok)),
            .init(route: "GET /openapi.json", who: .anonymous, uri: "/openapi.json", expect: status(.ok)),
            .init(route: "GET /sign-in", who: .anonymous, uri: "/sign-in", expect: status(.ok)),
            .init(route: "POST /sign-in", who: .anonymous, uri: "/sign-in", body: "username=cora", headers: formType, expect: forbidden),
            .init(route: "POST /api/sessions", who: .anonymous, uri: "/api/sessions", body: #"{"username":"cora","password":"\#(testPassword)"}"#) { r in
                #expect(r.status == .created)
                let body = try json(r.body)
                #expect((body["user"] as? [String: Any])?["clients"] as? [String] == ["ACME"])
            },
            .init(route: "POST /sign-out", who: .anonymous, uri: "/sign-out", headers: [.authorization: "Bearer \(b.spareToken)"], expect: status(.seeOther)),
            .init(route: "GET /api/clients", who: .collector, uri: "/api/clients", expect: filtered(b)),
            .init(route: "POST /api/clients", who: .supervisor, uri: "/api/clients", body: #"{"code":"BETA2","name":"x"}"#, expect: forbidden),
            .init(route: "GET /api/placements", who: .collector, uri: "/api/placements", expect: filtered(b)),
            .init(route: "POST /api/placements", who: .supervisor, uri: "/api/placements?client=BETA", body: dallasCSV, expect: hidden),
            .init(route: "GET /api/accounts", who: .collector, uri: "/api/accounts?client=BETA", expect: filtered(b)),
            .init(route: "GET /api/accounts/{id}", who: .collector, uri: a, expect: hidden),
            .init(route: "POST /api/compliance/decide", who: .collector, uri: "/api/compliance/decide", body: "[]", expect: status(.ok)),
            .init(route: "GET /api/compliance/eligible-now", who: .collector, uri: "/api/compliance/eligible-now?client=BETA", expect: hidden),
            .init(route: "GET /api/accounts/{id}/contactability", who: .collector, uri: a + "/contactability", expect: hidden),
            .init(route: "POST /api/accounts/{id}/contact-attempts", who: .collector, uri: a + "/contact-attempts",
                  body: #"{"channel":"phone","outcome":"no_answer"}"#, expect: hidden),
            .init(route: "POST /api/accounts/{id}/flags", who: .collector, uri: a + "/flags", body: #"{"flag":"dispute"}"#, expect: hidden),
            .init(route: "POST /api/accounts/{id}/opt-outs", who: .collector, uri: a + "/opt-outs", body: #"{"channel":"phone"}"#, expect: hidden),
            .init(route: "POST /api/accounts/{id}/inconvenient-times", who: .collector, uri: a + "/inconvenient-times",
                  body: #"{"days":["mon"],"from":"09:00","to":"10:00"}"#, expect: hidden),
            .init(route: "POST /api/accounts/{id}/consent", who: .collector, uri: a + "/consent",
                  body: #"{"number":"2145550100","consent":true}"#, expect: hidden),
            .init(route: "POST /api/accounts/{id}/payments", who: .collector, uri: a + "/payments",
                  body: #"{"amount_cents":100,"method":"card","card_token":"tok_visa"}"#,
                  headers: [.contentType: "application/json", HTTPFields.Element.Name("Idempotency-Key")!: "scope-1"], expect: hidden),
            .init(route: "POST /api/payments/{id}/reversal", who: .supervisor, uri: "/api/payments/\(b.payment)/reversal",
                  body: #"{"reason":"chargeback"}"#, expect: hidden),
            .init(route: "GET /api/accounts/{id}/audit", who: .supervisor, uri: a + "/audit", expect: hidden),
            .init(route: "POST /api/accounts/{id}/bank-authorizations", who: .supervisor, uri: a + "/bank-authorizations",
                  body: #"{"routing_number":"011000015","account_number":"12345678","sec_code":"TEL","reference":"REC-1"}"#, expect: hidden),
            .init(route: "POST /api/accounts/{id}/bank-authorizations/revocations", who: .collector, uri: a + "/bank-authorizations/revocations",
                  body: #"{"routing_number":"011000015","account_number":"12345678","channel":"phone","reference":"REC-1"}"#, expect: hidden),
            .init(route: "GET /", who: .collector, uri: "/", expect: status(.seeOther)),
            .init(route: "GET /accounts", who: .collector, uri: "/accounts", expect: filtered(b)),
            .init(route: "GET /accounts/{id}", who: .collector, uri: "/accounts/\(b.account)", expect: hidden),
            .init(route: "GET /api/campaigns", who: .collector, uri: "/api/campaigns", expect: filtered(b)),
            .init(route: "POST /api/campaigns", who: .supervisor, uri: "/api/campaigns",
                  body: #"{"name":"x","client":"BETA","mode":"preview"}"#, expect: hidden),
            .init(route: "POST /api/campaigns/{id}/start", who: .supervisor, uri: "/api/campaigns/\(b.campaign)/start", expect: hidden),
            .init(route: "POST /api/campaigns/{id}/stop", who: .supervisor, uri: "/api/campaigns/\(b.campaign)/stop", expect: hidden),
            .init(route: "GET /api/campaigns/{id}/status", who: .collector, uri: "/api/campaigns/\(b.campaign)/status", expect: hidden),
            .init(route: "GET /api/agents/{id}/state", who: .collector, uri: "/api/agents/beta-agent/state", expect: hidden),
            .init(route: "GET /campaigns", who: .collector, uri: "/campaigns", expect: filtered(b)),
            .init(route: "GET /campaigns/{id}", who: .collector, uri: "/campaigns/\(b.campaign)", expect: hidden),
            .init(route: "POST /api/accounts/{id}/dispositions", who: .collector, uri: a + "/dispositions",
                  body: #"{"disposition":"cease_request"}"#, expect: hidden),
            .init(route: "GET /api/accounts/{id}/dispositions", who: .collector, uri: a + "/dispositions", expect: hidden),
            .init(route: "POST /api/accounts/{id}/dispositions/{disposition}/review", who: .supervisor, uri: a + "/dispositions/x/review", expect: hidden),
            .init(route: "GET /api/accounts/{id}/promises", who: .collector, uri: a + "/promises", expect: hidden),
            .init(route: "POST /api/accounts/{id}/plan-proposals", who: .collector, uri: a + "/plan-proposals",
                  body: #"{"budget":{"monthly_income_cents":100000},"first_due_date":"2026-06-01"}"#, expect: hidden),
            .init(route: "POST /api/accounts/{id}/plans", who: .collector, uri: a + "/plans",
                  body: #"{"total_cents":100,"installment_cents":100,"first_due_date":"2026-06-01"}"#, expect: hidden),
            .init(route: "GET /api/accounts/{id}/plans", who: .collector, uri: a + "/plans", expect: hidden),
            .init(route: "POST /api/accounts/{id}/notes", who: .collector, uri: a + "/notes", body: #"{"note":"x"}"#, expect: hidden),
            .init(route: "GET /api/accounts/{id}/notes", who: .collector, uri: a + "/notes", expect: hidden),
            .init(route: "GET /api/queue", who: .collector, uri: "/api/queue", expect: filtered(b)),
            .init(route: "POST /api/assignments", who: .supervisor, uri: "/api/assignments",
                  body: #"{"accounts":["\#(b.account)"],"user":"cora"}"#, expect: hidden),
            .init(route: "GET /api/supervisor", who: .supervisor, uri: "/api/supervisor", expect: filtered(b)),
            .init(route: "GET /api/clients/{code}/rules", who: .supervisor, uri: "/api/clients/BETA/rules", expect: hidden),
            .init(route: "PUT /api/clients/{code}/rules", who: .supervisor, uri: "/api/clients/BETA/rules", body: "{}", expect: forbidden),
            .init(route: "POST /accounts/{id}/dispositions", who: .collector, uri: "/accounts/\(b.account)/dispositions",
                  body: "disposition=cease_request", headers: formType, expect: hidden),
            .init(route: "POST /accounts/{id}/notes", who: .collector, uri: "/accounts/\(b.account)/notes", body: "note=x", headers: formType, expect: hidden),
            .init(route: "POST /accounts/{id}/payments", who: .collector, uri: "/accounts/\(b.account)/payments",
                  body: "amount=1&method=card&card_token=t&idempotency_key=k", headers: formType, expect: hidden),
            .init(route: "POST /accounts/{id}/bank-authorizations/revocations", who: .collector, uri: "/accounts/\(b.account)/bank-authorizations/revocations",
                  body: "routing_number=011000015&account_last4=6789&channel=phone&reference=R", headers: formType, expect: hidden),
            .init(route: "POST /accounts/{id}/plan-proposals", who: .collector, uri: "/accounts/\(b.account)/plan-proposals",
                  body: "monthly_income=1000&first_due_date=2026-06-01", headers: formType, expect: hidden),
            .init(route: "POST /accounts/{id}/plans", who: .collector, uri: "/accounts/\(b.account)/plans",
                  body: "total=1&installment=1&first_due_date=2026-06-01", headers: formType, expect: hidden),
            .init(route: "POST /accounts/{id}/dispositions/{disposition}/review", who: .supervisor,
                  uri: "/accounts/\(b.account)/dispositions/x/review", body: "", headers: formType, expect: hidden),
            .init(route: "GET /queue", who: .collector, uri: "/queue", expect: filtered(b)),
            .init(route: "GET /supervisor", who: .supervisor, uri: "/supervisor", expect: filtered(b)),
            .init(route: "POST /supervisor/assignments", who: .supervisor, uri: "/supervisor/assignments",
                  body: "accounts=\(b.account)&user=cora", headers: formType, expect: hidden),
            // Speech analytics: the review queue is compliance work; listening is supervisors' and up.
            .init(route: "GET /api/account-events", who: .collector, uri: "/api/account-events", expect: forbidden),
            .init(route: "GET /api/account-events/{id}", who: .collector, uri: "/api/account-events/e", expect: forbidden),
            .init(route: "POST /api/account-events/{id}/confirm", who: .collector, uri: "/api/account-events/e/confirm", body: "{}", expect: forbidden),
            .init(route: "POST /api/account-events/{id}/dismiss", who: .collector, uri: "/api/account-events/e/dismiss", body: "{}", expect: forbidden),
            .init(route: "POST /api/contact-attempts/{id}/recording", who: .collector, uri: "/api/contact-attempts/x/recording?account=\(b.account)",
                  body: "RIFF....WAVE", headers: [.contentType: "audio/wav"], expect: hidden),
            .init(route: "GET /api/recordings/{id}", who: .supervisor, uri: "/api/recordings/\(b.recording)", expect: hidden),
            .init(route: "GET /api/recordings/{id}/audio", who: .supervisor, uri: "/api/recordings/\(b.recording)/audio", expect: hidden),
            .init(route: "POST /api/recordings/{id}/legal-hold", who: .supervisor, uri: "/api/recordings/\(b.recording)/legal-hold",
                  body: #"{"hold":true,"reason":"x"}"#, expect: forbidden),
            .init(route: "GET /review", who: .collector, uri: "/review", expect: forbidden),
            .init(route: "GET /quality", who: .supervisor, uri: "/quality", expect: filtered(b)),
            .init(route: "GET /api/quality/collectors", who: .supervisor, uri: "/api/quality/collectors", expect: filtered(b)),
        ]
    }

    @Test("the scope table has exactly one row per route the router serves")
    func tableCoversEveryRoute() async throws {
        try await withApp { _, services in
            let rows = Self.probes(BetaData(account: "a", campaign: "c", spareToken: "t", payment: "p")).map(\.route)
            #expect(rows.count == Set(rows).count, "a route has two rows")
            let served = try await servedRoutes(services)
            #expect(Set(rows) == served)
        }
    }

    @Test("a user of client ACME cannot read or write client BETA's data on any route: 404 (as if absent), 403 for the wrong role, lists filtered")
    func everyRouteRespectsScope() async throws {
        try await withApp { admin, services in
            for code in ["ACME", "BETA"] { _ = try await services.store.addClient(code: code, name: code.capitalized) }
            try await admin.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: sampleCSV)) { _ in }
            try await admin.execute(uri: "/api/placements?client=BETA&file_name=beta-file.csv", method: .post, body: ByteBuffer(string: dallasCSV)) { _ in }
            let betaAccount = try #require(try await services.store.accounts(AccountQuery(clientCode: "BETA")).accounts.first).id.rawValue
            let campaign = try await admin.execute(uri: "/api/campaigns", method: .post,
                                                   body: ByteBuffer(string: #"{"name":"BetaCampaign","client":"BETA","mode":"progressive"}"#)) { r in
                try #require(try json(r.body)["id"] as? String)
            }
            try await admin.execute(uri: "/api/campaigns/\(campaign)/start", method: .post, headers: [.contentType: "application/json"],
                                    body: ByteBuffer(string: #"{"agents":["beta-agent"]}"#)) { r in #expect(r.status == .ok) }
            let collector = try await signIn(services, "cora", role: .collector, clients: ["ACME"])
            let supervisor = try await signIn(services, "sam", role: .supervisor, clients: ["ACME"])
            let spare = try await services.store.createSession(userID: try #require(try await services.store.credentials(username: "cora")).user.id).token
            let payment = try await admin.execute(uri: "/api/accounts/\(betaAccount)/payments", method: .post,
                                                  headers: [.contentType: "application/json", HTTPFields.Element.Name("Idempotency-Key")!: "beta-1"],
                                                  body: ByteBuffer(string: betaDebit)) { r in
                #expect(r.status == .created)
                return try #require(try json(r.body)["id"] as? String)
            }
            let betaDetail = try #require(try await services.store.account(id: Account.ID(betaAccount)))
            let betaAttempt = try await services.store.recordAttempt(ContactAttemptInput(
                consumerID: betaDetail.consumer.id, accountIDs: [betaDetail.account.id], at: pinnedNow.addingTimeInterval(-86_400),
                channel: .phone, outcome: .conversation, source: "agent", recordedBy: "beta-agent"))
            let wav = FileManager.default.temporaryDirectory.appendingPathComponent("candor-scope-\(UUID().uuidString).wav")
            try Data("RIFF-not-really".utf8).write(to: wav)
            defer { try? FileManager.default.removeItem(at: wav) }
            let recording = try await services.store.storeRecording(file: wav, attemptID: betaAttempt, accountID: betaDetail.account.id,
                                                                    by: "root", vault: services.recordings).id
            let beta = BetaData(account: betaAccount, campaign: campaign, spareToken: spare, payment: payment, recording: recording)
            var before: [String: Int] = [:]
            let written = ["contact_attempts", "account_flags", "consumer_opt_outs", "consumer_inconvenient_times", "consent_changes",
                           "dispositions", "promises", "payment_plans", "account_notes", "account_assignments"]
            for table in written {
                before[table] = try await services.database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self)
            }
            for probe in Self.probes(beta) {
                var headers = probe.headers
                switch probe.who {
                case .collector: headers[.authorization] = "Bearer \(collector)"
                case .supervisor: headers[.authorization] = "Bearer \(supervisor)"
                case .anonymous: if headers[.authorization] == nil { headers[.authorization] = "" }
                }
                let method = HTTPRequest.Method(rawValue: String(probe.route.split(separator: " ")[0]))!
                try await admin.execute(uri: probe.uri, method: method, headers: headers, body: probe.body.map { ByteBuffer(string: $0) }) { r in
                    try probe.expect(r)
                }
            }
            // Nothing was written to BETA's account, and its campaign still runs.
            for table in written {
                let n = try await services.database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self)
                #expect(n == before[table], "\(table)")
                #expect(n == (table == "contact_attempts" ? 1 : 0), "\(table): only the admin's recorded BETA call")
            }
            #expect(try await services.store.recording(id: recording)?.legalHold == false)
            let payments = try await services.database.sql.raw("SELECT status FROM payments").all().map { try $0.decode(column: "status", as: String.self) }
            #expect(payments == ["scheduled"], "only the admin's BETA debit, not reversed")
            let status = try await admin.execute(uri: "/api/campaigns/\(campaign)/status", method: .get) { try json($0.body) }
            #expect(status["status"] as? String == "running")
            try await admin.execute(uri: "/api/campaigns/\(campaign)/stop", method: .post) { _ in }
        }
    }

    @Test("a contact attempt on an ACME account cannot also be logged against a BETA account")
    func alsoAboutIsScoped() async throws {
        try await withApp { admin, services in
            for code in ["ACME", "BETA"] { _ = try await services.store.addClient(code: code, name: code.capitalized) }
            try await admin.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: sampleCSV)) { _ in }
            try await admin.execute(uri: "/api/placements?client=BETA", method: .post, body: ByteBuffer(string: dallasCSV)) { _ in }
            let acme = try #require(try await services.store.accounts(AccountQuery(clientCode: "ACME")).accounts.first).id.rawValue
            let beta = try #require(try await services.store.accounts(AccountQuery(clientCode: "BETA")).accounts.first).id.rawValue
            let collector = try await signIn(services, "cora", role: .collector, clients: ["ACME"])
            try await admin.execute(uri: "/api/accounts/\(acme)/contact-attempts", method: .post,
                                    headers: [.authorization: "Bearer \(collector)", .contentType: "application/json"],
                                    body: ByteBuffer(string: #"{"channel":"phone","outcome":"no_answer","also_about":["\#(beta)"]}"#)) { r in
                #expect(r.status == .notFound)
            }
            let n = try await services.database.sql.raw("SELECT COUNT(*) AS n FROM contact_attempts").first()?.decode(column: "n", as: Int.self)
            #expect(n == 0)
        }
    }
}
