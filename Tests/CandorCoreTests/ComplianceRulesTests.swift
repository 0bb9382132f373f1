import CandorCore
import Foundation
import Testing

/// Calling hours, inconvenient times, flags, opt-outs, consent, workplace, unknown zone.
@Suite("Contact rules")
struct ComplianceRulesTests {
    let ny = "America/New_York"
    let noon = Fixture.local("America/New_York", 2026, 3, 10, 12)

    @Test("calls are allowed from 08:00 up to, not including, 21:00 local time")
    func callingHours() {
        func decide(_ h: Int, _ m: Int) -> ContactDecision {
            Fixture.decide(Fixture.request(now: Fixture.local(ny, 2026, 3, 10, h, m)))
        }
        #expect(decide(7, 59).reasons == .outsideCallingHours)
        #expect(decide(7, 59).nextAllowedAt == Fixture.local(ny, 2026, 3, 10, 8))
        #expect(decide(8, 0).allowed)
        #expect(decide(20, 59).allowed)
        #expect(decide(21, 0).reasons == .outsideCallingHours)
        #expect(decide(21, 0).nextAllowedAt == Fixture.local(ny, 2026, 3, 11, 8))
    }

    @Test("a time is convenient only if it is convenient in every candidate zone")
    func everyCandidateZone() {
        // New York address, Los Angeles mobile: 08:30 in New York is 05:30 in Los Angeles.
        let request = Fixture.request(now: Fixture.local(ny, 2026, 3, 10, 8, 30), point: Fixture.phone("+12135550100"))
        let decision = Fixture.decide(request)
        #expect(decision.reasons == .outsideCallingHours)
        #expect(decision.nextAllowedAt == Fixture.local("America/Los_Angeles", 2026, 3, 10, 8))
        // 20:30 in Los Angeles is 23:30 in New York: the next opening is 08:00 Los Angeles next day.
        let late = Fixture.decide(Fixture.moved(request, to: Fixture.local("America/Los_Angeles", 2026, 3, 10, 20, 30)))
        #expect(late.nextAllowedAt == Fixture.local("America/Los_Angeles", 2026, 3, 11, 8))
    }

    @Test("a split state without a postal code contributes all its zones; the postal code settles it")
    func splitStates() {
        let now = Fixture.local("America/Chicago", 2026, 3, 10, 8, 30)   // 07:30 in El Paso
        let noZIP = Fixture.request(now: now, account: Fixture.account(state: "TX", zip: nil),
                                    point: Fixture.phone("+19995550100"))
        #expect(Fixture.decide(noZIP).reasons == .outsideCallingHours)
        let dallas = Fixture.request(now: now, account: Fixture.account(state: "TX", zip: "75201"),
                                     point: Fixture.phone("+19995550100"))
        #expect(Fixture.decide(dallas).allowed)
    }

    @Test("no candidate zone at all: TIME_ZONE_UNKNOWN, and only a change of state helps")
    func unknownZone() {
        let request = Fixture.request(now: noon, account: Fixture.account(state: nil, zip: nil),
                                      point: Fixture.phone("+19995550100"))
        let decision = Fixture.decide(request)
        #expect(decision.reasons == .timeZoneUnknown)
        #expect(decision.nextAllowedAt == nil)
        let email = Fixture.request(now: noon, account: Fixture.account(state: nil, zip: nil), point: Fixture.email())
        #expect(Fixture.decide(email).reasons == .timeZoneUnknown, "email has only the address's zones")
    }

    @Test("inconvenient windows apply in local time, from inclusive, to exclusive, on the named days")
    func inconvenientTimes() {
        // 2026-03-10 is a Tuesday.
        let window = InconvenientWindow(days: WeekdaySet([.tue]), fromMinute: 12 * 60, toMinute: 14 * 60)!
        let account = Fixture.account(windows: [window])
        func decide(_ d: Int, _ h: Int, _ m: Int = 0) -> ContactDecision {
            Fixture.decide(Fixture.request(now: Fixture.local(ny, 2026, 3, d, h, m), account: account))
        }
        #expect(decide(10, 11, 59).allowed)
        #expect(decide(10, 12).reasons == .consumerInconvenientTime)
        #expect(decide(10, 12).nextAllowedAt == Fixture.local(ny, 2026, 3, 10, 14))
        #expect(decide(10, 14).allowed)
        #expect(decide(11, 12).allowed, "Wednesday is not named")
        let email = Fixture.request(now: Fixture.local(ny, 2026, 3, 10, 12), account: account, point: Fixture.email())
        #expect(Fixture.decide(email).allowed, "inconvenient times are for calls and texts")
    }

    @Test("an inconvenient window may run past midnight and push the opening to the next evening")
    func overnightWindow() {
        // "after 18:00 until 10:00" every day, and calling hours: only 10:00-18:00 remains.
        let window = InconvenientWindow(days: .everyDay, fromMinute: 18 * 60, toMinute: 10 * 60)!
        let request = Fixture.request(now: Fixture.local(ny, 2026, 3, 10, 19), account: Fixture.account(windows: [window]))
        let decision = Fixture.decide(request)
        #expect(decision.reasons == .consumerInconvenientTime)
        #expect(decision.nextAllowedAt == Fixture.local(ny, 2026, 3, 11, 10))
    }

    @Test("windows that leave no time in any day make next_allowed_at null")
    func neverConvenient() {
        let window = InconvenientWindow(days: .everyDay, fromMinute: 7 * 60, toMinute: 22 * 60)!
        let decision = Fixture.decide(Fixture.request(now: noon, account: Fixture.account(windows: [window])))
        #expect(decision.reasons == .consumerInconvenientTime)
        #expect(decision.nextAllowedAt == nil)
    }

