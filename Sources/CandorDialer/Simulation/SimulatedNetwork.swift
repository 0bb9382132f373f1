// The simulator's stand-in for the telephone network and the agents' clocks. It knows the
// truth the dialer cannot see (was that a person or a machine?) and keeps the ground-truth
// tallies the report is made of. Draws come from per-dial and per-connection streams, so
// dial n and the m-th conversation of run k are the same whichever pacer is running.

import Foundation

final class SimulatedNetwork: Telephony, FloorHost {
    let scenario: Scenario
    let run: Int
    let clock: ManualDialerClock
    var queue = EventQueue()
    weak var floor: DialingFloor?
    let ring: LogNormal, talk: LogNormal, wrap: LogNormal

    // Ground truth, per call number: 0 other, 1 person, 2 machine.
    var truth: [UInt8] = []
    var machineHandle: [Double] = []
    var pendingWrap: [Int: (agent: Int, wrap: Double)] = [:]
    var agentNumber: [AgentID: Int] = [:]

    var dials = 0, peopleAnswered = 0, peopleAbandoned = 0, peopleConnected = 0
    var talkTime = 0.0, busyTime = 0.0
    var outcomes: [AttemptOutcome: Int] = [:]

    static let dialStream: UInt64 = 1, conversationStream: UInt64 = 2

    init(scenario: Scenario, run: Int, clock: ManualDialerClock) {
        self.scenario = scenario
        self.run = run
        self.clock = clock
        ring = LogNormal(median: scenario.humanRingMedian, sigma: scenario.humanRingSigma)
        talk = LogNormal(mean: scenario.talkMean, cv: scenario.talkCV)
        wrap = LogNormal(median: scenario.wrapMedian, mean: scenario.wrapMean)
    }

    // MARK: Telephony

    func place(_ request: CallRequest) {
        let s = scenario, now = clock.now, n = request.callID.rawValue
        dials += 1
        var rng = SplitMix64(seed: s.seed, run: run, stream: Self.dialStream, index: n)
        // Fixed draw order whatever the outcome, so streams stay aligned across pacers.
        let u = rng.uniform(), postdial = rng.uniform(s.postdial), z = rng.normal()
        let fastfail = rng.uniform(s.fastfail), amdU = rng.uniform(), amdError = rng.uniform()
        let handle = -s.machineHandleMean * log(1 - rng.uniform())
        let p = s.pHuman(at: now)
        let id = request.callID
        var kind: UInt8 = 0
        if u < p {
            kind = 1
            let pickup = now + postdial + exp(ring.mu + ring.sigma * z)
            peopleAnswered += 1
            if !s.amd {
                queue.schedule(.network(.answeredHuman(id)), at: pickup)
            } else if amdError < s.amdFP {
                // Hung up on by AMD: the person was abandoned, though the dialer saw a machine.
                peopleAbandoned += 1
                queue.schedule(.network(.answeredMachine(id)), at: pickup + s.amdHumanDelay.0
                    + amdU * (s.amdHumanDelay.1 - s.amdHumanDelay.0))
            } else {
                queue.schedule(.network(.answeredHuman(id)), at: pickup + s.amdHumanDelay.0
                    + amdU * (s.amdHumanDelay.1 - s.amdHumanDelay.0))
            }
        } else if u < p + s.pMachine {
            kind = 2
            let pickup = now + max(0.5, s.machineRingMean + s.machineRingSD * z)
            let verdict = pickup + s.amdMachineDelay.0 + amdU * (s.amdMachineDelay.1 - s.amdMachineDelay.0)
            if !s.amd {
                queue.schedule(.network(.answeredHuman(id)), at: pickup)
            } else if amdError < s.amdFN {
                queue.schedule(.network(.answeredHuman(id)), at: verdict)   // misrouted to an agent
            } else {
                queue.schedule(.network(.answeredMachine(id)), at: verdict)
            }
        } else if u < p + s.pMachine + s.pFastfail {
            queue.schedule(.network(.failed(id, .busy)), at: now + fastfail)
        } else {
            queue.schedule(.network(.noAnswer(id)), at: now + s.ringTimeout)
        }
        truth.append(kind)
        machineHandle.append(handle)
    }

    func connect(_ call: CallID, to agent: AgentID) {}
    func hangUp(_ call: CallID) {}

    func playLimitedContentMessageAndHangUp(_ call: CallID) {
        if truth[call.rawValue] == 1 { peopleAbandoned += 1 }
    }

    // MARK: FloorHost

    func requestWake(at time: Double) { queue.schedule(.wake, at: time) }

    func record(_ attempt: AttemptRecord) { outcomes[attempt.outcome, default: 0] += 1 }

    func connected(_ call: CallID, to agent: AgentID, target: ContactTarget) {
        let now = clock.now, s = scenario
        let a = agentNumber[agent]!
        let talkSeconds: Double, wrapSeconds: Double
        if truth[call.rawValue] == 1 {
            var rng = SplitMix64(seed: s.seed, run: run, stream: Self.conversationStream, index: peopleConnected)
            peopleConnected += 1
            talkSeconds = talk.sample(&rng)
            wrapSeconds = wrap.sample(&rng)
            talkTime += clipped(now, now + talkSeconds)
        } else {
            talkSeconds = machineHandle[call.rawValue]   // a machine AMD let through
            wrapSeconds = s.machineWrap
        }
        busyTime += clipped(now, now + talkSeconds + wrapSeconds)
        pendingWrap[call.rawValue] = (a, wrapSeconds)
        queue.schedule(.network(.hungUp(call)), at: now + talkSeconds)
    }

    /// Length of [start, end] inside the shift: occupancy is measured over the shift only.
    func clipped(_ start: Double, _ end: Double) -> Double {
        min(end, scenario.shift) - min(start, scenario.shift)
    }
}
