import Testing
@testable import CandorDialer

@Suite("Dialing floor")
struct FloorTests {
    final class Rig {
        let clock = ManualDialerClock(now: 10 * 3600)
        let telephony = RecordingTelephony()
        let host = RecordingHost()
        let gate: ScriptedGate
        let floor: DialingFloor
        init(agents: Int, targets list: [ContactTarget], refusing: Set<String> = []) {
            gate = ScriptedGate(refusing: refusing)
            let campaign = Campaign(id: CampaignID("c1"), clientScope: "client-1", mode: .predictive, targets: list)
            floor = DialingFloor(
                campaign: campaign, agents: (0..<agents).map { AgentID("a\($0)") }, pacer: FixedPacer(),
                telephony: telephony, clock: clock, gate: gate, contacts: ListContactQueue(campaign.targets),
                host: host)
            for i in 0..<agents { floor.agentReady(AgentID("a\(i)")) }
        }
        func launch(_ n: Int) {
            var pacer = floor.pacer as! FixedPacer
            pacer.next = n
            floor.pacer = pacer
            floor.pace()
        }
    }

    @Test("a live answer nobody takes within the hold limit is abandoned with the limited-content message")
    func abandon() {
        let rig = Rig(agents: 1, targets: targets(2))
        rig.launch(2)
        rig.floor.handle(.answeredHuman(rig.telephony.placed[0].callID))   // takes the only agent
        let call = rig.telephony.placed[1].callID
        rig.floor.handle(.answeredHuman(call))
        #expect(rig.host.wakes == [rig.clock.now + 2])
        rig.clock.now += 2
        rig.floor.tick()
        #expect(rig.telephony.limitedContent == [call])
        let record = rig.host.attempts.last!
        #expect(record.outcome == .abandoned)
        #expect(record.limitedContentMessage)
        #expect(record.countsAsPlacedCall)
        #expect(rig.floor.ledger.today == AbandonCounts(liveAnswers: 2, abandoned: 1))
    }

    @Test("a held person goes to the next agent who becomes ready, before the hold limit")
    func heldThenConnected() {
        let rig = Rig(agents: 1, targets: targets(2))
        rig.launch(2)
        let first = rig.telephony.placed[0].callID, call = rig.telephony.placed[1].callID
        rig.floor.handle(.answeredHuman(first))
        rig.floor.handle(.answeredHuman(call))
        #expect(rig.floor.peopleOnHold == 1)
        rig.clock.now += 1
        rig.floor.handle(.hungUp(first))
        #expect(rig.floor.agentStatuses[0].state == .wrapUp)
        rig.floor.finishWrapUp(AgentID("a0"))
        #expect(rig.host.connections.map(\.0) == [first, call])
        #expect(rig.floor.agentStatuses[0].state == .onCall(callID: call))
        #expect(rig.floor.agentStatuses[0].currentTarget?.accountID == "acct-1")
        rig.clock.now += 5
        rig.floor.tick()
        #expect(rig.telephony.limitedContent.isEmpty)
    }

    @Test("the gate is asked at the moment of dialing, and a refused number is never placed")
    func gateAtDialTime() {
        let list = targets(3)
        let rig = Rig(agents: 3, targets: list, refusing: [list[1].phoneNumber])
        rig.launch(2)
        #expect(rig.telephony.placed.map(\.target) == [list[0], list[2]])
        #expect(rig.gate.askedAt.allSatisfy { $0.1 == rig.clock.now })
        let refused = rig.host.attempts.filter { $0.outcome == .refused }
        #expect(refused.map(\.target) == [list[1]])
        #expect(refused.allSatisfy { !$0.countsAsPlacedCall })
    }

    @Test("every outcome of a placed call lands in the contact log")
    func everyAttemptLogged() {
        let rig = Rig(agents: 1, targets: targets(5))
        rig.launch(5)
        let ids = rig.telephony.placed.map(\.callID)
        rig.floor.handle(.noAnswer(ids[0]))
        rig.floor.handle(.failed(ids[1], .busy))
        rig.floor.handle(.failed(ids[2], .invalidNumber))
        rig.floor.handle(.answeredMachine(ids[3]))
        rig.floor.agentReady(AgentID("a0"))
        rig.floor.handle(.answeredHuman(ids[4]))
        rig.floor.handle(.hungUp(ids[4]))
        #expect(rig.host.attempts.map(\.outcome) == [.noAnswer, .busy, .notConnected, .machine, .conversation])
        #expect(rig.host.attempts.last?.agentID == AgentID("a0"))
        #expect(rig.floor.agentStatuses[0].state == .wrapUp)
    }

    @Test("no calls are launched outside the campaign's hours")
    func hours() {
        let rig = Rig(agents: 2, targets: targets(2))
        rig.clock.now = 20 * 3600
        rig.launch(2)
        #expect(rig.telephony.placed.isEmpty)
    }

    @Test("campaign targets are dialed by priority, ties in list order")
    func priority() {
        let list = [ContactTarget(accountID: "a", contactPointID: "1", phoneNumber: "1", priority: 1),
                    ContactTarget(accountID: "b", contactPointID: "2", phoneNumber: "2", priority: 5),
                    ContactTarget(accountID: "c", contactPointID: "3", phoneNumber: "3", priority: 1)]
        let campaign = Campaign(id: CampaignID("c"), clientScope: "x", mode: .progressive, targets: list)
        #expect(campaign.targets.map(\.accountID) == ["b", "a", "c"])
    }
}
