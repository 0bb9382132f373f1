import CandorCore
import Foundation
import SQLKit

extension SQLStore {
    public static func normalizedUsername(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-@")
        guard (1...64).contains(name.count), name.allSatisfy(allowed.contains) else { throw UserError.invalidUsername(raw) }
        return name
    }

    /// Adds a user scoped to `clientCodes` (ignored for admins, who see every client).
    public func addUser(username: String, displayName: String, passwordHash: String, role: StaffRole,
                        clientCodes: [String]) async throws -> StoredUser {
        let username = try Self.normalizedUsername(username)
        let codes = role == .admin ? [] : Array(Set(clientCodes.map { $0.uppercased() })).sorted()
        if role != .admin && codes.isEmpty { throw UserError.noClients }
        let id = Self.newID()
        let now = Timestamp.format(clock())
        do {
            try await database.transaction { db in
                var clientIDs: [String] = []
                var missing: [String] = []
                for code in codes {
                    let row = try await db.raw("SELECT id FROM clients WHERE code = \(bind: code)").first()
                    if let row { clientIDs.append(try row.decode(column: "id", as: String.self)) } else { missing.append(code) }
                }
                if !missing.isEmpty { throw UserError.unknownClients(missing) }
                try await db.raw("""
                    INSERT INTO users (id, username, display_name, password_hash, role, failed_attempts, created_at)
                    VALUES (\(bind: id), \(bind: username), \(bind: displayName), \(bind: passwordHash), \(bind: role.rawValue), 0, \(bind: now))
                    """).run()
                for clientID in clientIDs {
                    try await db.raw("INSERT INTO user_clients (user_id, client_id) VALUES (\(bind: id), \(bind: clientID))").run()
                }
            }
        } catch where Self.isUniqueViolation(error) {
            throw UserError.usernameExists(username)
        }
        return StoredUser(id: id, username: username, displayName: displayName, role: role, clientCodes: codes,
                          failedAttempts: 0, lockedUntil: nil)
    }

    /// Every user with their clients, in one query.
    public func users() async throws -> [StoredUser] {
        let rows = try await sql.raw("""
            SELECT u.*, c.code AS client_code FROM users u
            LEFT JOIN user_clients uc ON uc.user_id = u.id LEFT JOIN clients c ON c.id = uc.client_id
            ORDER BY u.username, c.code
            """).all()
        var users: [StoredUser] = []
        for row in rows {
            let code = try row.decode(column: "client_code", as: String?.self)
            if let last = users.last, last.id == (try row.decode(column: "id", as: String.self)) {
                if let code { users[users.count - 1].clientCodes.append(code) }
                continue
            }
            users.append(try Self.storedUser(from: row, clientCodes: code.map { [$0] } ?? []))
        }
        return users
    }

    public func credentials(username: String) async throws -> UserCredentials? {
        guard let name = try? Self.normalizedUsername(username),
              let row = try await sql.raw("SELECT * FROM users WHERE username = \(bind: name)").first() else { return nil }
        return UserCredentials(user: try await user(from: row), passwordHash: try row.decode(column: "password_hash", as: String.self))
    }

    /// Counts a failed sign-in and audits it, in one transaction, so a failure is never
    /// counted without its audit line (nor audited without being counted): the audit line is
    /// `auth.sign_in_refused`, or `auth.locked_out` for the `SignInPolicy.maxFailedAttempts`-th,
    /// which locks the user for `SignInPolicy.lockout` and starts the count again. Returns the
    /// lock's end, if locked.
    @discardableResult
    public func recordFailedSignIn(userID: String) async throws -> Date? {
        let kind = database.kind, now = clock()
        let lockEnd = now.addingTimeInterval(SignInPolicy.lockout)
        return try await database.transaction { db in
            // The UPDATE takes the row lock first, so concurrent failures each count; the audit
            // lock comes after it (row, then audit: the order appendAudit relies on).
            try await db.raw("UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = \(bind: userID)").run()
            let count = try await db.raw("SELECT failed_attempts FROM users WHERE id = \(bind: userID)").first()?
                .decode(column: "failed_attempts", as: Int.self) ?? 0
            let locks = count >= SignInPolicy.maxFailedAttempts
            if locks {
                try await db.raw("""
                    UPDATE users SET failed_attempts = 0, locked_until = \(bind: Timestamp.format(lockEnd)) WHERE id = \(bind: userID)
                    """).run()
            }
            try await Self.appendAudit(db, kind: kind, at: now, actor: userID,
                                       action: locks ? "auth.locked_out" : "auth.sign_in_refused", subject: "user:\(userID)")
            return locks ? lockEnd : nil
        }
    }

