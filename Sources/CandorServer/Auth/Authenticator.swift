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

    /// Every outcome is audited. An unknown username is recorded without the name typed
    /// (it is sometimes a password typed into the wrong box).
    func signIn(username: String, password: String) async throws -> Outcome {
        guard let credentials = try await store.credentials(username: username) else {
            _ = hasher.verify(password, hash: decoyHash)
            try await store.recordAudit(actor: "anonymous", action: "auth.sign_in_refused", subject: "user:unknown")
            return .refused
        }
        let user = credentials.user
        let subject = "user:\(user.id)"
        if let until = user.lockedUntil, until > clock() {
            try await store.recordAudit(actor: user.id, action: "auth.sign_in_locked", subject: subject)
            return .locked(until: until)
        }
        // Each outcome below is one transaction in the store: the counter, the lock or the
        // session commits together with its audit line (auth.sign_in_refused, auth.locked_out,
        // auth.sign_in), or not at all.
        guard hasher.verify(password, hash: credentials.passwordHash) else {
            if let until = try await store.recordFailedSignIn(userID: user.id) { return .locked(until: until) }
            return .refused
        }
        return .signedIn(try await store.recordSuccessfulSignIn(userID: user.id), user)
    }

    static let refusedMessage = "wrong username or password"
    static func lockedMessage(_ until: Date) -> String {
        "too many failed sign-ins: this user is locked until \(ISO8601Instant.format(until)); ask an admin if that is not you"
    }
}
