import CandorCore
import Foundation

/// A campaign's question: of these accounts, which numbers may be called right now, in
/// what order. Every candidate is decided by the compliance engine from stored state.
public struct EligibleNowRequest: Sendable {
    public enum Priority: String, Sendable, CaseIterable, Codable {
        /// Largest balance first: where a contact recovers most.
        case balanceDescending = "balance_desc"
        case balanceAscending = "balance_asc"
        /// Oldest itemization date first (the oldest debts).
        case oldestDebt = "oldest_debt"
        /// Accounts nobody has tried for the longest time first.
        case leastRecentlyTried = "least_recently_tried"
    }

    public var clientCode: String?
    public var now: Date
    public var dialing: DialingMode
    public var priority: Priority
    public var limit: Int?

    public init(clientCode: String? = nil, now: Date, dialing: DialingMode = .predictive,
                priority: Priority = .balanceDescending, limit: Int? = nil) {
        self.clientCode = clientCode; self.now = now; self.dialing = dialing; self.priority = priority; self.limit = limit
    }
}

public struct EligibleContact: Sendable, Hashable {
    public var accountID: Account.ID
    public var consumerID: Consumer.ID
    public var number: String
    public var lineType: LineType
    public var balance: Money
}

public struct EligibleNowResult: Sendable {
    public var eligible: [EligibleContact]
    public var accountsConsidered: Int
    public var numbersConsidered: Int
    /// How many numbers each reason kept off the list (a number may have several).
    public var refusedByReason: [ContactReason: Int]
}
