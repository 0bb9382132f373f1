import Foundation

/// One zone's UTC offsets as a table of transitions, precomputed once from Foundation
/// for 1970–2100 so that local-time arithmetic is an integer binary search.
/// Outside that range it asks Foundation directly (slow but exact).
struct ZoneRules: Sendable {
    static let tableStart = 0                 // 1970-01-01T00:00:00Z
    static let tableEnd = 4_102_444_800       // 2100-01-01T00:00:00Z

    let name: String
    let timeZone: TimeZone
    /// transitions[i]: the UTC second at which offsets[i + 1] takes over.
    let transitions: [Int]
    /// offsets.count == transitions.count + 1; offsets[0] holds from tableStart.
    let offsets: [Int]

    /// A stretch of time with one UTC offset: [start, end).
    struct Segment {
        var offset: Int
        var start: Int
        var end: Int
    }

    init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        name = identifier
        timeZone = zone
        func offset(_ t: Int) -> Int { zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t))) }
        // Sample weekly and bisect each change to the second. Offsets never change
        // twice within a week in the tz database's US and NANP zones; sampling also
        // catches changes of standard offset that are not daylight-saving transitions.
        var transitions: [Int] = []
        var offsets = [offset(Self.tableStart)]
        let step = 7 * 86_400
        var previous = Self.tableStart
        var previousOffset = offsets[0]
        var t = Self.tableStart + step
        while previous < Self.tableEnd {
            let sample = min(t, Self.tableEnd)
            let sampleOffset = offset(sample)
            if sampleOffset != previousOffset {
                var low = previous, high = sample   // offset(low) == previousOffset, offset(high) differs
                while high - low > 1 {
                    let mid = low + (high - low) / 2
                    if offset(mid) == previousOffset { low = mid } else { high = mid }
                }
                transitions.append(high)
                offsets.append(offset(high))
                if offsets.last != sampleOffset {   // a second change inside the week: take the sample's
                    transitions.append(sample)
                    offsets.append(sampleOffset)
                }
            }
            previous = sample
            previousOffset = sampleOffset
            t += step
        }
        self.transitions = transitions
        self.offsets = offsets
    }

    /// The offset segment containing UTC second `t`.
    @inline(__always)
    func segment(at t: Int) -> Segment {
        if t < Self.tableStart || t >= Self.tableEnd { return foundationSegment(at: t) }
        var low = 0, high = transitions.count   // first index with transitions[i] > t
        while low < high {
            let mid = (low + high) >> 1
            if transitions[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return Segment(offset: offsets[low],
                       start: low == 0 ? Self.tableStart : transitions[low - 1],
                       end: low == transitions.count ? Self.tableEnd : transitions[low])
    }

    @inline(__always)
    func offset(at t: Int) -> Int { segment(at: t).offset }

    private func foundationSegment(at t: Int) -> Segment {
        let date = Date(timeIntervalSince1970: Double(t))
        let offset = timeZone.secondsFromGMT(for: date)
        var end = Int.max
        if let next = timeZone.nextDaylightSavingTimeTransition(after: date) {
            end = Int(next.timeIntervalSince1970.rounded(.down))
        }
        if t < Self.tableStart { end = min(end, Self.tableStart) }
        return Segment(offset: offset, start: t, end: max(end, t + 1))
    }

    /// The first instant at or after `t` whose local wall-clock time is at least
    /// `local` (seconds since 1970 in local time). Skips a gap to its end; in an
    /// overlap takes the first occurrence.
    func firstInstant(atOrAfter t: Int, localAtLeast local: Int) -> Int {
        var t = t
        while true {
            let seg = segment(at: t)
            if t + seg.offset >= local { return t }
            let candidate = local - seg.offset
            if candidate < seg.end { return candidate }
            t = seg.end
        }
    }
}
