// Random numbers for the simulator. Common random numbers across pacers need streams that
// do not depend on the order in which a pacer happens to ask for them, so every dial and
// every agent connection gets its own tiny generator, seeded from (seed, run, index).

import CandorCore
import Foundation

/// Visible to every file of the module without each importing CandorCore.
typealias SplitMix64 = CandorCore.SplitMix64

/// SplitMix64 (CandorCore): fast, tiny state, and good enough that seeds one apart give
/// unrelated streams — exactly the per-index seeding the CRN scheme needs.
extension SplitMix64 {
    /// A stream for one (seed, run, purpose, index).
    public init(seed: UInt64, run: Int, stream: UInt64, index: Int) {
        var mixer = SplitMix64(seed: seed)
        var s: UInt64 = mixer.next() ^ UInt64(truncatingIfNeeded: run) &* 0xD1B5_4A32_D192_ED03
        s ^= stream &* 0xABC9_8388_FB8F_AC03
        s ^= UInt64(truncatingIfNeeded: index) &* 0x8CB9_2BA7_2F3D_8DD7
        self.init(seed: s)
        _ = next() as UInt64
    }

    /// Uniform in [0, 1).
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }
    public mutating func uniform(_ range: (Double, Double)) -> Double {
        range.0 + (range.1 - range.0) * uniform()
    }
    /// Standard normal (Box-Muller; always two draws, so the draw count stays fixed).
    public mutating func normal() -> Double {
        let u1 = max(uniform(), 1e-300), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

/// Lognormal parameterised the ways the scenario states them.
public struct LogNormal: Sendable, Hashable {
    public let mu: Double, sigma: Double
    public init(mu: Double, sigma: Double) { self.mu = mu; self.sigma = sigma }
    public init(median: Double, sigma: Double) { self.init(mu: log(median), sigma: sigma) }
    public init(mean: Double, cv: Double) {
        let s2 = log(1 + cv * cv)
        self.init(mu: log(mean) - s2 / 2, sigma: s2.squareRoot())
    }
    /// mean = median * exp(sigma^2 / 2), so sigma = sqrt(2 ln(mean / median)).
    public init(median: Double, mean: Double) {
        self.init(mu: log(median), sigma: (2 * log(mean / median)).squareRoot())
    }
    public func sample(_ rng: inout CandorCore.SplitMix64) -> Double { exp(mu + sigma * rng.normal()) }
}
