import Foundation

extension ComplianceEngine {
    /// One past contact about this account, reduced to what the frequency rules need.
    struct CountedContact {
        /// Local days before today (0 = today) in the primary zone.
        var daysAgo: Int
        var kinds: UInt8
        var personal: Bool

        static let call: UInt8 = 1          // outbound phone, any outcome but not_connected
        static let conversation: UInt8 = 2  // phone conversation, either direction
        static let text: UInt8 = 4          // outbound sms
    }

    /// The L smallest values seen, for "the L-th most recent day" (L <= 8; days 0...254).
    struct SmallestDays {
        private var lanes: UInt64 = .max    // 8 sorted byte lanes, 0xFF = empty
        @inline(__always) mutating func insert(_ value: Int) {
            var carry = UInt64(value)
            var out: UInt64 = 0
            var rest = lanes
            for lane in 0..<8 {
                let current = rest & 0xFF
                rest >>= 8
                if carry < current {
                    out |= carry << UInt64(lane * 8)
                    carry = current
                } else {
                    out |= current << UInt64(lane * 8)
                }
            }
            lanes = out
        }
        /// The `rank`-th smallest (1-based), nil if fewer were seen.
        @inline(__always) func value(rank: Int) -> Int? {
            let v = (lanes >> UInt64((rank - 1) * 8)) & 0xFF
            return v == 0xFF ? nil : Int(v)
        }
    }

    /// Applies the per-debt frequency rules (Reg F 7-in-7, the conversation wait and the
    /// state rules), inserting their reasons, and returns the local day number (in the
    /// primary zone) on which all of them are met again; nil when they are met today.
    ///
    /// A rule "at most L in the window of W days D-(W-1)...D" refuses day D while the
    /// L-th most recent counted contact is at most W-1 days before D; so it opens on the
    /// day W - (days ago of that contact) after today.
    func frequencyOpening(_ request: ContactRequest, primary: ZoneRules, now: Int,
                          reasons: inout ContactReasons) -> Int? {
        let channel = request.proposed.channel
        var stateRuleIndices: [Int] = []
        if let state = request.account.state { stateRuleIndices = stateRules.ruleIndices(for: state) }
        guard channel == .phone || !stateRuleIndices.isEmpty, !request.history.isEmpty else { return nil }

        let segment = primary.segment(at: now)
        let today = CivilTime.floorDiv(now + segment.offset, CivilTime.secondsPerDay)
        let accountID = request.account.id
        let history = request.history

        return withUnsafeTemporaryAllocation(of: CountedContact.self, capacity: history.count) { buffer in
            var count = 0
            for event in history {
                var kinds: UInt8 = 0
                switch event.channel {
                case .phone:
                    if event.direction == .outbound, event.outcome != .notConnected { kinds |= CountedContact.call }
                    if event.outcome == .conversation { kinds |= CountedContact.conversation }
                case .sms:
                    if event.direction == .outbound { kinds |= CountedContact.text }
                case .email, .letter:
                    break
                }
                guard kinds != 0, event.accounts.contains(accountID) else { continue }
                let at = Self.seconds(event.at)
                guard at <= now else { continue }            // history never lies after now
                let offset = at >= segment.start ? segment.offset : primary.offset(at: at)
                let daysAgo = today - CivilTime.floorDiv(at + offset, CivilTime.secondsPerDay)
                guard daysAgo <= 254 else { continue }
                buffer[count] = CountedContact(daysAgo: daysAgo, kinds: kinds, personal: event.place == .personal)
                count += 1
            }
            var openingDays = 0    // days after today on which every rule is met

            if channel == .phone {
                // 12 CFR 1006.14(b)(2)(i)(A): 7 calls within 7 consecutive days.
                var calls = SmallestDays()
                // 12 CFR 1006.14(b)(2)(i)(B): 7 days after a conversation, the conversation day being day 1.
                var lastConversation = Int.max
                for i in 0..<count where buffer[i].daysAgo <= 6 {
                    if buffer[i].kinds & CountedContact.call != 0 { calls.insert(buffer[i].daysAgo) }
                    if buffer[i].kinds & CountedContact.conversation != 0 {
                        lastConversation = min(lastConversation, buffer[i].daysAgo)
                    }
                }
                if let seventh = calls.value(rank: 7) {
                    reasons.insert(.regFCallFrequency)
                    openingDays = max(openingDays, 7 - seventh)
                }
                if lastConversation != Int.max {
                    reasons.insert(.regFConversationWait)
                    openingDays = max(openingDays, 7 - lastConversation)
                }
            }

            // State overlay (e.g. 209 CMR 18.16(1)(d)), counted by the proposed contact's kind of place.
            let personal = request.contactPoint.place == .personal
            for index in stateRuleIndices where stateRules.rule(index, covers: channel) {
                let rule = stateRules.rules[index]
                let window = personal ? rule.personalWindowDays : rule.otherWindowDays
                var counted = SmallestDays()
                var mask: UInt8 = 0
                if rule.countsCalls { mask |= CountedContact.call }
                if rule.countsTexts { mask |= CountedContact.text }
                for i in 0..<count where buffer[i].daysAgo < window && buffer[i].kinds & mask != 0
                    && buffer[i].personal == personal {
                    counted.insert(buffer[i].daysAgo)
                }
                if let last = counted.value(rank: rule.limit) {
                    reasons.insert(.stateCallFrequency)
                    openingDays = max(openingDays, window - last)
                }
            }
            return openingDays == 0 ? nil : today + openingDays
        }
    }
}
