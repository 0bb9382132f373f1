// The `candor` predictive pacer (docs/DIALER.md has the reasoning and the figures).
//
// At each decision it forecasts, for a call launched now, the moment its live answer would
// need an agent (the horizon: the median launch-to-answer delay seen on this floor), and
// compares two counts:
//   supply = idle agents + each busy agent's probability of being free by horizon + hold;
//   demand = people on hold + each call in flight's probability of a live answer (counted
//            up to a high quantile of the delay) + earlier calls of this same batch.
// Treating supply - demand as normal (sums of many independent Bernoullis), the chance that
// the k-th new call's person finds no agent is Phi((0.5 - mean) / sd). Calls are launched
// while that chance stays under a risk limit theta.
//
// theta is not a tuned constant: it follows the abandon budget. The ledger says how many
// abandons the shift and the rolling 30 days can still afford at the target rate (a margin
// under the cap); theta grows with that slack and falls to zero when it is spent — integral
// control on the abandon ratio. The target itself is zero until the shift has enough live
// answers for one abandon not to break the cap, so a cold start dials progressively.
//
// Progressive dialing is abandon-free, so the pacer never launches fewer calls than the
// progressive rule would: the predictive part only adds calls.

import Foundation

public struct CandorPacer: Pacer {
    public struct Settings: Sendable, Hashable {
        /// Aim this fraction of the cap, leaving room for end-of-shift noise the controller
        /// can no longer correct.
        public var targetFractionOfCap = 0.80
        /// Standard errors of binomial noise kept between the aim and the cap.
        public var noiseMargin = 1.5
        /// Ceiling on the risk limit, as a multiple of the target rate.
        public var maxRiskMultiple = 2.0
        /// Abandons of slack (or deficit) that move the risk limit by one target rate.
        public var slackScale = 5.0
        /// Learning needed before predicting at all.
        public var minResolvedCalls = 60
        public var minLiveAnswers = 10
        public var minHandledCalls = 10
        /// Seconds a live answer may wait for an agent (the abandon definition).
        public var maxHold = 2.0
        public var halfLifeDials = 200.0
        /// Quantile of the launch-to-answer delay up to which calls count as demand.
        public var demandQuantile = 0.9
        /// Calibration studies only: a fixed risk limit instead of the budget controller.
        public var fixedRisk: Double? = nil
        public init() {}
    }

    public var name: String { "candor" }
    public let settings: Settings
    public private(set) var stats: PacingStatistics
    var tables = ForecastTables()
    var tablesBuilt = false

    public init(settings: Settings = Settings()) {
        self.settings = settings
        self.stats = PacingStatistics(halfLifeDials: settings.halfLifeDials)
    }

    public mutating func observe(_ observation: PacingObservation) {
        stats.record(observation)
    }

    public var isWarm: Bool {
        stats.resolvedCalls >= settings.minResolvedCalls && stats.liveAnswers >= settings.minLiveAnswers
            && stats.handledCalls >= settings.minHandledCalls
    }

    /// The current risk limit for one more call's live answer finding no agent.
    ///
    /// The forecast errs safe (on the spec's floor a fixed limit x gives an abandon rate of
    /// about x / 2, since demand is counted generously), so the limit starts at the target
    /// rate and is scaled
    /// by the budget: up to `maxRiskMultiple` x target while abandons are well under budget,
    /// down to zero when the shift or the 30-day window has spent its allowance.
    public func riskLimit(_ ledger: AbandonLedger, cap: Double) -> Double {
        if let fixed = settings.fixedRisk { return fixed }
        let target = targetRate(ledger, cap: cap)
        let slack = ledger.slack(target: target)
        return target * min(settings.maxRiskMultiple, max(0, 1 + slack / settings.slackScale))
    }

    /// The abandon rate to aim for. A fixed fraction of the cap suits a big floor, but a
    /// small team answers few enough calls that two unlucky abandons near the end of the
    /// shift break the cap; so the aim also stays `noiseMargin` binomial standard errors
    /// under the cap at today's volume.
    public func targetRate(_ ledger: AbandonLedger, cap: Double) -> Double {
        let answers = Double(max(ledger.today.liveAnswers, 1))
        let noise = settings.noiseMargin * (cap * (1 - cap) / answers).squareRoot()
        return max(0, min(cap * settings.targetFractionOfCap, cap - noise))
    }

    public mutating func callsToLaunch(_ floor: FloorSnapshot) -> Int {
        let progressive = floor.count(.ready) - floor.callsInFlight - floor.onHold
        let headroom = floor.lineHeadroom
        let staffing = floor.agents.count - floor.count(.unavailable)
        // Until as many calls have been handled as there are agents, the samples are the
        // calls that ended first; even with censoring they say little about the tail.
        guard isWarm, stats.handledCalls >= staffing else { return max(0, min(progressive, headroom)) }
        let theta = riskLimit(floor.ledger, cap: floor.abandonCap)
        guard theta > 0 else { return max(0, min(progressive, headroom)) }
        refreshTablesIfStale(floor)

        var supply = 0.0, variance = 0.0
        for agent in floor.agents where agent.phase != .unavailable {
            let f = tables.agentFree(phase: agent.phase, elapsed: floor.now - agent.since)
            supply += f
            variance += f * (1 - f)
        }
        var demand = Double(floor.onHold)
        let p = stats.liveRate
        for placedAt in floor.callsPlacedAt {
            let q = tables.liveWithinHorizon(age: floor.now - placedAt, liveRate: p)
            demand += q
            variance += q * (1 - q)
        }
        let qNew = p * tables.liveByHorizon
        var launch = 0
        while launch < headroom {
            let margin = supply - demand - Double(launch) * qNew
            let sd = (variance + Double(launch) * qNew * (1 - qNew) + 0.05).squareRoot()
            if Self.normalCDF((0.5 - margin) / sd) > theta { break }
            launch += 1
        }
        return max(launch, min(max(progressive, 0), headroom))
    }

    mutating func refreshTablesIfStale(_ floor: FloorSnapshot) {
        // Rebuild after enough new samples that the forecast could have moved; the
        // live-answer *rate* is read fresh each decision, so drift is tracked between builds.
        if !tablesBuilt || stats.freshSamples >= 200 {
            var talking: [Double] = [], wrapping: [Double] = []
            for a in floor.agents {
                if a.phase == .talking { talking.append(floor.now - a.since) }
                if a.phase == .wrapping { wrapping.append(floor.now - a.since) }
            }
            tables = ForecastTables(stats: stats, maxHold: settings.maxHold, demandQuantile: settings.demandQuantile,
                                    talkingNow: talking, wrappingNow: wrapping)
            tablesBuilt = true
            stats.freshSamples = 0
        }
    }

    static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }
}