    @Test("flags stop contact; cease and a pending dispute still allow a letter")
    func flags() {
        let letter = ContactPoint(channel: .letter, address: .text("1 main st"))
        let cases: [(AccountFlags, ContactReasons, Bool)] = [
            (.cease, .ceaseCommunication, true),
            (.attorney, .attorneyRepresented, false),
            (.bankruptcy, .bankruptcyStay, false),
            (.deceased, .deceased, false),
            (.disputePending, .disputePending, true),
        ]
        for (flag, reason, letterAllowed) in cases {
            let call = Fixture.decide(Fixture.request(now: noon, account: Fixture.account(flags: flag)))
            #expect(call.reasons == reason)
            #expect(call.nextAllowedAt == nil)
            let mail = Fixture.decide(Fixture.request(now: Fixture.local(ny, 2026, 3, 10, 23),
                                                      account: Fixture.account(flags: flag), point: letter))
            #expect(mail.allowed == letterAllowed, "letter with \(flag)")
        }
    }

    @Test("a letter is never limited by time of day, frequency or zone")
    func letters() {
        let letter = ContactPoint(channel: .letter, address: .text("1 main st"))
        let midnight = Fixture.local(ny, 2026, 3, 10, 0, 5)
        let history = (4...10).map { Fixture.call(Fixture.local(ny, 2026, 3, $0, 10)) }
        let decision = Fixture.decide(Fixture.request(now: midnight, account: Fixture.account(state: nil, zip: nil),
                                                      point: letter, history: history))
        #expect(decision.allowed)
        #expect(decision.nextAllowedAt == midnight)
    }

    @Test("an opt-out matches its channel and address, or the whole channel with *")
    func optOuts() {
        let number = "+12125550101"
        func decide(_ optOut: OptOut, channel: ContactChannel) -> ContactDecision {
            Fixture.decide(Fixture.request(now: noon, account: Fixture.account(optOuts: [optOut]),
                                           point: Fixture.phone(number, consent: true), channel: channel))
        }
        #expect(decide(OptOut(channel: .sms, address: number), channel: .sms).reasons == .channelOptOut)
        #expect(decide(OptOut(channel: .sms, address: number), channel: .phone).allowed)
        #expect(decide(OptOut(channel: .sms, address: "+12125550199"), channel: .sms).allowed)
        #expect(decide(OptOut(channel: .phone, address: "*"), channel: .phone).reasons == .channelOptOut)
        let email = Fixture.decide(Fixture.request(
            now: noon, account: Fixture.account(optOuts: [OptOut(channel: .email, address: "C@Example.org")]),
            point: Fixture.email("c@example.org")))
        #expect(email.reasons == .channelOptOut)
        #expect(email.nextAllowedAt == nil)
    }

    @Test("automated calls and all texts to a mobile or unknown line need consent; manual calls don't")
    func tcpa() {
        for line in LineType.allCases {
            for dialing in DialingMode.allCases {
                let point = Fixture.phone(line: line, consent: false)
                let decision = Fixture.decide(Fixture.request(now: noon, point: point, dialing: dialing))
                let needsConsent = (line == .mobile || line == .unknown) && dialing != .manual
                #expect(decision.reasons.contains(.tcpaConsentRequired) == needsConsent, "\(line) \(dialing)")
            }
            let text = Fixture.decide(Fixture.request(now: noon, point: Fixture.phone(line: line, consent: false),
                                                      channel: .sms))
            #expect(text.reasons.contains(.tcpaConsentRequired) == (line == .mobile || line == .unknown))
        }
        let prerecorded = Fixture.decide(Fixture.request(now: noon, point: Fixture.phone(line: .mobile, consent: false),
                                                         prerecorded: true))
        #expect(prerecorded.reasons == .tcpaConsentRequired)
        let consented = Fixture.decide(Fixture.request(now: noon, point: Fixture.phone(line: .mobile, consent: true),
                                                       dialing: .predictive))
        #expect(consented.allowed)
    }

    @Test("a work contact point is off limits when the employer prohibits contact")
    func workplace() {
        let banned = Fixture.account(employerProhibits: true)
        let work = Fixture.decide(Fixture.request(now: noon, account: banned, point: Fixture.phone(place: .work)))
        #expect(work.reasons == .workplaceProhibited)
        #expect(work.nextAllowedAt == nil)
        #expect(Fixture.decide(Fixture.request(now: noon, account: banned, point: Fixture.phone(place: .personal))).allowed)
    }

    @Test("every reason has a code, a citation and a summary; codes sort alphabetically")
    func citations() {
        for reason in ContactReason.allCases {
            #expect(!reason.citation.isEmpty)
            #expect(!reason.summary.isEmpty)
            #expect(reason.code == reason.rawValue)
        }
        #expect(ContactReason.stateCallFrequency.citation.contains("209 CMR 18.16(1)(d)"))
        #expect(ContactReason.regFCallFrequency.citation == "12 CFR 1006.14(b)(2)(i)(A)")
        let all = ContactReasons(rawValue: .max)
        #expect(all.codes == all.codes.sorted())
        #expect(all.codes.count == ContactReason.allCases.count)
    }

    @Test("every applicable reason is reported together, and a permanent one nulls next_allowed_at")
    func allReasonsTogether() {
        let now = Fixture.local(ny, 2026, 3, 10, 22)
        let history = [Fixture.call(Fixture.local(ny, 2026, 3, 9, 10), .conversation)]
        let decision = Fixture.decide(Fixture.request(now: now, account: Fixture.account(flags: .attorney),
                                                      history: history))
        #expect(decision.reasons.codes == ["ATTORNEY_REPRESENTED", "OUTSIDE_CALLING_HOURS", "REG_F_CONVERSATION_WAIT"])
        #expect(decision.nextAllowedAt == nil)
    }
}
