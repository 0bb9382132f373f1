import Foundation

/// Decides whether one outbound contact may happen now, why not, and when it could.
/// Pure: no I/O, no clock, no allocation on the common path. The contract is
/// ../shared/spec/contact-decisions.md; docs/COMPLIANCE.md explains the rules.
public struct ComplianceEngine: Sendable {
    public static let standard = ComplianceEngine()

    public let zones: ZoneDirectory
    public let stateRules: StateRuleBook

    public init(zones: ZoneDirectory = .standard, stateRules: StateRuleBook = .standard) {
        self.zones = zones
        self.stateRules = stateRules
    }

    /// How far ahead `nextAllowedAt` looks before concluding that only a change of
    /// state (e.g. the consumer's inconvenient times) could allow the contact.
    static let horizonSeconds = 400 * 86_400

    public func decide(_ request: ContactRequest) -> ContactDecision {
        let channel = request.proposed.channel
        let account = request.account
        let point = request.contactPoint
        var reasons = standingReasons(request)

        // A letter is never time-of-day or frequency limited here.
        if channel == .letter {
            return ContactDecision(reasons: reasons, nextAllowedAt: reasons.isEmpty ? request.now : nil)
        }

        // Candidate zones: the address's, plus the number's area code for calls and texts.
        let addressZones = zones.zones(state: account.state, postalCode: account.postalCode)
        var numberZones = ZoneSet()
        if channel.usesPhoneNumber, let number = point.address.phoneNumber {
            numberZones = zones.zones(areaCode: number.areaCode)
        }
        let candidates = addressZones.union(numberZones)
        guard !candidates.isEmpty else {
            reasons.insert(.timeZoneUnknown)
            return ContactDecision(reasons: reasons, nextAllowedAt: nil)
        }

        let now = Self.seconds(request.now)
        let primary = easternmost(addressZones.isEmpty ? numberZones : addressZones, at: now)
        let primaryRules = zones.rules[primary.index]

        // Time of day, in every candidate zone.
        let windows = channel.usesPhoneNumber ? account.inconvenientTimes : []
        let block = timeOfDayBlock(candidates, at: now, windows: windows)
        if block.hours { reasons.insert(.outsideCallingHours) }
        if block.window { reasons.insert(.consumerInconvenientTime) }

        // Frequency, in calendar days of the primary zone.
        let opening = frequencyOpening(request, primary: primaryRules, now: now, reasons: &reasons)

        var next: Date?
        if reasons.isEmpty {
            next = request.now
        } else if reasons.isDisjoint(with: .needingChangeOfState) {
            next = nextAllowed(after: now, opening: opening, primary: primaryRules,
                               candidates: candidates, windows: windows)
                .map { Date(timeIntervalSince1970: Double($0)) }
        }
        return ContactDecision(reasons: reasons, nextAllowedAt: next,
                               candidateZones: candidates, primaryZone: primary)
    }

    // MARK: Standing facts: flags, opt-outs, consent, workplace

    @inline(__always)
    func standingReasons(_ request: ContactRequest) -> ContactReasons {
        let channel = request.proposed.channel
        let account = request.account
        let point = request.contactPoint
        var reasons = ContactReasons()
        let flags = account.flags
        if !flags.isEmpty {
            // 1692c(c): after a cease letter the collector may still write (e.g. to say
            // collection stops), so letters are not refused.
            if flags.contains(.cease), channel != .letter { reasons.insert(.ceaseCommunication) }
            if flags.contains(.attorney) { reasons.insert(.attorneyRepresented) }
            if flags.contains(.bankruptcy) { reasons.insert(.bankruptcyStay) }
            if flags.contains(.deceased) { reasons.insert(.deceased) }
            // 1692g(b): collection pauses until verification is mailed, which is a letter.
            if flags.contains(.disputePending), channel != .letter { reasons.insert(.disputePending) }
        }
        guard channel != .letter else { return reasons }
        for optOut in account.optOuts where optOut.matches(channel: channel, address: point.address) {
            reasons.insert(.channelOptOut)
            break
        }
        if point.place == .work, account.employerProhibitsContact { reasons.insert(.workplaceProhibited) }
        if channel.usesPhoneNumber, point.lineType == .mobile || point.lineType == .unknown,
           channel == .sms || request.proposed.dialing.isAutomated || request.proposed.prerecorded,
           !point.autodialerConsent {
            reasons.insert(.tcpaConsentRequired)
        }
        return reasons
    }

