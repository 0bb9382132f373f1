import Testing
@testable import CandorDialer

@Suite("Simulation")
struct SimulationTests {
    /// Short shifts keep the suite fast; the performance targets are checked by
    /// `candor dialer simulate` and `candor bench dialer`, not here.
    func small(agents: Int = 5, shift: Double = 1800, runs: Int = 2) -> Scenario {
        var s = Scenario()
        s.nAgents = agents
        s.shift = shift
        s.runs = runs
        return s
    }

    @Test("the same seed gives the same report; another seed does not")
    func determinism() {
        let a = Simulation.simulate(small(), parallelism: 2)
        let b = Simulation.simulate(small(), parallelism: 1)
        var other = small()
        other.seed = 2
        #expect(a == b)
        #expect(a != Simulation.simulate(other, parallelism: 2))
    }

    @Test("dial n has the same outcome whichever pacer placed it, whenever it was placed")
    func commonRandomNumbers() {
        let s = small()
        func outcomes(order: [Int], at time: Double) -> [UInt8] {
            let clock = ManualDialerClock(now: time)
            let net = SimulatedNetwork(scenario: s, run: 3, clock: clock)
            var kinds = Array(repeating: UInt8(9), count: order.count)
            for n in order {
                net.truth = Array(repeating: 0, count: n)   // place() appends at index n
                net.machineHandle = Array(repeating: 0, count: n)
                net.place(CallRequest(callID: CallID(n), target: EndlessContacts.target, ringTimeout: 20))
                kinds[n] = net.truth[n]
            }
            return kinds
        }
        let forward = outcomes(order: Array(0..<300), at: 0)
        #expect(forward == outcomes(order: Array((0..<300).reversed()), at: 500))
        #expect(Set(forward) == [0, 1, 2])   // people, machines and the rest all occur
    }

    @Test("every pacer of a run sees the same conversations, in the same order")
    func sameConversations() {
        let s = small()
        var rng1 = SplitMix64(seed: s.seed, run: 0, stream: SimulatedNetwork.conversationStream, index: 7)
        var rng2 = SplitMix64(seed: s.seed, run: 0, stream: SimulatedNetwork.conversationStream, index: 7)
        var rng3 = SplitMix64(seed: s.seed, run: 1, stream: SimulatedNetwork.conversationStream, index: 7)
        let talk = LogNormal(mean: s.talkMean, cv: s.talkCV)
        let t1 = talk.sample(&rng1)
        #expect(t1 == talk.sample(&rng2))
        #expect(t1 != talk.sample(&rng3))
    }

    @Test("progressive never abandons anyone; every dial is logged once")
    func progressiveRun() {
        let r = Simulation.run(small(agents: 4), pacer: ProgressivePacer(), run: 0)
        #expect(r.peopleAbandoned == 0)
        #expect(r.peakLines <= 4)
        #expect(r.attempts.values.reduce(0, +) == r.dials)
        #expect(r.talkOccupancy > 0.3 && r.talkOccupancy < r.busyOccupancy)
    }

    @Test("candor holds the abandon cap on short runs")
    func capOnShortRuns() {
        var s = small(agents: 10, shift: 3600, runs: 3)
        s.pacers = [.candor]
        let report = Simulation.simulate(s, parallelism: 2)
        #expect(report.pacers[0].runsOverCap == 0)
        #expect(report.pacers[0].abandonRateMax <= s.abandonCap)
    }

    @Test("a fixed high ratio breaks the cap: the simulator does see abandons")
    func ratioAbandons() {
        let r = Simulation.run(small(agents: 10, shift: 1800), pacer: RatioPacer(ratio: 3), run: 0)
        #expect(r.abandonRate > 0.03)
        #expect(r.attempts[.abandoned, default: 0] > 0)
    }

    @Test("the report has the spec's fields, in order")
    func reportFields() {
        var s = small(runs: 1)
        s.pacers = [.progressive]
        let text = Simulation.simulate(s, parallelism: 1).json.text
        let keys = ["\"pacer\"", "\"runs\"", "\"talk_occupancy\"", "\"busy_occupancy\"", "\"abandon_rate\"",
                    "\"abandon_rate_max\"", "\"runs_over_cap\"", "\"connects_per_agent_hour\"",
                    "\"dials_per_connect\"", "\"mean_idle_gap_s\"", "\"peak_lines\""]
        let pacerPart = text[text.range(of: "\"pacers\": [{")!.upperBound...]
        let positions = keys.map { pacerPart.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }
}
