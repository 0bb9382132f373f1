import CandorCore
import CandorServer
import CandorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

func apiSignIn(_ client: any TestClientProtocol, _ user: String, _ password: String) async throws -> TestResponse {
    try await client.execute(uri: "/api/sessions", method: .post, headers: [.contentType: "application/json"],
                             body: ByteBuffer(string: #"{"username":"\#(user)","password":"\#(password)"}"#)) { $0 }
}

@Suite("Sign-in and sessions")
struct SignInTests {
    @Test("signing in through the form sets an HttpOnly, SameSite=Lax session cookie that opens the pages")
    func formSignInWorks() async throws {
        try await withAnonymousApp { client, services in
            _ = try await signIn(services, "maria", role: .admin)
            let cookie = Mutex<String>("")
            try await formSignIn(client, "Maria", testPassword) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/accounts")
                let session = try #require(setCookie(r, "candor_session"))
                #expect(session.attributes.contains("HttpOnly"))
                #expect(session.attributes.contains("SameSite=Lax"))
                #expect(!session.attributes.contains("Secure"))
                cookie.withLock { $0 = session.value }
            }
            try await client.execute(uri: "/accounts", method: .get, headers: [.cookie: "candor_session=\(cookie.withLock { $0 })"]) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body).contains("Sign out"))
            }
        }
    }

    @Test("with --secure-cookies the session cookie is marked Secure")
    func secureCookie() async throws {
        try await withAnonymousApp(secureCookies: true) { client, services in
            _ = try await signIn(services, "maria", role: .admin)
            try await formSignIn(client, "maria", testPassword) { r in
                #expect(setCookie(r, "candor_session")?.attributes.contains("Secure") == true)
            }
        }
    }

    @Test("a wrong password and an unknown user get the same refusal and no session")
    func wrongPasswordRefused() async throws {
        try await withAnonymousApp { client, services in
            _ = try await signIn(services, "maria", role: .admin)
            for (user, password) in [("maria", "not the password at all"), ("nobody", testPassword)] {
                try await formSignIn(client, user, password) { r in
                    #expect(r.status == .unauthorized)
                    #expect(setCookie(r, "candor_session") == nil)
                    #expect(String(buffer: r.body).contains("wrong username or password"))
                }
                let r = try await apiSignIn(client, user, password)
                #expect(r.status == .unauthorized)
                #expect((try json(r.body)["error"] as? [String: Any])?["message"] as? String == "wrong username or password")
            }
        }
    }

    @Test("five failed sign-ins lock the user for 15 minutes, even against the right password; then it works again")
    func lockout() async throws {
        let clock = TestClock()
        try await withAnonymousApp(clock: clock.read) { client, services in
            _ = try await signIn(services, "maria", role: .admin)
            for attempt in 1...SignInPolicy.maxFailedAttempts {
                let r = try await apiSignIn(client, "maria", "wrong password \(attempt)")
                #expect(r.status == (attempt < 5 ? .unauthorized : .tooManyRequests), "attempt \(attempt)")
            }
            #expect(try await apiSignIn(client, "maria", testPassword).status == .tooManyRequests)
            try await formSignIn(client, "maria", testPassword) { r in
                #expect(r.status == .tooManyRequests)
                #expect(String(buffer: r.body).contains("locked until"))
            }
            clock.advance(SignInPolicy.lockout - 1)
            #expect(try await apiSignIn(client, "maria", testPassword).status == .tooManyRequests)
            clock.advance(2)
            let r = try await apiSignIn(client, "maria", testPassword)
            #expect(r.status == .created)
            #expect((try json(r.body)["token"] as? String)?.count == 43)
        }
    }

    @Test("a session idle for 8 hours is gone; one in use lasts until 12 hours after sign-in")
    func sessionExpiry() async throws {
        let clock = TestClock()
        try await withAnonymousApp(clock: clock.read) { client, services in
            let idle = try await signIn(services, "idle", role: .admin)
            let busy = try await services.store.createSession(userID: try #require(try await services.store.credentials(username: "idle")).user.id).token
            func status(_ token: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/api/clients", method: .get, headers: [.authorization: "Bearer \(token)"]) { $0.status }
            }
            #expect(try await status(idle) == .ok)
            // `busy` is used every 4 hours; `idle` is not used again.
            for _ in 1...2 {
                clock.advance(4 * 3600)
                #expect(try await status(busy) == .ok)
            }
            clock.advance(1)
            #expect(try await status(idle) == .unauthorized)
            clock.advance(4 * 3600) // 12 h after sign-in
            #expect(try await status(busy) == .unauthorized)
            try await client.execute(uri: "/accounts", method: .get, headers: [.cookie: "candor_session=\(busy)"]) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/sign-in?next=%2Faccounts")
            }
        }
    }

    @Test("signing out ends the session")
    func signOut() async throws {
        try await withAnonymousApp { client, services in
            let token = try await signIn(services, "maria", role: .admin)
            try await client.execute(uri: "/sign-out", method: .post, headers: [.authorization: "Bearer \(token)"]) { r in
                #expect(r.status == .seeOther)
                #expect(setCookie(r, "candor_session")?.attributes.contains("Max-Age=0") == true)
            }
            try await client.execute(uri: "/api/clients", method: .get, headers: [.authorization: "Bearer \(token)"]) { r in
                #expect(r.status == .unauthorized)
            }
        }
    }

    @Test("without a session every route but the public ones answers 401 JSON (API) or redirects to sign-in (pages)")
    func everyRouteNeedsASession() async throws {
        try await withAnonymousApp { client, services in
            let publicRoutes: Set<String> = ["GET /health", "GET /openapi.json", "GET /sign-in", "POST /sign-in", "POST /api/sessions"]
            for route in try await servedRoutes(services).sorted() {
                let parts = route.split(separator: " ", maxSplits: 1)
                let method = HTTPRequest.Method(rawValue: String(parts[0]))!
                let uri = String(parts[1]).replacingOccurrences(of: "{id}", with: "x")
                try await client.execute(uri: uri, method: method, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: "{}")) { r in
                    if publicRoutes.contains(route) {
                        #expect(r.status != .unauthorized && r.status != .seeOther || route == "GET /sign-in" && r.status == .ok, "\(route)")
                    } else if method == .get && !uri.hasPrefix("/api/") {
                        #expect(r.status == .seeOther, "\(route)")
                        #expect(r.headers[.location]?.hasPrefix("/sign-in?next=") == true, "\(route)")
                    } else {
                        #expect(r.status == .unauthorized, "\(route)")
                        #expect((try? json(r.body)["error"] as? [String: Any])?["status"] as? Int == 401, "\(route)")
                    }
                }
            }
        }
    }
}