    /// A right password: starts the failed-sign-in count again, lifts any lock, opens a session
    /// and audits `auth.sign_in`, in one transaction, so there is no session without its
    /// audit line.
    @discardableResult
    public func recordSuccessfulSignIn(userID: String) async throws -> NewSession {
        let kind = database.kind, now = clock()
        return try await database.transaction { db in
            try await db.raw("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = \(bind: userID)").run()
            let session = try await Self.insertSession(db, userID: userID, now: now)
            try await Self.appendAudit(db, kind: kind, at: now, actor: userID, action: "auth.sign_in", subject: "user:\(userID)")
            return session
        }
    }

    /// Opens a session without auditing a sign-in (tools and tests; people sign in through
    /// `recordSuccessfulSignIn`).
    public func createSession(userID: String) async throws -> NewSession {
        try await Self.insertSession(sql, userID: userID, now: clock())
    }

    static func insertSession(_ db: any SQLDatabase, userID: String, now: Date) async throws -> NewSession {
        let token = SessionToken.generate()
        let csrf = SessionToken.generate()
        let expires = now.addingTimeInterval(SignInPolicy.absoluteLifetime)
        try await db.raw("""
            INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at, last_seen_at)
            VALUES (\(bind: SessionToken.digest(token)), \(bind: userID), \(bind: csrf), \(bind: Timestamp.format(now)),
                    \(bind: Timestamp.format(expires)), \(bind: Timestamp.format(now)))
            """).run()
        return NewSession(token: token, csrfToken: csrf, expiresAt: expires)
    }

    /// The live session for `token`, or nil when unknown, idle too long or past its lifetime
    /// (an expired row is deleted). Each use extends the idle deadline.
    public func session(token: String) async throws -> StoredSession? {
        let digest = SessionToken.digest(token)
        guard let row = try await sql.raw("""
            SELECT s.csrf_token, s.expires_at, s.last_seen_at, u.* FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.id = \(bind: digest)
            """).first() else { return nil }
        let now = clock()
        let expires = Timestamp.parse(try row.decode(column: "expires_at", as: String.self)) ?? .distantPast
        let lastSeen = Timestamp.parse(try row.decode(column: "last_seen_at", as: String.self)) ?? .distantPast
        guard now < expires, now < lastSeen.addingTimeInterval(SignInPolicy.idleTimeout) else {
            try await sql.raw("DELETE FROM sessions WHERE id = \(bind: digest)").run()
            return nil
        }
        // A write per request would be wasteful; a minute's precision is plenty for 8 hours.
        if now.timeIntervalSince(lastSeen) >= 60 {
            try await sql.raw("UPDATE sessions SET last_seen_at = \(bind: Timestamp.format(now)) WHERE id = \(bind: digest)").run()
        }
        return StoredSession(user: try await user(from: row), csrfToken: try row.decode(column: "csrf_token", as: String.self),
                             expiresAt: expires)
    }

    public func deleteSession(token: String) async throws {
        try await sql.raw("DELETE FROM sessions WHERE id = \(bind: SessionToken.digest(token))").run()
    }

    func user(from row: any SQLRow) async throws -> StoredUser {
        let id = try row.decode(column: "id", as: String.self)
        let codes = try await sql.raw("""
            SELECT c.code FROM user_clients uc JOIN clients c ON c.id = uc.client_id WHERE uc.user_id = \(bind: id) ORDER BY c.code
            """).all().map { try $0.decode(column: "code", as: String.self) }
        return try Self.storedUser(from: row, clientCodes: codes)
    }

    static func storedUser(from row: any SQLRow, clientCodes codes: [String]) throws -> StoredUser {
        StoredUser(
            id: try row.decode(column: "id", as: String.self), username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            role: StaffRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .collector,
            clientCodes: codes, failedAttempts: try row.decode(column: "failed_attempts", as: Int.self),
            lockedUntil: try row.decode(column: "locked_until", as: String?.self).flatMap(Timestamp.parse))
    }
}
