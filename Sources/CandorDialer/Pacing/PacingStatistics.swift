// What the `candor` pacer learns from the floor: how likely a dial is to become a live
// answer (drifting during the day, so weighted toward recent dials), how long live answers
// and other calls take to resolve, and how long agents talk and wrap up. Everything is
// empirical — no distribution is assumed — because real talk and wrap times are skewed
// and differ by campaign; the pacer should forecast from what this floor does.

import Foundation

struct RingBuffer {
    private(set) var values: [Double] = []
    private var next = 0
    let capacity: Int
    init(capacity: Int) { self.capacity = capacity; values.reserveCapacity(capacity) }
    mutating func append(_ v: Double) {
        if values.count < capacity { values.append(v) } else { values[next] = v }
        next = (next + 1) % capacity
    }
    var count: Int { values.count }
}

public struct PacingStatistics: Sendable {
    /// Exponentially weighted live-answer rate per resolved dial. The half-life (in dials)
    /// trades noise against tracking answer rates that move through the day.
    public private(set) var liveRate: Double
    public private(set) var resolvedCalls = 0
    public private(set) var liveAnswers = 0
    public private(set) var handledCalls = 0
    let decay: Double

    var liveDelays = RingBuffer(capacity: 400)     // launch -> routed as live
    var otherDelays = RingBuffer(capacity: 800)    // launch -> ended without live answer
    var talks = RingBuffer(capacity: 400)
    var wraps = RingBuffer(capacity: 400)          // paired with `talks` by index
    /// Samples added since the forecast tables were last rebuilt.
    var freshSamples = 0

    public init(priorLiveRate: Double = 0.15, halfLifeDials: Double = 200) {
        liveRate = priorLiveRate
        decay = pow(0.5, 1 / halfLifeDials)
    }

    mutating func record(_ o: PacingObservation) {
        switch o {
        case let .callResolved(placedAt, endedAt, live):
            resolvedCalls += 1
            // Until enough dials are in, the plain mean beats the prior-weighted EWMA.
            let w = resolvedCalls < 50 ? 1 / Double(resolvedCalls) : 1 - decay
            liveRate += w * ((live ? 1 : 0) - liveRate)
            if live {
                liveAnswers += 1
                liveDelays.append(endedAt - placedAt)
            } else {
                otherDelays.append(endedAt - placedAt)
            }
        case let .handled(talk, wrap):
            handledCalls += 1
            talks.append(talk)
            wraps.append(wrap)
        }
        freshSamples += 1
    }
}