@Suite("CSRF")
struct CSRFTests {
    @Test("the sign-in form keeps the token the browser holds: a favicon fetch redirected to /sign-in does not make the open form stale")
    func signInTokenSurvivesSecondFetch() async throws {
        try await withAnonymousApp { client, services in
            _ = try await signIn(services, "maria", role: .admin)
            let (cookie, token) = try await client.execute(uri: "/sign-in", method: .get) { r in
                (try #require(setCookie(r, "candor_signin")).value, try #require(hiddenField(String(buffer: r.body), "csrf_token")))
            }
            // The browser, with the cookie, fetches another page that redirects to the sign-in form.
            try await client.execute(uri: "/sign-in?next=/favicon.ico", method: .get, headers: [.cookie: "candor_signin=\(cookie)"]) { r in
                #expect(setCookie(r, "candor_signin")?.value == cookie)
                #expect(hiddenField(String(buffer: r.body), "csrf_token") == token)
            }
            var headers = formType
            headers[.cookie] = "candor_signin=\(cookie)"
            try await client.execute(uri: "/sign-in", method: .post, headers: headers,
                                     body: formBody(["username": "maria", "password": testPassword, "csrf_token": token])) { r in
                #expect(r.status == .seeOther)
            }
            // A malformed held value is not echoed: a fresh token is issued.
            try await client.execute(uri: "/sign-in", method: .get, headers: [.cookie: "candor_signin=<script>"]) { r in
                #expect(setCookie(r, "candor_signin")?.value != "<script>")
            }
        }
    }

    @Test("a form post with a missing or stale CSRF token is refused with 403 and writes nothing; the right token works")
    func formPostNeedsToken() async throws {
        try await withApp { admin, services in
            _ = try await services.store.addClient(code: "ACME", name: "Acme")
            try await admin.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: dallasCSV)) { _ in }
            let id = try await admin.execute(uri: "/api/campaigns", method: .post,
                                             body: ByteBuffer(string: #"{"name":"Dallas","client":"ACME","mode":"progressive"}"#)) { r in
                try #require(try json(r.body)["id"] as? String)
            }
            let session = try #require(try json(try await apiSignIn(admin, "root", testPassword).body)["token"] as? String)
            // As a browser: the cookie alone (an empty Authorization keeps the admin's Bearer token off).
            let page = try await admin.execute(uri: "/campaigns/\(id)", method: .get,
                                               headers: [.cookie: "candor_session=\(session)", .authorization: ""]) {
                String(buffer: $0.body)
            }
            let token = try #require(hiddenField(page, "csrf_token"))
            var headers = formType
            headers[.cookie] = "candor_session=\(session)"
            headers[.accept] = "text/html"
            headers[.authorization] = ""
            for body in [[:], ["csrf_token": "stale-token-from-another-session"]] {
                try await admin.execute(uri: "/api/campaigns/\(id)/start", method: .post, headers: headers, body: formBody(body)) { r in
                    #expect(r.status == .forbidden)
                    #expect(String(buffer: r.body).contains("CSRF token missing or wrong"))
                }
                let status = try json(try await admin.execute(uri: "/api/campaigns/\(id)/status", method: .get) { $0 }.body)
                #expect(status["status"] as? String == "stopped")
            }
            try await admin.execute(uri: "/sign-out", method: .post, headers: headers, body: formBody([:])) { r in
                #expect(r.status == .forbidden)
            }
            try await admin.execute(uri: "/api/campaigns/\(id)/start", method: .post, headers: headers,
                                    body: formBody(["csrf_token": token])) { r in
                #expect(r.status == .seeOther)
            }
            try await admin.execute(uri: "/api/campaigns/\(id)/stop", method: .post, headers: headers,
                                    body: formBody(["csrf_token": token])) { r in
                #expect(r.status == .seeOther)
            }
        }
    }

