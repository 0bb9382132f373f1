/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fast, seeded generator that gives the same
/// stream on every platform (unlike `SystemRandomNumberGenerator`). The one seeded
/// generator of the project: demo data, simulations, property tests, row identifiers.
/// Not for secrets.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<bound (bound > 0).
    public mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
