// A stand-in for a carrier: the telephone network and the agents' handling times, drawn
// from a seeded generator. Live campaigns run against it until the SIP adapter exists
// (a later issue), and the 30-day stored-campaign test drives it by hand. It places no
// real call. Unlike `SimulatedNetwork` (the simulator's, which keeps ground truth for
// the report), it only produces the events a real network would send.

import Foundation

public final class SimulatedTelephony: Telephony {
    public struct Profile: Sendable, Hashable {
        public var pHuman = 0.25
        public var pMachine = 0.25
        public var pBusy = 0.08
        public var pNotConnected = 0.04
        public var ringMedian = 8.0
        public var ringTimeout = 20.0
        public var talkMean = 150.0
        public var wrapMean = 20.0
        public init() {}
    }

    /// What comes due: a network event for the floor, or an agent finishing wrap-up.
    public enum Due: Hashable, Sendable {
        case network(TelephonyEvent)
        case agentFree(AgentID)
    }

    public let profile: Profile
    let clock: any DialerClock
    var rng: SplitMix64
    var queue = EventQueue()
    var agentNames: [AgentID] = []
    var agentNumber: [AgentID: Int] = [:]
    var onCall: [CallID: (agent: Int, wrap: Double)] = [:]
    public private(set) var placed = 0
    public private(set) var limitedContentMessages = 0

    public init(profile: Profile = Profile(), seed: UInt64, clock: any DialerClock) {
        self.profile = profile
        self.clock = clock
        rng = SplitMix64(seed: seed)
    }

    /// The time of the next event, if any.
    public var nextEventTime: Double? { queue.peekTime }

    /// The next event due at or before `time`, in time order.
    public func popDue(atOrBefore time: Double) -> (time: Double, due: Due)? {
        guard let t = queue.peekTime, t <= time, let event = queue.pop() else { return nil }
        switch event.kind {
        case .network(let e):
            if case .hungUp(let id) = e, let call = onCall.removeValue(forKey: id) {
                queue.schedule(.wrapEnd(agent: call.agent), at: event.time + call.wrap)
            }
            return (event.time, .network(e))
        case .wrapEnd(let agent):
            return (event.time, .agentFree(agentNames[agent]))
        case .tick, .wake:
            return popDue(atOrBefore: time)
        }
    }

    public func place(_ request: CallRequest) {
        let p = profile, now = clock.now, id = request.callID
        placed += 1
        let u = rng.uniform()
        let ring = LogNormal(median: p.ringMedian, sigma: 0.5).sample(&rng)
        if u < p.pHuman {
            queue.schedule(.network(.answeredHuman(id)), at: now + min(ring, p.ringTimeout - 0.5))
        } else if u < p.pHuman + p.pMachine {
            queue.schedule(.network(.answeredMachine(id)), at: now + min(ring + 2, p.ringTimeout - 0.5))
        } else if u < p.pHuman + p.pMachine + p.pBusy {
            queue.schedule(.network(.failed(id, .busy)), at: now + 1 + 3 * rng.uniform())
        } else if u < p.pHuman + p.pMachine + p.pBusy + p.pNotConnected {
            queue.schedule(.network(.failed(id, .invalidNumber)), at: now + 1 + rng.uniform())
        } else {
            queue.schedule(.network(.noAnswer(id)), at: now + min(request.ringTimeout, p.ringTimeout))
        }
    }

    public func connect(_ call: CallID, to agent: AgentID) {
        let a: Int
        if let known = agentNumber[agent] {
            a = known
        } else {
            a = agentNames.count
            agentNames.append(agent)
            agentNumber[agent] = a
        }
        let talk = LogNormal(mean: profile.talkMean, cv: 0.6).sample(&rng)
        let wrap = LogNormal(mean: profile.wrapMean, cv: 0.5).sample(&rng)
        onCall[call] = (a, wrap)
        queue.schedule(.network(.hungUp(call)), at: clock.now + talk)
    }

    public func playLimitedContentMessageAndHangUp(_ call: CallID) { limitedContentMessages += 1 }
    public func hangUp(_ call: CallID) {}
}
