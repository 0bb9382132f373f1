// Lookup tables that turn the pacer's samples into the probabilities it needs at every
// decision: will this busy agent be free in time, will this call in flight become a live
// answer soon. Rebuilding them costs O(bins x samples), so it happens every few dozen new
// samples, not per decision (a decision runs several times a second on a big floor).

import Foundation

struct ForecastTables {
    /// Typical launch-to-live-answer delay: the moment a call launched now would need an
    /// agent.
    var horizon: Double = 12
    /// Agent must be free by horizon + hold limit.
    var window: Double = 14
    // P(talk + wrap <= e + window | talk > e), by elapsed talk e in `talkStep` bins.
    var talkFree: [Double] = []
    // P(wrap <= x + window | wrap > x), by elapsed wrap x.
    var wrapFree: [Double] = []
    // For in-flight calls by age a: live answers in (a, a + horizon], and survival of
    // live / other calls past a.
    var liveSoon: [Double] = []
    var liveSurvive: [Double] = []
    var otherSurvive: [Double] = []
    /// P(live-answer delay <= horizon) for a call launched now.
    var liveByHorizon = 0.5

    static let talkStep = 2.0, wrapStep = 1.0, ageStep = 0.5
    static let talkBins = 900, wrapBins = 600, ageBins = 240

    init() {}

    /// `talkingNow` / `wrappingNow`: elapsed times of agents still in that phase. They are
    /// censored samples: leaving them out would build the table from the calls that
    /// happened to end first — the short ones — and over-forecast free agents (the
    /// cold-start burst that abandons people in the first minutes of a shift).
    init(
        stats: PacingStatistics, maxHold: Double, demandQuantile: Double = 0.9,
        talkingNow: [Double] = [], wrappingNow: [Double] = []
    ) {
        let live = stats.liveDelays.values.sorted()
        let other = stats.otherDelays.values.sorted()
        horizon = live.isEmpty ? 12 : live[live.count / 2]
        window = horizon + maxHold
        // Demand is counted further out than supply: a call launched a second ago, counted
        // only for the half of its answers that come by the median delay, would let the
        // next decision launch again for the same idle agents — a burst. Counting calls up
        // to a high quantile of the delay reserves agents for nearly all their answers.
        let demandHorizon = live.isEmpty ? 20 : live[min(live.count - 1, Int(Double(live.count) * demandQuantile))]
        liveByHorizon = Self.cdf(live, demandHorizon)

        let pairs = zip(stats.talks.values, stats.wraps.values).map { ($0, $0 + $1) }
        talkFree = (0..<Self.talkBins).map { bin in
            let e = Double(bin) * Self.talkStep
            var alive = 0, done = 0
            for (talk, handle) in pairs where talk > e {
                alive += 1
                if handle <= e + window { done += 1 }
            }
            // Still talking past e + window: alive at e and certainly not done in time.
            for c in talkingNow where c > e + window { alive += 1 }
            // One pseudo-sample that is not done: with no data past this elapsed time the
            // agent is assumed busy, the side that cannot cause an abandon.
            return Double(done) / Double(alive + 1)
        }
        let wraps = stats.wraps.values.sorted()
        wrapFree = (0..<Self.wrapBins).map { bin in
            let x = Double(bin) * Self.wrapStep
            var alive = Double(wraps.count) - Self.countLE(wraps, x)
            let done = Self.countLE(wraps, x + window) - Self.countLE(wraps, x)
            for c in wrappingNow where c > x + window { alive += 1 }
            return done / (alive + 1)
        }
        liveSoon = []; liveSurvive = []; otherSurvive = []
        for bin in 0..<Self.ageBins {
            let a = Double(bin) * Self.ageStep
            liveSoon.append(Self.cdf(live, a + demandHorizon) - Self.cdf(live, a))
            liveSurvive.append(1 - Self.cdf(live, a))
            otherSurvive.append(1 - Self.cdf(other, a))
        }
    }

    func agentFree(phase: AgentPhase, elapsed: Double) -> Double {
        switch phase {
        case .ready: return 1
        case .unavailable: return 0
        case .talking: return Self.lookup(talkFree, elapsed / Self.talkStep)
        case .wrapping: return Self.lookup(wrapFree, elapsed / Self.wrapStep)
        }
    }

    /// P(a call in flight at `age` becomes a live answer within the demand horizon), by Bayes:
    /// surviving this long shifts the odds between "will be live" and "will not".
    func liveWithinHorizon(age: Double, liveRate p: Double) -> Double {
        let i = min(max(Int(age / Self.ageStep), 0), Self.ageBins - 1)
        let denom = p * liveSurvive[i] + (1 - p) * otherSurvive[i]
        return denom <= 1e-9 ? 0 : min(1, p * liveSoon[i] / denom)
    }

    private static func lookup(_ table: [Double], _ x: Double) -> Double {
        table.isEmpty ? 0 : table[min(max(Int(x), 0), table.count - 1)]
    }

    static func countLE(_ sorted: [Double], _ x: Double) -> Double {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return Double(lo)
    }

    static func cdf(_ sorted: [Double], _ x: Double) -> Double {
        sorted.isEmpty ? 0 : countLE(sorted, x) / Double(sorted.count)
    }
}
