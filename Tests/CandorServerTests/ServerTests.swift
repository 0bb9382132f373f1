import CandorCore
import CandorServer
import CandorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

let pinnedNow = Date(timeIntervalSince1970: 1_780_000_000) // 2026-05-28

/// A fresh SQLite database per test, and the real router on top of it. `body` gets a client
/// signed in as an admin (every request carries its Bearer token) and the services.
func withApp(clock: @escaping @Sendable () -> Date = { pinnedNow },
             _ body: @escaping @Sendable (any TestClientProtocol, AppServices) async throws -> Void) async throws {
    try await withAnonymousApp(clock: clock) { client, services in
        let token = try await signIn(services, "root", role: .admin)
        try await body(SignedInClient(base: client, token: token), services)
    }
}

/// The same app with a client that sends no credentials: for sign-in and access tests.
func withAnonymousApp(clock: @escaping @Sendable () -> Date = { pinnedNow }, secureCookies: Bool = false,
                      _ body: @escaping @Sendable (any TestClientProtocol, AppServices) async throws -> Void) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("candor-http-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let database = try await CandorDatabase.open(.sqlite(path: dir.appendingPathComponent("t.sqlite").path))
    try await database.migrate()
    // bcrypt's minimum cost keeps the tests fast; production uses 12.
    let services = AppServices(database: database, cipher: try FieldCipher(base64Key: FieldCipher.generateBase64Key()),
                               clock: clock, auth: AuthSettings(secureCookies: secureCookies, hasher: PasswordHasher(cost: 4)),
                               paymentProcessor: TestCardProcessor())
    let app = try await buildApplication(services: services, settings: ServerSettings(host: "127.0.0.1", port: 0))
    try await app.test(.router) { client in try await body(client, services) }
}

let testPassword = "correct horse battery staple"

/// Adds a user (password `testPassword`) and opens a session for them; returns its token.
func signIn(_ services: AppServices, _ username: String, role: StaffRole, clients: [String] = []) async throws -> String {
    let user = try await services.store.addUser(username: username, displayName: username.capitalized,
                                                passwordHash: services.auth.hasher.hash(testPassword), role: role, clientCodes: clients)
    return try await services.store.createSession(userID: user.id).token
}

/// Sends `Authorization: Bearer <token>` with every request that does not set its own.
struct SignedInClient: TestClientProtocol {
    let base: any TestClientProtocol
    let token: String
    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        if headers[.authorization] == nil { headers[.authorization] = "Bearer \(token)" }
        return try await base.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }
    var port: Int? { base.port }
}

func json(_ buffer: ByteBuffer) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
}

let sampleCSV = """
    account_number,first_name,last_name,phone1,phone1_type,state,postal_code,itemization_date_type,itemization_date,itemization_amount,fees_since,current_balance,favorite_color
    AC-1,María,Lopez,(617) 555-0142,mobile,MA,02139,charge_off,2025-12-31,100.00,5.25,105.25,blue
    AC-2,John,Smith,,,TX,75201,charge_off,2025-12-31,50.00,0,49.00,red

    """

