import CandorCore
import HummingbirdBcrypt

/// bcrypt through hummingbird-auth. The cost is a setting so tests can use the minimum (4);
/// production uses 12 (about a quarter second per check on one core).
public struct PasswordHasher: Sendable {
    public var cost: UInt8
    public init(cost: UInt8 = 12) { self.cost = cost }

    public func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }
    public func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// Refuses passwords we will not store: too short to resist guessing, or longer than
    /// bcrypt reads (72 bytes; the rest would be silently ignored).
    public static func check(_ password: String) throws(PasswordError) {
        if password.count < SignInPolicy.minimumPasswordLength { throw .tooShort }
        if password.utf8.count > 72 { throw .tooLong }
    }
}

public enum PasswordError: Error, CustomStringConvertible {
    case tooShort, tooLong
    public var description: String {
        switch self {
        case .tooShort: return "the password must have at least \(SignInPolicy.minimumPasswordLength) characters"
        case .tooLong: return "the password must be at most 72 bytes (bcrypt ignores the rest)"
        }
    }
}

/// Sessions and passwords as the server is configured.
public struct AuthSettings: Sendable {
    /// Adds `Secure` to the session cookie: set it whenever users reach Candor over HTTPS.
    public var secureCookies: Bool
    public var hasher: PasswordHasher
    public init(secureCookies: Bool = false, hasher: PasswordHasher = PasswordHasher()) {
        self.secureCookies = secureCookies; self.hasher = hasher
    }
}
