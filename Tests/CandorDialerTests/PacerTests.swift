import Testing
@testable import CandorDialer

@Suite("Pacers")
struct PacerTests {
    @Test("progressive never has more calls in flight than idle agents")
    func progressiveBound() {
        var pacer = ProgressivePacer()
        for ready in 0...6 {
            for inFlight in 0...8 {
                for onHold in 0...2 {
                    let floor = snapshot(ready: ready, talking: 3, inFlight: inFlight, onHold: onHold)
                    let launch = pacer.callsToLaunch(floor)
                    #expect(launch >= 0)
                    #expect(launch + inFlight + onHold <= max(ready, inFlight + onHold))
                }
            }
        }
    }

    @Test("ratio:R keeps lines at round(R x agents not in wrap-up)")
    func ratioLines() {
        var pacer = RatioPacer(ratio: 1.3)
        #expect(pacer.name == "ratio:1.3")
        // 4 ready + 6 talking = 10 not wrapping -> 13 lines; 6 are with agents, 2 in flight.
        let floor = snapshot(ready: 4, talking: 6, wrapping: 5, inFlight: 2)
        #expect(pacer.callsToLaunch(floor) == 13 - 6 - 2)
    }

    @Test("preview dials only when an agent asks")
    func previewOnRequest() {
        var pacer = PreviewPacer()
        var floor = snapshot(ready: 5)
        #expect(pacer.callsToLaunch(floor) == 0)
        floor.previewRequests = 2
        #expect(pacer.callsToLaunch(floor) == 2)
    }

    @Test("candor dials exactly like progressive on a cold start")
    func candorColdStart() {
        var candor = CandorPacer()
        var progressive = ProgressivePacer()
        for (ready, inFlight) in [(5, 0), (5, 3), (0, 2), (20, 1)] {
            let floor = snapshot(ready: ready, talking: 4, inFlight: inFlight)
            #expect(candor.callsToLaunch(floor) == progressive.callsToLaunch(floor))
        }
    }

    @Test("a warm candor pacer dials ahead of agents, and never below progressive")
    func candorDialsAhead() {
        var candor = warmedUpPacer()
        var progressive = ProgressivePacer()
        let ledger = AbandonLedger(today: AbandonCounts(liveAnswers: 400, abandoned: 2))
        let floor = snapshot(ready: 2, talking: 18, wrapping: 0, inFlight: 2, ledger: ledger)
        let launch = candor.callsToLaunch(floor)
        #expect(launch > progressive.callsToLaunch(floor))
        #expect(launch <= 60)   // bounded by the forecast, not the line ceiling
    }

    @Test("candor falls back to progressive when the shift's abandon budget is spent")
    func candorBudgetSpent() {
        var candor = warmedUpPacer()
        var progressive = ProgressivePacer()
        let ledger = AbandonLedger(today: AbandonCounts(liveAnswers: 400, abandoned: 20))
        #expect(candor.riskLimit(ledger, cap: 0.03) == 0)
        let floor = snapshot(ready: 2, talking: 18, inFlight: 0, ledger: ledger)
        #expect(candor.callsToLaunch(floor) == progressive.callsToLaunch(floor))
    }

    @Test("a bad month tightens today's pacing even when today is clean")
    func thirtyDayWindow() {
        let candor = warmedUpPacer()
        let clean = AbandonLedger(today: AbandonCounts(liveAnswers: 400, abandoned: 0))
        var badMonth = clean
        badMonth.previousDays = AbandonCounts(liveAnswers: 10_000, abandoned: 600)   // 6%
        #expect(candor.riskLimit(clean, cap: 0.03) > 0)
        #expect(candor.riskLimit(badMonth, cap: 0.03) == 0)
    }

    @Test("the campaign's line ceiling bounds every pacer")
    func lineCeiling() {
        var floor = snapshot(ready: 10, talking: 0)
        floor.maxLines = 4
        var progressive = ProgressivePacer()
        var ratio = RatioPacer(ratio: 3)
        #expect(progressive.callsToLaunch(floor) == 4)
        #expect(ratio.callsToLaunch(floor) == 4)
    }

    /// A pacer that has seen a steady floor: 15% live answers after ~12 s, 180 s talks.
    func warmedUpPacer() -> CandorPacer {
        var pacer = CandorPacer()
        for i in 0..<2_000 {
            let live = i % 20 < 3
            pacer.observe(.callResolved(placedAt: 0, endedAt: live ? 10 + Double(i % 5) : 4 + Double(i % 17), live: live))
        }
        for i in 0..<300 { pacer.observe(.handled(talk: 60 + Double(i % 240), wrap: 15 + Double(i % 40))) }
        return pacer
    }
}

@Suite("Abandon ledger")
struct LedgerTests {
    @Test("slack is the smaller of the shift's and the rolling 30 days' allowance")
    func slack() {
        let ledger = AbandonLedger(previousDays: AbandonCounts(liveAnswers: 1000, abandoned: 10),
                                   today: AbandonCounts(liveAnswers: 100, abandoned: 1))
        #expect(abs(ledger.slack(target: 0.03) - 2.0) < 1e-9)      // shift: 3 - 1
        #expect(ledger.rolling30Days == AbandonCounts(liveAnswers: 1100, abandoned: 11))
    }

    @Test("days older than 30 leave the window")
    func window() {
        let daily = [100: AbandonCounts(liveAnswers: 50, abandoned: 5),
                     120: AbandonCounts(liveAnswers: 40, abandoned: 1),
                     131: AbandonCounts(liveAnswers: 9, abandoned: 9)]
        let ledger = AbandonLedger(daily: daily, today: 130)
        #expect(ledger.previousDays == AbandonCounts(liveAnswers: 40, abandoned: 1))
    }
}