    // MARK: Zones and local time

    @inline(__always)
    static func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }

    /// The zone with the greatest UTC offset at `t` (lowest index on a tie).
    @inline(__always)
    func easternmost(_ set: ZoneSet, at t: Int) -> ZoneID {
        var best: ZoneID?
        var bestOffset = Int.min
        for zone in set {
            let offset = zones.rules[zone.index].offset(at: t)
            if offset > bestOffset { best = zone; bestOffset = offset }
        }
        return best!
    }

    struct TimeBlock {
        var hours = false
        var window = false
        /// The earliest instant the blocking constraints could be met; Int.min when none block.
        var until = Int.min
    }

    static let callingHoursStart = 8 * 3600     // 12 CFR 1006.6(b)(1)(i): 8 a.m. ...
    static let callingHoursEnd = 21 * 3600      // ... to 9 p.m., local time

    /// Whether calling hours or an inconvenient window blocks `t` in some zone, and the
    /// first instant at which every blocking constraint found could be met. Within one
    /// offset segment local time is linear, so the jump is exact; at a segment's end the
    /// caller re-checks.
    @inline(__always)
    func timeOfDayBlock(_ set: ZoneSet, at t: Int, windows: [InconvenientWindow]) -> TimeBlock {
        var block = TimeBlock()
        let day = CivilTime.secondsPerDay
        for zone in set {
            let segment = zones.rules[zone.index].segment(at: t)
            let local = t + segment.offset
            let dayNumber = CivilTime.floorDiv(local, day)
            let midnight = dayNumber * day
            let secondOfDay = local - midnight
            var target = Int.min
            if secondOfDay < Self.callingHoursStart {
                block.hours = true
                target = midnight + Self.callingHoursStart
            } else if secondOfDay >= Self.callingHoursEnd {
                block.hours = true
                target = midnight + day + Self.callingHoursStart
            }
            if !windows.isEmpty {
                let weekday = CivilTime.weekdayIndex(day: dayNumber)
                let yesterday = weekday == 0 ? 6 : weekday - 1
                for window in windows {
                    let from = window.fromMinute * 60, to = window.toMinute * 60
                    if from < to {
                        if secondOfDay >= from, secondOfDay < to, window.days.contains(weekdayIndex: weekday) {
                            block.window = true
                            target = max(target, midnight + to)
                        }
                    } else if secondOfDay >= from, window.days.contains(weekdayIndex: weekday) {
                        block.window = true                      // runs past midnight
                        target = max(target, midnight + day + to)
                    } else if secondOfDay < to, window.days.contains(weekdayIndex: yesterday) {
                        block.window = true                      // started yesterday
                        target = max(target, midnight + to)
                    }
                }
            }
            if target != Int.min {
                block.until = max(block.until, min(target - segment.offset, segment.end))
            }
        }
        return block
    }

    /// The earliest instant at or after `now` allowed by every time-based rule: first the
    /// day the frequency rules open (local midnight of the primary zone), then jumps to
    /// the end of whatever blocks in any zone, until nothing blocks. Each jump is a lower
    /// bound of the answer, so the first unblocked instant is the answer.
    func nextAllowed(after now: Int, opening: Int?, primary: ZoneRules, candidates: ZoneSet,
                     windows: [InconvenientWindow]) -> Int? {
        var t = now
        if let opening {
            t = primary.firstInstant(atOrAfter: now, localAtLeast: opening * CivilTime.secondsPerDay)
        }
        var steps = 0
        while true {
            let block = timeOfDayBlock(candidates, at: t, windows: windows)
            if block.until == Int.min { return t }
            t = block.until
            steps += 1
            // Nothing inside the horizon: the consumer's stated times leave no opening.
            if t - now > Self.horizonSeconds || steps > 20_000 { return nil }
        }
    }
}
