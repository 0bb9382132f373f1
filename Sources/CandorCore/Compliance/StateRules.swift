/// A state's limit on how often a collector may initiate calls and texts, as data a
/// compliance officer can read and extend. Each row names its citation.
///
/// A contact of a covered channel is refused when the covered communications about
/// the same account, on local days D-(window-1)...D of the primary zone, already number
/// `limit` or more. Communications are counted by the kind of place of the proposed
/// contact point: `personal` contact points count the history at personal places with
/// `personalWindowDays`; `work` and `other` ones count the history at work and other
/// places with `otherWindowDays`.
public struct StateContactRule: Sendable, Hashable, Codable {
    public var state: String
    /// Proposed channels the rule limits.
    public var channels: [ContactChannel]
    /// Outbound phone calls, except `not_connected`, count.
    public var countsCalls: Bool
    /// Outbound texts count.
    public var countsTexts: Bool
    /// Refuse once this many were already made in the window (at most 8).
    public var limit: Int
    public var personalWindowDays: Int
    public var otherWindowDays: Int
    public var citation: String
    public var note: String

    public init(state: String, channels: [ContactChannel], countsCalls: Bool, countsTexts: Bool,
                limit: Int, personalWindowDays: Int, otherWindowDays: Int, citation: String, note: String) {
        self.state = state
        self.channels = channels
        self.countsCalls = countsCalls
        self.countsTexts = countsTexts
        self.limit = limit
        self.personalWindowDays = personalWindowDays
        self.otherWindowDays = otherWindowDays
        self.citation = citation
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case state, channels, limit, citation, note
        case countsCalls = "counts_calls", countsTexts = "counts_texts"
        case personalWindowDays = "personal_window_days", otherWindowDays = "other_window_days"
    }
}

/// The state rules the engine applies, indexed by state for constant-time look-up.
public struct StateRuleBook: Sendable {
    /// Today exactly the rule of the spec. More states change decisions: they are a
    /// product decision (see docs/COMPLIANCE.md for the proposed list).
    public static let table: [StateContactRule] = [
        StateContactRule(
            state: "MA", channels: [.phone, .sms], countsCalls: true, countsTexts: true,
            limit: 2, personalWindowDays: 7, otherWindowDays: 30,
            citation: "209 CMR 18.16(1)(d)",
            note: "Massachusetts: at most two calls or texts in 7 days to a personal number (residence, "
                + "cell, or number the debtor gave as personal), two in 30 days to any other number."),
    ]

    public static let standard = StateRuleBook(rules: table)

    public let rules: [StateContactRule]
    /// By `USStateCode.key`: indices into `rules`.
    private let byState: [[Int]]
    private let channelMasks: [UInt8]

    public init(rules: [StateContactRule]) {
        var byState = [[Int]](repeating: [], count: 26 * 26)
        for (i, rule) in rules.enumerated() {
            precondition((1...8).contains(rule.limit), "state rule limit must be 1...8")
            precondition((1...255).contains(rule.personalWindowDays) && (1...255).contains(rule.otherWindowDays))
            if let code = USStateCode(rule.state) { byState[code.key].append(i) }
        }
        self.rules = rules
        self.byState = byState
        self.channelMasks = rules.map { $0.channels.reduce(0) { $0 | $1.bit } }
    }

    /// Rule indices for a state.
    @inline(__always)
    func ruleIndices(for state: USStateCode) -> [Int] { byState[state.key] }

    @inline(__always)
    func rule(_ i: Int, covers channel: ContactChannel) -> Bool {
        channelMasks[i] & channel.bit != 0
    }

    /// Every row's citation, for the reason's `citation`.
    public var citationSummary: String {
        rules.map { "\($0.state): \($0.citation)" }.joined(separator: "; ")
    }
}
