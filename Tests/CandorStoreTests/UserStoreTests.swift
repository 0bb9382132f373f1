import CandorCore
import CandorStore
import Foundation
import Synchronization
import Testing

/// The store does not hash passwords (bcrypt lives in the server); any opaque string will do here.
let fakeHash = "$2b$04$not-a-real-hash"

final class MovableClock: Sendable {
    private let now = Mutex(Date(timeIntervalSince1970: 1_780_000_000))
    var read: @Sendable () -> Date { { self.now.withLock { $0 } } }
    func advance(_ s: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(s) } }
}

@Suite("Users and sessions in the store")
struct UserStoreTests {
    @Test("a user is stored with role and client scope; usernames are unique ignoring case; unknown clients are refused",
          arguments: TestDatabase.available)
    func addAndList(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db)
            for code in ["ACME", "BETA"] { _ = try await store.addClient(code: code, name: code) }
            let cora = try await store.addUser(username: "Cora", displayName: "Cora Diaz", passwordHash: fakeHash, role: .collector,
                                               clientCodes: ["acme", "BETA"])
            #expect(cora.username == "cora")
            #expect(cora.scope == .only(["ACME", "BETA"]))
            let admin = try await store.addUser(username: "root", displayName: "Root", passwordHash: fakeHash, role: .admin, clientCodes: [])
            #expect(admin.scope == .all)
            await #expect(throws: UserError.usernameExists("cora")) {
                try await store.addUser(username: "CORA", displayName: "x", passwordHash: fakeHash, role: .collector, clientCodes: ["ACME"])
            }
            await #expect(throws: UserError.unknownClients(["NOPE"])) {
                try await store.addUser(username: "nina", displayName: "x", passwordHash: fakeHash, role: .collector, clientCodes: ["NOPE"])
            }
            await #expect(throws: UserError.noClients) {
                try await store.addUser(username: "nina", displayName: "x", passwordHash: fakeHash, role: .supervisor, clientCodes: [])
            }
            await #expect(throws: UserError.invalidUsername("a b")) {
                try await store.addUser(username: "a b", displayName: "x", passwordHash: fakeHash, role: .admin, clientCodes: [])
            }
            let users = try await store.users()
            #expect(users.map(\.username) == ["cora", "root"])
            #expect(users[0].clientCodes == ["ACME", "BETA"])
            let creds = try #require(try await store.credentials(username: " CORA "))
            #expect(creds.passwordHash == fakeHash)
        }
    }

    @Test("the fifth failed sign-in locks the user for 15 minutes; success resets the count", arguments: TestDatabase.available)
    func lockout(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let clock = MovableClock()
            let store = SQLStore(database: db, clock: clock.read)
            let user = try await store.addUser(username: "root", displayName: "Root", passwordHash: fakeHash, role: .admin, clientCodes: [])
            for _ in 1...4 { #expect(try await store.recordFailedSignIn(userID: user.id) == nil) }
            let until = try #require(try await store.recordFailedSignIn(userID: user.id))
            #expect(until == clock.read().addingTimeInterval(SignInPolicy.lockout))
            #expect(try await store.credentials(username: "root")?.user.lockedUntil == until)
            try await store.recordSuccessfulSignIn(userID: user.id)
            let after = try #require(try await store.credentials(username: "root")).user
            #expect(after.lockedUntil == nil && after.failedAttempts == 0)
        }
    }

    @Test("a session is found by its token (stored only as a digest), idles out after 8 h, ends at 12 h, and can be deleted",
          arguments: TestDatabase.available)
    func sessions(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let clock = MovableClock()
            let store = SQLStore(database: db, clock: clock.read)
            _ = try await store.addClient(code: "ACME", name: "Acme")
            let user = try await store.addUser(username: "cora", displayName: "Cora", passwordHash: fakeHash, role: .collector, clientCodes: ["ACME"])
            let s = try await store.createSession(userID: user.id)
            #expect(s.token.count == 43 && s.csrfToken.count == 43 && s.token != s.csrfToken)
            let stored = try await db.sql.raw("SELECT id FROM sessions").all().map { try $0.decode(column: "id", as: String.self) }
            #expect(stored == [SessionToken.digest(s.token)])
            let found = try #require(try await store.session(token: s.token))
            #expect(found.user.username == "cora" && found.user.scope == .only(["ACME"]) && found.csrfToken == s.csrfToken)
            #expect(try await store.session(token: "not-a-token") == nil)

            // Used every 6 hours: alive at 6 h (idle 6 h) and at 12 h less a second; gone at 12 h.
            clock.advance(6 * 3600)
            #expect(try await store.session(token: s.token) != nil)
            clock.advance(6 * 3600 - 1)
            #expect(try await store.session(token: s.token) != nil)
            clock.advance(1)
            #expect(try await store.session(token: s.token) == nil)

            let idle = try await store.createSession(userID: user.id)
            clock.advance(SignInPolicy.idleTimeout + 1)
            #expect(try await store.session(token: idle.token) == nil)

            let gone = try await store.createSession(userID: user.id)
            try await store.deleteSession(token: gone.token)
            #expect(try await store.session(token: gone.token) == nil)
        }
    }

    @Test("secrets compare equal only when identical")
    func constantTimeCompare() {
        #expect(SessionToken.constantTimeEqual("abc", "abc"))
        #expect(!SessionToken.constantTimeEqual("abc", "abd"))
        #expect(!SessionToken.constantTimeEqual("abc", "abcd"))
        #expect(!SessionToken.constantTimeEqual("", "a"))
    }

    @Test("account lists and placements are limited to the clients in scope", arguments: TestDatabase.available)
    func scopedLists(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db)
            _ = try await importOne(store, csv: """
                account_number,first_name,last_name,state,postal_code,itemization_date_type,itemization_date,itemization_amount,current_balance
                A-1,Ann,Lee,MA,02139,charge_off,2025-12-31,10.00,10.00

                """)
            #expect(try await store.accounts(AccountQuery(withinClients: ["ACME"])).accounts.count == 1)
            #expect(try await store.accounts(AccountQuery(withinClients: ["BETA"])).accounts.isEmpty)
            #expect(try await store.accounts(AccountQuery(withinClients: [])).accounts.isEmpty)
            #expect(try await store.placements(clientCode: nil, withinClients: ["BETA"]).isEmpty)
            #expect(try await store.placements(clientCode: nil, withinClients: ["ACME"]).count == 1)
        }
    }
}
