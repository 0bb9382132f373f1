import CandorCore
import Foundation
import Testing

/// 2026's spring-forward (8 March) and fall-back (1 November) days in every US zone of the
/// tables. Expectations come from Foundation's Calendar, not from the engine's tables.
@Suite("Daylight-saving days of 2026")
struct ComplianceDaylightSavingTests {
    static let usZones: [String] = {
        let directory = ComplianceEngine.standard.zones
        var zones = Set<String>()
        for a in UInt8(ascii: "A")...UInt8(ascii: "Z") {
            for b in UInt8(ascii: "A")...UInt8(ascii: "Z") {
                let code = USStateCode(String(decoding: [a, b], as: UTF8.self))!
                zones.formUnion(directory.names(of: directory.zones(state: code)))
            }
        }
        return zones.sorted()
    }()

    /// A phone request whose only candidate zone is `zone` (a ZIP in that zone alone, a
    /// number whose area code the tables do not know).
    func request(_ zone: String, now: Date, history: [ContactEvent] = []) -> ContactRequest? {
        guard let zip = Fixture.zip(inOnly: zone) else { return nil }
        return ContactRequest(now: now, account: ContactAccount(id: "A1", postalCode: zip),
                              contactPoint: Fixture.phone("+19995550100"), history: history,
                              proposed: ProposedContact(channel: .phone))
    }

    @Test("the tables hold every split-state zone of the issue", arguments: [
        "America/Chicago", "America/New_York", "America/Denver", "America/Phoenix", "America/Boise",
        "America/Los_Angeles", "America/Anchorage", "America/Adak", "Pacific/Honolulu", "America/Puerto_Rico",
        "America/Indiana/Indianapolis", "America/Kentucky/Louisville", "America/Detroit", "America/Menominee",
        "America/North_Dakota/Center", "Pacific/Guam", "Pacific/Pago_Pago", "America/St_Thomas",
    ])
    func zonePresent(zone: String) {
        #expect(Self.usZones.contains(zone))
    }

    @Test("calling hours open at 08:00 and close at 21:00 local on both transition days", arguments: usZones)
    func callingHoursOnTransitionDays(zone: String) throws {
        for (month, day) in [(3, 8), (11, 1)] {
            let opens = Fixture.local(zone, 2026, month, day, 8)
            let closes = Fixture.local(zone, 2026, month, day, 21)
            let nextMorning = Fixture.local(zone, 2026, month, day + 1, 8)
            let early = try #require(request(zone, now: Fixture.local(zone, 2026, month, day, 0, 30)), "no ZIP for \(zone)")
            let decision = Fixture.decide(early)
            #expect(decision.reasons == .outsideCallingHours, "\(zone) \(month)/\(day)")
            #expect(decision.nextAllowedAt == opens, "\(zone) \(month)/\(day)")
            #expect(Fixture.decide(Fixture.moved(early, to: opens)).allowed)
            #expect(Fixture.decide(Fixture.moved(early, to: closes.addingTimeInterval(-60))).allowed)
            let late = Fixture.decide(Fixture.moved(early, to: closes))
            #expect(late.nextAllowedAt == nextMorning, "\(zone) \(month)/\(day)")
        }
    }

    @Test("a conversation at 00:30 on a transition day waits until 08:00 on day eight", arguments: usZones)
    func conversationAcrossTransition(zone: String) throws {
        for (month, day) in [(3, 8), (11, 1)] {
            let talk = Fixture.local(zone, 2026, month, day, 0, 30)
            let history = [Fixture.call(talk, .conversation, direction: .inbound)]
            let now = Fixture.local(zone, 2026, month, day, 9)
            let r = try #require(request(zone, now: now, history: history), "no ZIP for \(zone)")
            let decision = Fixture.decide(r)
            #expect(decision.reasons == .regFConversationWait, "\(zone)")
            #expect(decision.nextAllowedAt == Fixture.local(zone, 2026, month, day + 7, 8), "\(zone) \(month)/\(day)")
        }
    }

    @Test("seven calls straddling the transition night count by local day", arguments: usZones)
    func callsAcrossTransition(zone: String) throws {
        for (month, day) in [(3, 8), (11, 1)] {
            // Calls at 23:30 on the eve and at 00:30, 01:30, 03:30 ... on the day itself.
            let times = [Fixture.local(zone, 2026, month, day - 1, 23, 30)]
                + [0, 1, 3, 4, 5, 6].map { Fixture.local(zone, 2026, month, day, $0, 30) }
            let r = try #require(request(zone, now: Fixture.local(zone, 2026, month, day, 10),
                                         history: times.map { Fixture.call($0) }), "no ZIP for \(zone)")
            let decision = Fixture.decide(r)
            #expect(decision.reasons == .regFCallFrequency, "\(zone)")
            // The eve's call leaves the window first: day - 1 + 7.
            #expect(decision.nextAllowedAt == Fixture.local(zone, 2026, month, day + 6, 8), "\(zone) \(month)/\(day)")
        }
    }
}
