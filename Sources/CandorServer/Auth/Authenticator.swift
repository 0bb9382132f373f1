import CandorCore
import CandorStore
import Foundation

/// Checks a username and password, applying the lockout (`SignInPolicy`), and opens a session.
struct Authenticator: Sendable {
    let store: SQLStore
    let hasher: PasswordHasher
    let clock: @Sendable () -> Date
    /// Compared against when the username is unknown, so both failures take as long.
    let decoyHash: String

    init(store: SQLStore, hasher: PasswordHasher, clock: @escaping @Sendable () -> Date) {
        self.store = store; self.hasher = hasher; self.clock = clock
        decoyHash = hasher.hash("candor-decoy-password")
    }

    enum Outcome: Sendable {
        case signedIn(NewSession, StoredUser)
        case refused
        case locked(until: Date)
    }

    func signIn(username: String, password: String) async throws -> Outcome {
        guard let credentials = try await store.credentials(username: username) else {
            _ = hasher.verify(password, hash: decoyHash)
            return .refused
        }
        let user = credentials.user
        if let until = user.lockedUntil, until > clock() { return .locked(until: until) }
        guard hasher.verify(password, hash: credentials.passwordHash) else {
            if let until = try await store.recordFailedSignIn(userID: user.id) { return .locked(until: until) }
            return .refused
        }
        try await store.recordSuccessfulSignIn(userID: user.id)
        return .signedIn(try await store.createSession(userID: user.id), user)
    }

    static let refusedMessage = "wrong username or password"
    static func lockedMessage(_ until: Date) -> String {
        "too many failed sign-ins: this user is locked until \(ISO8601Instant.format(until)); ask an admin if that is not you"
    }
}
