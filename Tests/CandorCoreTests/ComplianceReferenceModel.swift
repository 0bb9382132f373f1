import CandorCore
import Foundation

/// A slow, obviously-correct model of the spec for property tests: Foundation's Calendar
/// for local time (not the engine's offset tables), rules written straight from the
/// table of ../shared/spec/contact-decisions.md, and a scan for the next allowed time.
enum ReferenceModel {
    static let directory = ComplianceEngine.standard.zones

    static func calendar(_ zone: String) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar
    }

    /// Local (day number since 1970, minute of day, weekday 0 = Monday) of an instant.
    static func local(_ date: Date, _ zone: String) -> (day: Int, minute: Int, weekday: Int) {
        let c = calendar(zone).dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let midnight = utc.date(from: DateComponents(year: c.year, month: c.month, day: c.day))!
        let day = Int((midnight.timeIntervalSince1970 / 86_400).rounded())
        return (day, c.hour! * 60 + c.minute!, (c.weekday! + 5) % 7)
    }

    static func zoneNames(_ r: ContactRequest) -> (address: [String], number: [String]) {
        let address = directory.names(of: directory.zones(state: r.account.state, postalCode: r.account.postalCode))
        var number: [String] = []
        if r.proposed.channel.usesPhoneNumber, let n = r.contactPoint.address.phoneNumber {
            number = directory.names(of: directory.zones(areaCode: n.areaCode))
        }
        return (address, number)
    }

    static func reasons(_ r: ContactRequest) -> Set<ContactReason> {
        var out = Set<ContactReason>()
        let ch = r.proposed.channel
        let a = r.account
        let p = r.contactPoint
        if a.flags.contains(.cease), ch != .letter { out.insert(.ceaseCommunication) }
        if a.flags.contains(.attorney) { out.insert(.attorneyRepresented) }
        if a.flags.contains(.bankruptcy) { out.insert(.bankruptcyStay) }
        if a.flags.contains(.deceased) { out.insert(.deceased) }
        if a.flags.contains(.disputePending), ch != .letter { out.insert(.disputePending) }
        if ch == .letter { return out }
        if a.optOuts.contains(where: { $0.channel == ch && ($0.target == .everyAddress || $0.target == .address(p.address)) }) {
            out.insert(.channelOptOut)
        }
        if ch.usesPhoneNumber, [.mobile, .unknown].contains(p.lineType),
           ch == .sms || r.proposed.dialing != .manual || r.proposed.prerecorded, !p.autodialerConsent {
            out.insert(.tcpaConsentRequired)
        }
        if p.place == .work, a.employerProhibitsContact { out.insert(.workplaceProhibited) }

        let (address, number) = zoneNames(r)
        let candidates = Set(address + number)
        if candidates.isEmpty { out.insert(.timeZoneUnknown); return out }
        for zone in candidates {
            let l = local(r.now, zone)
            if l.minute < 8 * 60 || l.minute >= 21 * 60 { out.insert(.outsideCallingHours) }
            if ch.usesPhoneNumber {
                for w in a.inconvenientTimes {
                    let today = w.days.contains(WeekdaySet(rawValue: 1 << UInt8(l.weekday)))
                    let yesterday = w.days.contains(WeekdaySet(rawValue: 1 << UInt8((l.weekday + 6) % 7)))
                    let inside = w.fromMinute < w.toMinute
                        ? today && l.minute >= w.fromMinute && l.minute < w.toMinute
                        : (today && l.minute >= w.fromMinute) || (yesterday && l.minute < w.toMinute)
                    if inside { out.insert(.consumerInconvenientTime) }
                }
            }
        }
        // Primary zone: the easternmost of the address's zones, else of the number's
        // (ties: the directory's order, as the engine).
        let pool = address.isEmpty ? number : address
        let primary = pool.max { x, y in
            let ox = TimeZone(identifier: x)!.secondsFromGMT(for: r.now)
            let oy = TimeZone(identifier: y)!.secondsFromGMT(for: r.now)
            if ox != oy { return ox < oy }
            return directory.zone(named: x)!.index > directory.zone(named: y)!.index
        }!
        let today = local(r.now, primary).day
        let mine = r.history.filter { $0.accounts.contains(a.id) && $0.at <= r.now }
        func daysAgo(_ e: ContactEvent) -> Int { today - local(e.at, primary).day }
        func isCall(_ e: ContactEvent) -> Bool { e.channel == .phone && e.direction == .outbound && e.outcome != .notConnected }
        if ch == .phone {
            if mine.filter({ isCall($0) && daysAgo($0) <= 6 }).count >= 7 { out.insert(.regFCallFrequency) }
            if mine.contains(where: { $0.channel == .phone && $0.outcome == .conversation && daysAgo($0) <= 6 }) {
                out.insert(.regFConversationWait)
            }
        }
        if a.state?.code == "MA", ch.usesPhoneNumber {
            let personal = p.place == .personal
            let window = personal ? 7 : 30
            let counted = mine.filter {
                (isCall($0) || ($0.channel == .sms && $0.direction == .outbound))
                    && ($0.place == .personal) == personal && daysAgo($0) < window
            }
            if counted.count >= 2 { out.insert(.stateCallFrequency) }
        }
        return out
    }

    /// The first allowed instant at or after `now`, scanning a grid of `step` seconds
    /// (every boundary of the generated scenarios lies on the 30-minute grid), up to `days`.
    static func nextAllowed(_ r: ContactRequest, step: Int = 1800, days: Int = 40) -> Date? {
        let first = reasons(r)
        if first.isEmpty { return r.now }
        if first.contains(where: \.needsChangeOfState) { return nil }
        let now = Int(r.now.timeIntervalSince1970)
        var t = (now / step + 1) * step
        while t - now <= days * 86_400 {
            var moved = r
            moved.now = Date(timeIntervalSince1970: Double(t))
            if reasons(moved).isEmpty { return moved.now }
            t += step
        }
        return nil
    }
}

