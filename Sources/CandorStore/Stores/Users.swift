import CandorCore
import Crypto
import Foundation

/// A member of staff who signs in. Domain-free on purpose: sign-in is an adapter concern.
public struct StoredUser: Sendable, Hashable {
    public var id: String
    public var username: String
    public var displayName: String
    public var role: StaffRole
    /// The client codes the user is scoped to (empty for admins, who see every client).
    public var clientCodes: [String]
    public var failedAttempts: Int
    public var lockedUntil: Date?

    public var scope: ClientScope { role == .admin ? .all : .only(Set(clientCodes)) }
}

/// What a sign-in needs to check: the user and the bcrypt hash of their password.
public struct UserCredentials: Sendable {
    public var user: StoredUser
    public var passwordHash: String
}

/// A session as a request sees it.
public struct StoredSession: Sendable {
    public var user: StoredUser
    public var csrfToken: String
    public var expiresAt: Date
}

/// A session just created: the token goes to the browser (or API client) once and is
/// stored only as its SHA-256.
public struct NewSession: Sendable {
    public var token: String
    public var csrfToken: String
    public var expiresAt: Date
}

public enum UserError: Error, Equatable, Sendable, CustomStringConvertible {
    case usernameExists(String)
    case invalidUsername(String)
    case unknownClients([String])
    case noClients

    public var description: String {
        switch self {
        case .usernameExists(let u): return "a user named \(u) already exists"
        case .invalidUsername(let u): return "username \(u) must be 1–64 characters of a–z, 0–9, '.', '_', '-' or '@'"
        case .unknownClients(let c): return "no client with code \(c.joined(separator: ", ")): add it first with `candor clients add`"
        case .noClients: return "a user who is not an admin must be scoped to at least one client (--clients ACME,OTHER)"
        }
    }
}

/// Random tokens and their digests.
public enum SessionToken {
    /// 256 random bits, base64url without padding (cookie-safe).
    public static func generate() -> String {
        var rng = SystemRandomNumberGenerator() // getrandom(2) on Linux: cryptographically secure
        let bytes = (0..<4).flatMap { _ -> [UInt8] in withUnsafeBytes(of: rng.next() as UInt64) { Array($0) } }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two secrets in time independent of where they differ (no early exit).
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }
}
