/// A time zone known to the `ZoneDirectory`, by index.
public struct ZoneID: Sendable, Hashable, Comparable {
    public let index: Int
    init(_ index: Int) { self.index = index }
    public static func < (a: ZoneID, b: ZoneID) -> Bool { a.index < b.index }
}

/// A set of zones as a 128-bit mask (the directory holds fewer than 128 zones).
public struct ZoneSet: Sendable, Hashable, Sequence {
    var low: UInt64 = 0
    var high: UInt64 = 0

    public init() {}
    init(low: UInt64, high: UInt64) { self.low = low; self.high = high }
    init(_ ids: [ZoneID]) { for id in ids { insert(id) } }

    public static let capacity = 128

    public var isEmpty: Bool { low | high == 0 }
    public var count: Int { low.nonzeroBitCount + high.nonzeroBitCount }

    mutating func insert(_ id: ZoneID) {
        if id.index < 64 { low |= 1 << UInt64(id.index) } else { high |= 1 << UInt64(id.index - 64) }
    }

    public func contains(_ id: ZoneID) -> Bool {
        id.index < 64 ? low & (1 << UInt64(id.index)) != 0 : high & (1 << UInt64(id.index - 64)) != 0
    }

    @inline(__always) public func union(_ other: ZoneSet) -> ZoneSet {
        ZoneSet(low: low | other.low, high: high | other.high)
    }
    @inline(__always) public func intersection(_ other: ZoneSet) -> ZoneSet {
        ZoneSet(low: low & other.low, high: high & other.high)
    }

    public struct Iterator: IteratorProtocol {
        var low: UInt64, high: UInt64
        @inline(__always) public mutating func next() -> ZoneID? {
            if low != 0 {
                let i = low.trailingZeroBitCount
                low &= low - 1
                return ZoneID(i)
            }
            if high != 0 {
                let i = high.trailingZeroBitCount
                high &= high - 1
                return ZoneID(64 + i)
            }
            return nil
        }
    }
    public func makeIterator() -> Iterator { Iterator(low: low, high: high) }
}
