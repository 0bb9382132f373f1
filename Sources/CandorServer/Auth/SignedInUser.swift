import CandorCore
import CandorStore
import Hummingbird

/// The user behind a request and how they proved it.
public struct SignedInUser: Sendable {
    public enum Via: Sendable { case cookie, bearer }
    public let user: StoredUser
    public let csrfToken: String
    public let via: Via
}

/// The per-route requirements. `SessionMiddleware` guarantees a session on every
/// non-public route; each handler then states the role it needs and checks the client of
/// every record it touches. Out-of-scope records answer 404, exactly like missing ones, so
/// a collector cannot learn what other clients' accounts exist.
extension CandorRequestContext {
    func signedIn() throws -> SignedInUser {
        guard let identity else { throw APIError(.unauthorized, "sign in first (POST /api/sessions or /sign-in)") }
        return identity
    }

    @discardableResult
    func require(_ role: StaffRole) throws -> SignedInUser {
        let me = try signedIn()
        guard me.user.role >= role else {
            throw APIError(.forbidden, "this needs the \(role.rawValue) role or above; you are signed in as \(me.user.role.rawValue)")
        }
        return me
    }

    /// The client codes to filter lists by; nil for admins (every client).
    func scopeFilter() throws -> Set<String>? { try signedIn().user.scope.codes }

    /// A client outside the user's scope is reported as unknown.
    func requireClient(_ code: String) throws {
        guard try signedIn().user.scope.allows(code.uppercased()) else { throw StoreError.unknownClient(code.uppercased()) }
    }

    /// An account outside the user's scope is reported as unknown.
    func requireAccount(_ id: String, store: SQLStore) async throws {
        let me = try signedIn()
        guard let code = try await store.clientCode(ofAccount: Account.ID(id)), me.user.scope.allows(code) else {
            throw StoreError.unknownAccount(id)
        }
    }

    /// What every page's layout shows: who is signed in and the token its forms carry.
    var pageSession: [String: Any] {
        guard let identity else { return [:] }
        return ["signedIn": true, "csrf": identity.csrfToken, "userName": identity.user.displayName,
                "userRole": identity.user.role.rawValue]
    }
}