/// Random scenarios over the hard cases: split states, several zones, DST days, busy histories.
struct ScenarioGenerator {
    var rng: SeededGenerator

    static let addresses: [(String?, String?)] = [
        ("NY", "10001"), ("MA", "02139"), ("MA", "01002"), ("IL", "60601"), ("TX", "75201"), ("TX", "79901"),
        ("TX", nil), ("FL", "32501"), ("FL", nil), ("ID", nil), ("ID", "83702"), ("AZ", "85004"), ("AZ", nil),
        ("IN", nil), ("KY", "40202"), ("TN", nil), ("AK", nil), ("HI", "96813"), ("PR", "00901"), ("CA", "90012"),
        ("ND", nil), ("OR", nil), ("MI", nil), (nil, nil), (nil, "60601"), ("GU", nil),
    ]
    static let numbers = ["+12125550101", "+16175550142", "+13125550100", "+19155550100", "+18505550100",
                          "+12085550100", "+16025550100", "+19285550100", "+19075550100", "+18085550100",
                          "+17875550100", "+17095550100", "+14235550100", "+19995550100", "+12135550100",
                          "+16715550100", "+17015550100"]
    /// Midnights (UTC) of days around 2026's transitions and a few ordinary ones.
    static let days = ["2026-03-07", "2026-03-08", "2026-03-09", "2026-03-14", "2026-10-31", "2026-11-01",
                       "2026-11-02", "2026-11-07", "2026-06-15", "2026-01-10", "2026-12-31"]

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    mutating func request(simple: Bool = false) -> ContactRequest {
        let (state, zip) = pick(Self.addresses)
        let day = Fixture.at(pick(Self.days) + "T00:00:00Z")
        let now = day.addingTimeInterval(Double(int(0..<(48 * 60)) * 60))
        var flags = AccountFlags()
        if !simple, chance(0.08) { flags.insert(AccountFlags(pick(AccountFlag.allCases))) }
        var windows: [InconvenientWindow] = []
        if chance(0.25) {
            let from = int(0..<48) * 30, length = int(1..<20) * 30
            let days = WeekdaySet(rawValue: UInt8(int(1..<128)))
            windows.append(InconvenientWindow(days: days, fromMinute: from, toMinute: (from + length) % 1440)!)
        }
        let number = pick(Self.numbers)
        var optOuts: [OptOut] = []
        if !simple, chance(0.05) { optOuts.append(OptOut(channel: pick([.phone, .sms, .email]), address: pick(["*", number]))) }
        let account = ContactAccount(id: "A", state: state.flatMap(USStateCode.init), postalCode: zip.flatMap(ZIPCode.init),
                                     flags: flags, inconvenientTimes: windows, optOuts: optOuts,
                                     employerProhibitsContact: !simple && chance(0.1))
        let channel: ContactChannel = pick([.phone, .phone, .phone, .sms, .email, .letter])
        let point: ContactPoint
        switch channel {
        case .phone, .sms:
            point = ContactPoint(channel: channel, address: .phone(NANPNumber(e164: number)!),
                                 lineType: pick(LineType.allCases), place: pick([.personal, .personal, .work, .other]),
                                 autodialerConsent: simple || chance(0.85))
        case .email: point = Fixture.email()
        case .letter: point = ContactPoint(channel: .letter, address: .text("1 main st"))
        }
        var history: [ContactEvent] = []
        for _ in 0..<int(0..<14) {
            let at = now.addingTimeInterval(-Double(int(0..<(35 * 24 * 60)) * 60))
            let c: ContactChannel = pick([.phone, .phone, .phone, .sms, .email])
            let outcome: ContactOutcome = c == .phone ? pick(ContactOutcome.allCases.filter { $0 != .sent }) : .sent
            history.append(ContactEvent(at: at, channel: c, direction: chance(0.85) ? .outbound : .inbound,
                                        outcome: outcome, place: pick([.personal, .personal, .work, .other]),
                                        accounts: pick([["A"], ["A", "B"], ["B"]])))
        }
        return ContactRequest(now: now, account: account, contactPoint: point, history: history,
                              proposed: ProposedContact(channel: channel, dialing: pick(DialingMode.allCases),
                                                        prerecorded: chance(0.1)))
    }
}
