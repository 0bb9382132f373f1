import CandorCore
import CandorStore
import Foundation
import SQLKit
import Testing

/// Each sign-in outcome is one transaction: the count, the lock or the session commits with its
/// audit line or not at all. A failing audit line is made honestly: a trigger installed here
/// refuses to insert the entry for one action, as a full disk or a lost connection would.
@Suite("Sign-in outcomes and their audit lines in the store")
struct SignInStoreTests {
    @Test("a failed sign-in is counted and audited as auth.sign_in_refused by the same call", arguments: TestDatabase.available)
    func refusalCountedAndAudited(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let clock = MovableClock()
            let store = SQLStore(database: db, clock: clock.read)
            let user = try await addRoot(store)
            #expect(try await store.recordFailedSignIn(userID: user.id) == nil)
            #expect(try await failedAttempts(store) == 1)
            let entries = try await store.auditEntries(subject: "user:\(user.id)")
            #expect(entries.map(\.action) == ["auth.sign_in_refused"])
            #expect(entries.first?.actor == user.id && entries.first?.details == "{}")
            #expect(entries.first?.at == clock.read())
            #expect(try await store.verifyAuditChain() == (1, nil))
        }
    }

    @Test("the failure that reaches the threshold locks the user and is audited as auth.locked_out in the same transaction",
          arguments: TestDatabase.available)
    func lockoutAudited(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let clock = MovableClock()
            let store = SQLStore(database: db, clock: clock.read)
            let user = try await addRoot(store)
            for _ in 1..<SignInPolicy.maxFailedAttempts { _ = try await store.recordFailedSignIn(userID: user.id) }
            let until = try #require(try await store.recordFailedSignIn(userID: user.id))
            let after = try #require(try await store.credentials(username: "root")).user
            #expect(after.lockedUntil == until && after.failedAttempts == 0)
            let actions = try await store.auditEntries(subject: "user:\(user.id)").map(\.action)
            #expect(actions == Array(repeating: "auth.sign_in_refused", count: SignInPolicy.maxFailedAttempts - 1) + ["auth.locked_out"])
        }
    }

    @Test("when the refusal's audit line cannot be written, the failure is not counted either", arguments: TestDatabase.available)
    func refusalRolledBack(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: MovableClock().read)
            let user = try await addRoot(store)
            try await refuseAuditLines(db, action: "auth.sign_in_refused")
            await #expect(throws: (any Error).self) { try await store.recordFailedSignIn(userID: user.id) }
            #expect(try await failedAttempts(store) == 0)
            #expect(try await store.auditEntries(subject: "user:\(user.id)").isEmpty)
        }
    }

    @Test("when the lockout's audit line cannot be written, the user is not locked and that failure is not counted",
          arguments: TestDatabase.available)
    func lockoutRolledBack(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: MovableClock().read)
            let user = try await addRoot(store)
            for _ in 1..<SignInPolicy.maxFailedAttempts { _ = try await store.recordFailedSignIn(userID: user.id) }
            try await refuseAuditLines(db, action: "auth.locked_out")
            await #expect(throws: (any Error).self) { try await store.recordFailedSignIn(userID: user.id) }
            let after = try #require(try await store.credentials(username: "root")).user
            #expect(after.lockedUntil == nil && after.failedAttempts == SignInPolicy.maxFailedAttempts - 1)
            #expect(try await store.auditEntries(subject: "user:\(user.id)").map(\.action).last == "auth.sign_in_refused")
        }
    }

    @Test("a successful sign-in resets the count, opens a session and is audited as auth.sign_in, all by one call",
          arguments: TestDatabase.available)
    func successAudited(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: MovableClock().read)
            let user = try await addRoot(store)
            for _ in 1...2 { _ = try await store.recordFailedSignIn(userID: user.id) }
            let session = try await store.recordSuccessfulSignIn(userID: user.id)
            #expect(try await store.session(token: session.token)?.user.id == user.id)
            #expect(try await failedAttempts(store) == 0)
            let entries = try await store.auditEntries(subject: "user:\(user.id)")
            #expect(entries.map(\.action) == ["auth.sign_in_refused", "auth.sign_in_refused", "auth.sign_in"])
            #expect(entries.last?.actor == user.id && entries.last?.details == "{}")
        }
    }

    @Test("when the sign-in's audit line cannot be written, no session is opened and the failed count stands",
          arguments: TestDatabase.available)
    func successRolledBack(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: MovableClock().read)
            let user = try await addRoot(store)
            for _ in 1...2 { _ = try await store.recordFailedSignIn(userID: user.id) }
            try await refuseAuditLines(db, action: "auth.sign_in")
            await #expect(throws: (any Error).self) { try await store.recordSuccessfulSignIn(userID: user.id) }
            let sessions = try await db.sql.raw("SELECT COUNT(*) AS n FROM sessions").first()?.decode(column: "n", as: Int.self)
            #expect(sessions == 0)
            #expect(try await failedAttempts(store) == 2)
            #expect(try await store.auditEntries(subject: "user:\(user.id)").map(\.action) == ["auth.sign_in_refused", "auth.sign_in_refused"])
        }
    }

    @Test("concurrent failed sign-ins each count and each leave one audit line; the chain holds", arguments: TestDatabase.available)
    func concurrentFailures(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: MovableClock().read)
            let user = try await addRoot(store)
            let attempts = SignInPolicy.maxFailedAttempts - 1
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 1...attempts { group.addTask { _ = try await store.recordFailedSignIn(userID: user.id) } }
                try await group.waitForAll()
            }
            #expect(try await failedAttempts(store) == attempts)
            #expect(try await store.auditEntries(subject: "user:\(user.id)").count == attempts)
            #expect(try await store.verifyAuditChain() == (attempts, nil))
        }
    }

    private func addRoot(_ store: SQLStore) async throws -> StoredUser {
        try await store.addUser(username: "root", displayName: "Root", passwordHash: fakeHash, role: .admin, clientCodes: [])
    }

    private func failedAttempts(_ store: SQLStore) async throws -> Int {
        try #require(try await store.credentials(username: "root")).user.failedAttempts
    }

    /// Makes every insert of an audit line with `action` fail, inside whatever transaction tries it.
    private func refuseAuditLines(_ db: CandorDatabase, action: String) async throws {
        switch db.kind {
        case .sqlite:
            try await db.sql.raw("""
                CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entries WHEN NEW.action = \(literal: action)
                BEGIN SELECT RAISE(ABORT, 'audit line refused by the test'); END
                """).run()
        case .postgres:
            try await db.sql.raw("""
                CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit line refused by the test'; END $$
                """).run()
            try await db.sql.raw("""
                CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entries
                FOR EACH ROW WHEN (NEW.action = \(literal: action)) EXECUTE FUNCTION test_refuse_audit()
                """).run()
        }
    }
}
