import CandorCore
import Foundation
import Testing

/// Reg F 7-in-7, the conversation wait and the Massachusetts overlay, counted per debt
/// in calendar days of the consumer's (primary) zone.
@Suite("Contact frequency")
struct ComplianceFrequencyTests {
    let ny = "America/New_York"

    /// Calls at 10:00 New York time on the given days of March 2026.
    func calls(onMarch days: [Int], _ outcome: ContactOutcome = .noAnswer,
               accounts: [String] = ["A1"], direction: ContactDirection = .outbound) -> [ContactEvent] {
        days.map { Fixture.call(Fixture.local(ny, 2026, 3, $0, 10), outcome, accounts: accounts, direction: direction) }
    }

    @Test("the seventh call in seven days is allowed")
    func seventhCall() {
        let decision = Fixture.decide(Fixture.request(now: Fixture.local(ny, 2026, 3, 13, 12),
                                                      history: calls(onMarch: [7, 8, 9, 10, 11, 12])))
        #expect(decision.allowed)
    }

    @Test("the eighth call in seven days is refused until the oldest call leaves the window")
    func eighthCall() {
        let decision = Fixture.decide(Fixture.request(now: Fixture.local(ny, 2026, 3, 13, 12),
                                                      history: calls(onMarch: [7, 8, 9, 10, 11, 12, 13])))
        #expect(decision.reasons == .regFCallFrequency)
        // Days 7...13 hold 7 calls; on the 14th the window is 8...14 with six.
        #expect(decision.nextAllowedAt == Fixture.local(ny, 2026, 3, 14, 8))
    }

    @Test("seven calls on one day close the next six days too")
    func sevenInOneDay() {
        let history = (0..<7).map { Fixture.call(Fixture.local(ny, 2026, 3, 10, 9, $0 * 5)) }
        let decision = Fixture.decide(Fixture.request(now: Fixture.local(ny, 2026, 3, 12, 12), history: history))
        #expect(decision.reasons == .regFCallFrequency)
        #expect(decision.nextAllowedAt == Fixture.local(ny, 2026, 3, 17, 8))
    }

    @Test("calls that never rang, inbound calls and calls about other debts are not counted")
    func uncountedCalls() {
        let history = calls(onMarch: [7, 8, 9]) + calls(onMarch: [10, 11], .notConnected)
            + calls(onMarch: [12], direction: .inbound) + calls(onMarch: [12, 13], accounts: ["B1"])
        #expect(Fixture.decide(Fixture.request(now: Fixture.local(ny, 2026, 3, 13, 12), history: history)).allowed)
    }

    @Test("texts and emails do not count toward the Reg F call limit")
    func textsDoNotCount() {
        let history = (7...13).map { Fixture.text(Fixture.local(ny, 2026, 3, $0, 10)) }
        #expect(Fixture.decide(Fixture.request(now: Fixture.local(ny, 2026, 3, 13, 12), history: history)).allowed)
    }

    @Test("a conversation makes its day day one: calls wait through day seven, day eight is allowed")
    func conversationWait() {
        let history = [Fixture.call(Fixture.local(ny, 2026, 3, 2, 23, 30), .conversation, direction: .inbound)]
        let day7 = Fixture.decide(Fixture.request(now: Fixture.local(ny, 2026, 3, 8, 20), history: history))
        #expect(day7.reasons == .regFConversationWait)
        #expect(day7.nextAllowedAt == Fixture.local(ny, 2026, 3, 9, 8))
        let day8 = Fixture.decide(Fixture.request(now: Fixture.local(ny, 2026, 3, 9, 8), history: history))
        #expect(day8.allowed)
    }

    @Test("the conversation wait applies to calls, not to texts or emails")
    func conversationWaitOnlyForCalls() {
        let history = [Fixture.call(Fixture.local(ny, 2026, 3, 9, 10), .conversation)]
        let now = Fixture.local(ny, 2026, 3, 10, 12)
        #expect(Fixture.decide(Fixture.request(now: now, history: history, channel: .sms)).allowed)
        #expect(Fixture.decide(Fixture.request(now: now, point: Fixture.email(), history: history)).allowed)
    }

