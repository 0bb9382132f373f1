// A dialing campaign: who we call for (client scope), how (mode), whom (ordered contact
// list), when (hours), and the limits pacing must respect (abandon cap, lines per agent).
// Identifiers are plain strings here on purpose: CandorCore's typed IDs are still being
// written; live code maps `Account.ID` etc. to these when it builds a campaign.

public struct CampaignID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// How calls reach agents.
public enum DialingMode: String, Sendable, Codable, CaseIterable {
    /// The agent reviews the account and asks for the call: no abandons are possible.
    case preview
    /// Never more calls in flight than idle agents: no abandons unless AMD misroutes.
    case progressive
    /// The `candor` pacer: dials ahead of agents, holding the abandon cap.
    case predictive
}

/// One number to dial for one account, with the list priority (higher dials first).
public struct ContactTarget: Hashable, Sendable, Codable {
    public var accountID: String
    public var contactPointID: String
    public var phoneNumber: String
    public var priority: Int

    public init(accountID: String, contactPointID: String, phoneNumber: String, priority: Int = 0) {
        self.accountID = accountID
        self.contactPointID = contactPointID
        self.phoneNumber = phoneNumber
        self.priority = priority
    }
}

/// The campaign's own dialing window, in seconds after local midnight of the campaign's
/// time zone. The consumer's own calling hours (12 CFR 1006.6(b)(1)) are the compliance
/// engine's business and are checked per number through `ContactGate`.
public struct CampaignHours: Hashable, Sendable, Codable {
    public var start: Double
    public var end: Double
    public init(start: Double, end: Double) { self.start = start; self.end = end }
    public func contains(secondOfDay: Double) -> Bool { secondOfDay >= start && secondOfDay < end }
    public static let businessDay = CampaignHours(start: 9 * 3600, end: 17 * 3600)
}

public struct Campaign: Sendable, Codable {
    public var id: CampaignID
    /// The client (creditor) whose accounts this campaign may dial; nothing outside it.
    public var clientScope: String
    public var mode: DialingMode
    public var hours: CampaignHours
    /// Abandoned calls / live answers, held per shift and over a rolling 30 days.
    /// 0.03 is the FTC/FCC safe harbor (47 CFR 64.1200(a)(7)), adopted as house policy.
    public var abandonCap: Double
    /// Hard ceiling on dialing lines, whatever the pacer wants (trunk capacity, and a bound
    /// on the damage a mis-estimate can do).
    public var maxLinesPerAgent: Double
    /// The dialing list, kept in priority order (highest first, stable).
    public private(set) var targets: [ContactTarget]

    public init(
        id: CampaignID, clientScope: String, mode: DialingMode,
        hours: CampaignHours = .businessDay, abandonCap: Double = 0.03,
        maxLinesPerAgent: Double = 5, targets: [ContactTarget] = []
    ) {
        self.id = id
        self.clientScope = clientScope
        self.mode = mode
        self.hours = hours
        self.abandonCap = abandonCap
        self.maxLinesPerAgent = maxLinesPerAgent
        self.targets = Campaign.ordered(targets)
    }

    public mutating func replaceTargets(_ newTargets: [ContactTarget]) {
        targets = Campaign.ordered(newTargets)
    }

    static func ordered(_ targets: [ContactTarget]) -> [ContactTarget] {
        // Stable: equal priorities keep the compliance engine's eligible-now order.
        targets.enumerated()
            .sorted { $0.element.priority != $1.element.priority ? $0.element.priority > $1.element.priority : $0.offset < $1.offset }
            .map(\.element)
    }
}
