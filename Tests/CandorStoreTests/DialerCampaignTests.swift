import CandorCore
import CandorDialer
import CandorStore
import Foundation
import Testing

/// 2026-06-01 00:00 UTC, a Monday: day 0 of the accelerated campaigns.
let campaignDay0 = 1_780_272_000.0

/// A simulated clock the store reads too, so flags and log rows carry simulated instants.
func simulatedStore(_ db: CandorDatabase, clock: ManualDialerClock) -> SQLStore {
    nonisolated(unsafe) let clock = clock
    return SQLStore(database: db, clock: { Date(timeIntervalSince1970: clock.now) })
}

@Suite("Dialer campaigns over stored accounts")
struct DialerCampaignTests {
    @Test("a 30-day accelerated campaign places no call the compliance engine would refuse at its moment",
          arguments: TestDatabase.available)
    func thirtyDayReplay(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let clock = ManualDialerClock(now: campaignDay0)
            let store = simulatedStore(db, clock: clock)
            _ = try await store.addClient(code: "ACME", name: "Acme Bank")
            let file = try temporaryFile(demoCSV(rows: 300, seed: 21))
            let summary = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: file.path, clientCode: "ACME")
            #expect(summary.accepted == 300)
            // 14:30-15:30 UTC: 10:30 in New York, 07:30 in Los Angeles (too early until 15:00 UTC).
            let campaign = try await store.createCampaign(CampaignDraft(
                name: "June", clientCode: "ACME", mode: "predictive", hoursStart: "14:30", hoursEnd: "15:30", maxLinesPerAgent: 3))
            var profile = SimulatedTelephony.Profile()
            profile.talkMean = 240
            let telephony = SimulatedTelephony(profile: profile, seed: 2026, clock: clock)
            let runner = StoredCampaignRunner(store: store, campaign: campaign, agents: [AgentID("ann"), AgentID("bo")],
                                              telephony: telephony, clock: clock)
            runner.listRefreshInterval = 900
            let shift = SimulatedShift(runner: runner, telephony: telephony, clock: clock, tickInterval: 5)
            var ceased: [String: Double] = [:]
            for day in 0..<30 {
                let start = campaignDay0 + Double(day) * 86_400 + 14.5 * 3600
                var actions: [(Double, () async throws -> Void)] = []
                if day == 9 {
                    // Mid-shift, the five most-called accounts so far send a cease request.
                    let at = start + 1800
                    actions.append((at, {
                        for account in try await Replay.mostCalledAccounts(db, limit: 5) {
                            try await store.setFlag(.cease, on: Account.ID(account), by: "consumer:letter")
                            ceased[account] = at
                        }
                    }))
                }
                try await shift.run(from: start, to: start + 3600, at: actions)
            }
            let replay = try await Replay.run(store: store, db: db, dialing: .predictive)
            print("[dialer replay \(kind)] accounts \(replay.accounts), attempts \(replay.attempts), days 30, refused \(replay.refusals.count), outcomes \(replay.outcomes), gate refusals \(runner.gate.refusalsByReason)")
            #expect(replay.attempts > 1000)
            #expect(replay.refusals.isEmpty, "\(replay.refusals.prefix(5))")
            #expect(ceased.count == 5)
            for (account, at) in ceased {
                #expect(!replay.times(of: account).contains { $0 > at }, "account \(account) was called after its cease request")
            }
            // Every outcome reached the contact log, abandons included, and the gate did refuse things.
            #expect(Set(replay.outcomes.keys).isSuperset(of: ["no_answer", "busy", "machine", "conversation", "not_connected"]))
            #expect(runner.gate.refusalsByReason.keys.contains { $0.contains("REG_F_CONVERSATION_WAIT") || $0.contains("OUTSIDE_CALLING_HOURS") })
        }
    }

    @Test("an abandoned call is logged and counts toward 7-in-7", arguments: TestDatabase.available)
    func abandonedCounts(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let clock = ManualDialerClock(now: campaignDay0 + 6 * 86_400 + 15 * 3600)   // Sunday 11:00 in New York
            let store = simulatedStore(db, clock: clock)
            _ = try await store.addClient(code: "ACME", name: "Acme")
            let csv = """
                account_number,first_name,last_name,phone1,phone1_type,phone1_consent,state,postal_code,itemization_date_type,itemization_date,itemization_amount,current_balance
                NY-1,Ben,Cole,(212) 555-0101,landline,N,NY,10001,charge_off,2025-12-31,900.00,900.00

                """
            _ = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: try temporaryFile(csv).path, clientCode: "ACME")
            let account = try await store.accounts(AccountQuery(limit: 1)).accounts[0].id
            let consumer = try #require(try await store.account(id: account)).consumer.id
            for daysAgo in 1...6 {   // six unanswered calls this week: the seventh is the last allowed
                try await store.recordAttempt(ContactAttemptInput(
                    consumerID: consumer, accountIDs: [account], at: Date(timeIntervalSince1970: clock.now - Double(daysAgo) * 86_400),
                    channel: .phone, outcome: .noAnswer, address: "+12125550101", source: "dialer"))
            }
            let campaign = try await store.createCampaign(CampaignDraft(name: "Sunday", clientCode: "ACME", mode: "progressive"))
            let telephony = ScriptedTelephony()
            let runner = StoredCampaignRunner(store: store, campaign: campaign, agents: [AgentID("ann")], telephony: telephony, clock: clock)
            try await runner.startShift()
            let call = try #require(telephony.placed.first)
            #expect(call.target.accountID == account.rawValue)
            runner.pause(AgentID("ann"), reason: .breakTime)     // the agent steps away while it rings
            clock.now += 6
            try await runner.handle(.answeredHuman(call.callID))
            clock.now += 2
            try await runner.tick()                               // nobody came within 2 s
            #expect(telephony.limitedContent == [call.callID])
            try await runner.saveLedger()

            let logged = try await db.sql.raw("""
                SELECT c.outcome, c.source, k.limited_content_message FROM contact_attempts c
                JOIN campaign_attempts k ON k.contact_attempt_id = c.id
                """).all()
            #expect(logged.count == 1)
            #expect(try logged[0].decode(column: "outcome", as: String.self) == "abandoned")
            #expect(try logged[0].decode(column: "source", as: String.self) == "dialer")
            #expect(try logged[0].decode(column: "limited_content_message", as: Bool.self))
            let state = try #require(try await store.contactState(account: account, now: Date(timeIntervalSince1970: clock.now + 60)))
            let phone = try #require(state.contactability(now: Date(timeIntervalSince1970: clock.now + 60)).first { $0.proposed.channel == .phone })
            #expect(phone.decision.reasons.codes.contains("REG_F_CALL_FREQUENCY"))
            let ledger = try await store.campaignLedger(campaign.id, day: StoredCampaignRunner.day(of: clock.now))
            #expect(ledger.today == AbandonCounts(liveAnswers: 1, abandoned: 1))
        }
    }

    @Test("a cease flag set after the list was built stops the call at the moment of dialing", arguments: TestDatabase.available)
    func gateAtDialTime(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let clock = ManualDialerClock(now: campaignDay0 + 15 * 3600)
            let store = simulatedStore(db, clock: clock)
            _ = try await store.addClient(code: "ACME", name: "Acme")
            _ = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: try temporaryFile(demoCSV(rows: 30, seed: 5)).path, clientCode: "ACME")
            let campaign = try await store.createCampaign(CampaignDraft(name: "Gate", clientCode: "ACME", mode: "progressive"))
            let listed = try await store.eligibleNow(EligibleNowRequest(clientCode: "ACME", now: Date(timeIntervalSince1970: clock.now),
                                                                        dialing: .progressive))
            let telephony = ScriptedTelephony()
            let runner = StoredCampaignRunner(store: store, campaign: campaign, agents: [AgentID("ann")], telephony: telephony, clock: clock)
            runner.listRefreshInterval = .infinity
            try await runner.startShift()                         // lists, then dials the first number
            let first = try #require(telephony.placed.first)
            #expect(first.target.phoneNumber == listed.eligible[0].number)
            // The next account on the list asks us to stop while the first call rings.
            let next = listed.eligible[1]
            try await store.setFlag(.cease, on: next.accountID, by: "consumer:call")
            clock.now += 20
            try await runner.handle(.noAnswer(first.callID))    // the agent is free again: dial on
            #expect(telephony.placed.count == 2)
            #expect(telephony.placed[1].target.accountID != next.accountID.rawValue)
            #expect(runner.gate.refusalsByReason.keys.contains { $0.contains("CEASE_COMMUNICATION") })
            let refused = try await db.sql.raw("SELECT account_id, refusal_reason FROM campaign_attempts WHERE outcome = 'refused'").all()
            #expect(try refused.map { try $0.decode(column: "account_id", as: String.self) }.contains(next.accountID.rawValue))
            let logged = try await db.sql.raw("SELECT COUNT(*) AS n FROM contact_attempts").first()!.decode(column: "n", as: Int.self)
            #expect(logged == 1)   // the refusal is not a call
        }
    }
}

/// Records what the runner asks of the network; events are fed by the test.
final class ScriptedTelephony: Telephony {
    var placed: [CallRequest] = []
    var limitedContent: [CallID] = []
    func place(_ request: CallRequest) { placed.append(request) }
    func connect(_ call: CallID, to agent: AgentID) {}
    func playLimitedContentMessageAndHangUp(_ call: CallID) { limitedContent.append(call) }
    func hangUp(_ call: CallID) {}
}