@Suite("HTTP API")
struct APITests {
    @Test("health answers with the database kind and schema version")
    func health() async throws {
        try await withApp { client, _ in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["status"] as? String == "ok")
                #expect(body["database"] as? String == "sqlite")
                #expect(body["schema_version"] as? Int == Migrations.latestVersion)
            }
        }
    }

    @Test("a client is created, listed, and refused twice")
    func clients() async throws {
        try await withApp { client, _ in
            try await client.execute(uri: "/api/clients", method: .post, body: ByteBuffer(string: #"{"code":"acme","name":"Acme Bank"}"#)) { r in
                #expect(r.status == .created)
                let body = try json(r.body)
                #expect(body["code"] as? String == "ACME")
            }
            try await client.execute(uri: "/api/clients", method: .post, body: ByteBuffer(string: #"{"code":"ACME","name":"Again"}"#)) { r in
                #expect(r.status == .conflict)
            }
            try await client.execute(uri: "/api/clients", method: .get) { r in
                let list = try #require(try json(r.body)["clients"] as? [[String: Any]])
                #expect(list.count == 1)
            }
        }
    }

    @Test("bad client bodies get 400 naming the field, never 500")
    func badClientBodies() async throws {
        try await withApp { client, _ in
            for (body, field) in [(#"{"code":"a b","name":"X"}"#, "code"), (#"{"name":"X"}"#, "code"),
                                  (#"{"code":"OK","name":""}"#, "name"), ("not json", nil)] {
                try await client.execute(uri: "/api/clients", method: .post, body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .badRequest, "\(body)")
                    let error = try #require(try json(r.body)["error"] as? [String: Any])
                    #expect(error["field"] as? String == field, "\(body)")
                    #expect((error["message"] as? String)?.isEmpty == false)
                }
            }
        }
    }

    @Test("a placement file uploaded over HTTP gives the CLI's summary")
    func uploadPlacement() async throws {
        try await withApp { client, _ in
            try await client.execute(uri: "/api/clients", method: .post, body: ByteBuffer(string: #"{"code":"ACME","name":"Acme"}"#)) { _ in }
            try await client.execute(uri: "/api/placements?client=ACME&file_name=march.csv", method: .post, body: ByteBuffer(string: sampleCSV)) { r in
                #expect(r.status == .created)
                let s = try json(r.body)
                #expect(s["file"] as? String == "march.csv")
                #expect(s["rows"] as? Int == 2)
                #expect(s["accepted"] as? Int == 1)
                #expect(s["rejected"] as? Int == 1)
                #expect(s["ignored_columns"] as? [String] == ["favorite_color"])
                let errors = try #require(s["errors"] as? [[String: Any]])
                #expect(errors.first?["line"] as? Int == 3)
                #expect(errors.first?["column"] as? String == "current_balance")
            }
            try await client.execute(uri: "/api/placements?client=NOPE", method: .post, body: ByteBuffer(string: sampleCSV)) { r in
                #expect(r.status == .notFound)
            }
            try await client.execute(uri: "/api/placements", method: .post, body: ByteBuffer(string: sampleCSV)) { r in
                #expect(r.status == .badRequest)
                let body = try json(r.body)
                #expect((body["error"] as? [String: Any])?["field"] as? String == "client")
            }
            try await client.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: "a,b\n1,2\n")) { r in
                #expect(r.status == .unprocessableContent)
            }
        }
    }

    @Test("accounts are listed, searched and shown with itemization and ledger")
    func accounts() async throws {
        try await withApp { client, services in
            _ = try await services.store.addClient(code: "ACME", name: "Acme")
            try await client.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: sampleCSV)) { _ in }
            var id = ""
            try await client.execute(uri: "/api/accounts?q=617-555-0142", method: .get) { r in
                #expect(r.status == .ok)
                let accounts = try #require(try json(r.body)["accounts"] as? [[String: Any]])
                #expect(accounts.count == 1)
                #expect(accounts.first?["balance"] as? Int == 10525)
                id = accounts.first?["id"] as? String ?? ""
            }
            try await client.execute(uri: "/api/accounts/\(id)", method: .get) { r in
                #expect(r.status == .ok)
                let a = try json(r.body)
                #expect(a["balance_cents"] as? Int == 10525)
                #expect((a["itemization"] as? [String: Any])?["amount_cents"] as? Int == 10000)
                let ledger = try #require(a["ledger"] as? [[String: Any]])
                #expect(ledger.last?["balance_after_cents"] as? Int == 10525)
                let consumer = try #require(a["consumer"] as? [String: Any])
                #expect(consumer["first_name"] as? String == "María")
            }
            try await client.execute(uri: "/api/accounts/does-not-exist", method: .get) { r in
                #expect(r.status == .notFound)
            }
            try await client.execute(uri: "/api/accounts?limit=abc", method: .get) { r in
                #expect(r.status == .badRequest)
                let body = try json(r.body)
                #expect((body["error"] as? [String: Any])?["field"] as? String == "limit")
            }
        }
    }

    @Test("the OpenAPI document lists exactly the API routes the router serves")
    func openAPIMatchesRoutes() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("candor-oa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = try await CandorDatabase.open(.sqlite(path: dir.appendingPathComponent("t.sqlite").path))
        let services = AppServices(database: database, cipher: try FieldCipher(base64Key: FieldCipher.generateBase64Key()))
        let router = try await buildRouter(services: services)
        await database.shutdown()
        // HTML pages are for people, not part of the JSON API.
        let htmlPages: Set<String> = ["GET /", "GET /accounts", "GET /accounts/{id}", "GET /campaigns", "GET /campaigns/{id}",
                                      "GET /sign-in", "POST /sign-in", "POST /sign-out",
                                      "POST /accounts/{id}/dispositions", "POST /accounts/{id}/notes", "POST /accounts/{id}/payments",
                                      "POST /accounts/{id}/bank-authorizations/revocations", "POST /accounts/{id}/plan-proposals", "POST /accounts/{id}/plans",
                                      "POST /accounts/{id}/dispositions/{disposition}/review", "GET /queue", "GET /supervisor",
                                      "POST /supervisor/assignments", "GET /review", "GET /quality"]
        let served = Set(router.routes.map { route -> String in
            let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            return "\(route.method.rawValue) /" + path.joined(separator: "/")
        }).subtracting(htmlPages)
        let paths = try #require(OpenAPIDocument.document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, ops in ops.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(served == documented)
    }
}

@Suite("Web pages")
struct WebTests {
    @Test("the accounts page searches and the account page shows balance, itemization, phones and ledger")
    func pages() async throws {
        try await withApp { client, services in
            _ = try await services.store.addClient(code: "ACME", name: "Acme")
            try await client.execute(uri: "/api/placements?client=ACME", method: .post, body: ByteBuffer(string: sampleCSV)) { _ in }
            var link = ""
            try await client.execute(uri: "/accounts?q=lopez", method: .get) { r in
                #expect(r.status == .ok)
                let html = String(buffer: r.body)
                #expect(html.contains("María Lopez"))
                #expect(html.contains("$105.25"))
                let range = try #require(html.range(of: #"/accounts/[0-9a-f-]{36}"#, options: .regularExpression))
                link = String(html[range])
            }
            try await client.execute(uri: link, method: .get) { r in
                #expect(r.status == .ok)
                let html = String(buffer: r.body)
                for text in ["$105.25", "Itemization", "(617) 555-0142", "Ledger", "charge off", "$5.25"] {
                    #expect(html.contains(text), "\(text)")
                }
            }
            try await client.execute(uri: "/accounts/nope", method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .notFound)
                #expect(String(buffer: r.body).contains("<html"))
            }
        }
    }

    @Test("--demo loads 500 accounts once, only into an empty database")
    func demo() async throws {
        try await withApp { _, services in
            #expect(try await DemoData.loadIfEmpty(services: services))
            #expect(try await DemoData.loadIfEmpty(services: services) == false)
            let page = try await services.store.accounts(AccountQuery(limit: 500))
            #expect(page.accounts.count == 500)
        }
    }
}
