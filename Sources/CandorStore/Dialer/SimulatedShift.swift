import CandorDialer
import Foundation

/// Drives a stored campaign through one shift in accelerated time: a discrete-event loop
/// over `SimulatedTelephony` (outcomes and handling times from a seeded generator) and a
/// `ManualDialerClock`. The runner, gate, pacer and contact log are the live code; only
/// the network, the agents' hands and the clock are simulated.
public struct SimulatedShift {
    public let runner: StoredCampaignRunner
    public let telephony: SimulatedTelephony
    public let clock: ManualDialerClock
    /// Re-pace at least this often when nothing else happens (dialer seconds).
    public var tickInterval: Double

    public init(runner: StoredCampaignRunner, telephony: SimulatedTelephony, clock: ManualDialerClock,
                tickInterval: Double = 2) {
        self.runner = runner
        self.telephony = telephony
        self.clock = clock
        self.tickInterval = tickInterval
    }

    /// Runs from `start` to `end` (dialer time), then lets calls on the line finish.
    /// `at` runs actions at given moments (e.g. a consumer's cease request mid-shift).
    public func run(from start: Double, to end: Double,
                    at actions: [(Double, () async throws -> Void)] = []) async throws {
        var actions = actions.sorted { $0.0 < $1.0 }
        clock.now = start
        try await runner.startShift()
        var nextTick = start + tickInterval
        var dialing = true
        while true {
            let candidates = [telephony.nextEventTime, runner.nextWake, dialing ? nextTick : nil,
                              dialing ? end : nil, actions.first?.0].compactMap { $0 }
            guard let t = candidates.min() else { break }
            clock.now = max(clock.now, t)
            if dialing, clock.now >= end {
                dialing = false
                try await runner.stopDialing()
            }
            while let first = actions.first, first.0 <= clock.now {
                actions.removeFirst()
                try await first.1()
            }
            while let item = telephony.popDue(atOrBefore: clock.now) {
                switch item.due {
                case .network(let event): try await runner.handle(event)
                case .agentFree(let agent): try await runner.agentReady(agent)
                }
            }
            if let wake = runner.nextWake, wake <= clock.now + 1e-9 { try await runner.tick() }
            if dialing, clock.now >= nextTick {
                try await runner.tick()
                nextTick = clock.now + tickInterval
            }
        }
        try await runner.saveLedger()
    }
}
