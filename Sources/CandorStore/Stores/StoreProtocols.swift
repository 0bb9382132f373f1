import CandorCore
import Foundation

/// Errors the stores raise for the caller to show (the HTTP edge maps them to 4xx).
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case clientExists(String)
    case unknownClient(String)
    case unknownAccount(String)

    public var description: String {
        switch self {
        case .clientExists(let code): return "a client with code \(code) already exists"
        case .unknownClient(let code): return "no client with code \(code): add it first with `candor clients add \(code) --name \"...\"`"
        case .unknownAccount(let id): return "no account \(id)"
        }
    }
}

public protocol ClientStore: Sendable {
    func addClient(code: String, name: String) async throws -> Client
    func clients() async throws -> [Client]
    func client(code: String) async throws -> Client?
}

/// One line of an accounts list.
public struct AccountSummary: Sendable, Hashable, Codable {
    public var id: Account.ID
    public var clientCode: String
    public var clientAccountNumber: String
    public var consumerName: String
    public var state: String?
    public var balance: Money
    public var status: Account.Status
}

public struct AccountQuery: Sendable, Hashable {
    /// Matches a consumer name (any part, case-insensitive), an account number (exact or
    /// prefix) or a phone number (any punctuation).
    public var search: String?
    public var clientCode: String?
    /// The clients the asking user may see (nil: all): a signed-in user's scope.
    public var withinClients: Set<String>?
    public var limit: Int
    public var offset: Int

    public init(search: String? = nil, clientCode: String? = nil, withinClients: Set<String>? = nil, limit: Int = 50, offset: Int = 0) {
        self.search = search; self.clientCode = clientCode; self.withinClients = withinClients; self.limit = limit; self.offset = offset
    }
}

public struct AccountPage: Sendable, Codable {
    public var accounts: [AccountSummary]
    public var offset: Int
    public var limit: Int
    /// More rows follow this page.
    public var hasMore: Bool
}

/// Everything a collector needs on one account.
public struct AccountDetail: Sendable, Codable {
    public var account: Account
    public var client: Client
    public var consumer: Consumer
    public var ledger: Ledger
    public var balance: Money { ledger.balance }
}

public protocol AccountStore: Sendable {
    func accounts(_ query: AccountQuery) async throws -> AccountPage
    func account(id: Account.ID) async throws -> AccountDetail?
    func placements(clientCode: String?) async throws -> [Placement]
}