    @Test("a conversation about two debts makes both wait; a third debt is free")
    func multiDebtConversation() {
        let history = [Fixture.call(Fixture.local(ny, 2026, 3, 9, 10), .conversation, accounts: ["A1", "B1"])]
        let now = Fixture.local(ny, 2026, 3, 10, 12)
        for id in ["A1", "B1"] {
            let decision = Fixture.decide(Fixture.request(now: now, account: Fixture.account(id), history: history))
            #expect(decision.reasons == .regFConversationWait, "debt \(id)")
            #expect(decision.nextAllowedAt == Fixture.local(ny, 2026, 3, 16, 8))
        }
        #expect(Fixture.decide(Fixture.request(now: now, account: Fixture.account("C1"), history: history)).allowed)
    }

    @Test("days are local calendar days of the primary zone, not 24-hour periods")
    func localCalendarDays() {
        // 23:59 on the 5th New York time is already the 6th in UTC; 00:00 on the 6th is inside D-6...D.
        let history = [Fixture.call(Fixture.local(ny, 2026, 3, 5, 23, 59))] + calls(onMarch: [7, 8, 9, 10, 11, 12])
        let now = Fixture.local(ny, 2026, 3, 12, 20)
        #expect(Fixture.decide(Fixture.request(now: now, history: history)).allowed, "the 5th is outside 6...12")
        let oneMore = history + [Fixture.call(Fixture.local(ny, 2026, 3, 6, 0, 0))]
        #expect(Fixture.decide(Fixture.request(now: now, history: oneMore)).reasons == .regFCallFrequency,
                "the 6th is inside")
    }

    // MARK: Massachusetts (209 CMR 18.16(1)(d))

    func massachusetts(_ place: ContactPlace = .personal) -> (ContactAccount, ContactPoint) {
        (Fixture.account(state: "MA", zip: "02139"), Fixture.phone("+16175550142", place: place))
    }

    @Test("Massachusetts: a third call or text in seven days to a personal number is refused")
    func massachusettsPersonal() {
        let (account, point) = massachusetts()
        let now = Fixture.local(ny, 2026, 3, 13, 12)
        let two = [Fixture.call(Fixture.local(ny, 2026, 3, 9, 10)), Fixture.text(Fixture.local(ny, 2026, 3, 11, 10))]
        let decision = Fixture.decide(Fixture.request(now: now, account: account, point: point, history: two))
        #expect(decision.reasons == .stateCallFrequency)
        #expect(decision.nextAllowedAt == Fixture.local(ny, 2026, 3, 16, 8))   // the 9th leaves on the 16th
        let one = Array(two.prefix(1))
        #expect(Fixture.decide(Fixture.request(now: now, account: account, point: point, history: one)).allowed)
        let text = Fixture.decide(Fixture.request(now: now, account: account, point: point, history: two, channel: .sms))
        #expect(text.reasons == .stateCallFrequency)
    }

    @Test("Massachusetts: at work, two calls in thirty days, counting only calls to work and other places")
    func massachusettsWork() {
        let (account, point) = massachusetts(.work)
        let now = Fixture.local(ny, 2026, 3, 28, 12)
        let work = [Fixture.call(Fixture.local(ny, 2026, 3, 2, 10), place: .work),
                    Fixture.call(Fixture.local(ny, 2026, 3, 5, 10), place: .other)]
        let decision = Fixture.decide(Fixture.request(now: now, account: account, point: point, history: work))
        #expect(decision.reasons == .stateCallFrequency)
        #expect(decision.nextAllowedAt == Fixture.local(ny, 2026, 4, 1, 8))   // window 2...31 March
        let personalHistory = work.map { var e = $0; e.place = .personal; return e }
        #expect(Fixture.decide(Fixture.request(now: now, account: account, point: point, history: personalHistory)).allowed)
        let (_, home) = massachusetts(.personal)
        #expect(Fixture.decide(Fixture.request(now: now, account: account, point: home, history: work)).allowed)
    }

    @Test("the Massachusetts rule needs a Massachusetts address; other states have no overlay")
    func onlyMassachusetts() {
        let now = Fixture.local(ny, 2026, 3, 13, 12)
        let two = calls(onMarch: [10, 11])
        #expect(Fixture.decide(Fixture.request(now: now, history: two)).allowed)
        #expect(StateRuleBook.standard.rules.map(\.state) == ["MA"])
        #expect(StateRuleBook.standard.rules[0].citation == "209 CMR 18.16(1)(d)")
    }

    @Test("history after now is ignored by the engine")
    func futureHistoryIgnored() {
        let now = Fixture.local(ny, 2026, 3, 10, 12)
        let history = [Fixture.call(Fixture.local(ny, 2026, 3, 10, 13), .conversation)]
        #expect(Fixture.decide(Fixture.request(now: now, history: history)).allowed)
    }
}