    @Test("the sign-in form refuses a post without its own token (login CSRF)")
    func signInFormNeedsToken() async throws {
        try await withAnonymousApp { client, services in
            _ = try await signIn(services, "maria", role: .admin)
            try await client.execute(uri: "/sign-in", method: .post, headers: formType,
                                     body: formBody(["username": "maria", "password": testPassword, "csrf_token": "guess"])) { r in
                #expect(r.status == .forbidden)
                #expect(setCookie(r, "candor_session") == nil)
            }
        }
    }
}

@Suite("Roles")
struct RoleTests {
    @Test("a collector cannot create a client, import a placement or start a campaign; a supervisor can start one")
    func collectorLimits() async throws {
        try await withApp { admin, services in
            _ = try await services.store.addClient(code: "ACME", name: "Acme")
            try await admin.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: dallasCSV)) { _ in }
            let id = try await admin.execute(uri: "/api/campaigns", method: .post,
                                             body: ByteBuffer(string: #"{"name":"Dallas","client":"ACME","mode":"progressive"}"#)) { r in
                try #require(try json(r.body)["id"] as? String)
            }
            let collector = SignedInClient(base: admin, token: try await signIn(services, "cora", role: .collector, clients: ["ACME"]))
            let supervisor = SignedInClient(base: admin, token: try await signIn(services, "sam", role: .supervisor, clients: ["ACME"]))
            for (uri, body) in [("/api/clients", #"{"code":"NEW","name":"New"}"#), ("/api/placements?client=ACME", dallasCSV),
                                ("/api/campaigns", #"{"name":"x","client":"ACME","mode":"preview"}"#), ("/api/campaigns/\(id)/start", "")] {
                try await collector.execute(uri: uri, method: .post, body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .forbidden, "\(uri)")
                    let body = try json(r.body)
                    #expect((body["error"] as? [String: Any])?["message"] as? String != nil)
                }
            }
            try await supervisor.execute(uri: "/api/clients", method: .post, body: ByteBuffer(string: #"{"code":"NEW","name":"New"}"#)) { r in
                #expect(r.status == .forbidden)
            }
            #expect(try await services.store.clients().map(\.code) == ["ACME"])
            try await supervisor.execute(uri: "/api/campaigns/\(id)/start", method: .post) { r in #expect(r.status == .ok) }
            try await supervisor.execute(uri: "/api/campaigns/\(id)/stop", method: .post) { r in #expect(r.status == .ok) }
            try await collector.execute(uri: "/api/compliance/decide", method: .post, body: ByteBuffer(string: "[]")) { r in
                #expect(r.status == .ok)
            }
        }
    }
}
