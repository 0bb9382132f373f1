// The reference pacers. They need no learning: their rules are the comparison points the
// `candor` pacer has to beat.

/// Preview: a call only when an agent asks for one.
public struct PreviewPacer: Pacer {
    public init() {}
    public var name: String { "preview" }
    public mutating func callsToLaunch(_ floor: FloorSnapshot) -> Int {
        max(0, min(floor.previewRequests, floor.lineHeadroom))
    }
}

/// Progressive 1:1: never more calls in flight (or on hold) than idle agents, so a live
/// answer always finds an agent — no abandons, and the agent waits through every ring.
public struct ProgressivePacer: Pacer {
    public init() {}
    public var name: String { "progressive" }
    public mutating func callsToLaunch(_ floor: FloorSnapshot) -> Int {
        let want = floor.count(.ready) - floor.callsInFlight - floor.onHold
        return max(0, min(want, floor.lineHeadroom))
    }
}

/// The classic fixed dial ratio: lines = round(R x agents not in wrap-up), where lines
/// count calls in flight, people on hold and calls with agents.
public struct RatioPacer: Pacer {
    public let ratio: Double
    public init(ratio: Double) { self.ratio = ratio }
    public var name: String { "ratio:\(RatioPacer.format(ratio))" }
    public mutating func callsToLaunch(_ floor: FloorSnapshot) -> Int {
        let notWrapping = floor.count(.ready) + floor.count(.talking)
        let lines = Int((ratio * Double(notWrapping)).rounded())
        return max(0, min(lines - floor.linesInUse, floor.lineHeadroom))
    }

    static func format(_ r: Double) -> String {
        // "1.3" not "1.3000000000000000444": the name appears in reports.
        var s = String(r)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
