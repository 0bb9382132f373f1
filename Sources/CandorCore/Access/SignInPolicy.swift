import Foundation

/// How long sign-ins and sessions last and when an account locks. Pure numbers, so the
/// store, the server and the README agree on one set.
public enum SignInPolicy {
    /// Consecutive failed sign-ins that lock a user: enough for typos, too few for guessing.
    public static let maxFailedAttempts = 5
    /// How long a locked user must wait; a successful sign-in afterwards resets the count.
    public static let lockout: TimeInterval = 15 * 60
    /// A session unused this long is gone (a shift's breaks fit; an overnight tab does not).
    public static let idleTimeout: TimeInterval = 8 * 3600
    /// No session outlives this, however busy: everyone signs in again each working day.
    public static let absoluteLifetime: TimeInterval = 12 * 3600
    /// Passwords shorter than this are refused (NIST SP 800-63B asks for at least 8; we ask more).
    public static let minimumPasswordLength = 12
}

/// Which clients' data a user may see: every client (admins) or a fixed set of client codes.
public enum ClientScope: Sendable, Hashable {
    case all
    case only(Set<String>)

    public func allows(_ clientCode: String) -> Bool {
        switch self {
        case .all: return true
        case .only(let codes): return codes.contains(clientCode)
        }
    }

    /// The codes to filter a list by; nil means no filter.
    public var codes: Set<String>? {
        if case .only(let codes) = self { return codes }
        return nil
    }
}
