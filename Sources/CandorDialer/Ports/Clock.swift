// Time for the dialer is seconds (Double) since an origin the host chooses — for a live
// campaign the start of the shift, for the simulator zero. Doubles keep the pacer's
// arithmetic allocation-free; the host converts to `Date` at its edge.

import Foundation

public protocol DialerClock: AnyObject {
    var now: Double { get }
}

/// Wall-clock time for live campaigns, measured on the monotonic clock so NTP steps
/// never make a hold timer fire early (an early fire would abandon a person).
public final class SystemDialerClock: DialerClock, @unchecked Sendable {
    // Immutable after init; `@unchecked` only because ContinuousClock.Instant is stored.
    private let origin: ContinuousClock.Instant
    private let originOffset: Double

    /// - Parameter secondsAtOrigin: what `now` reads at creation (e.g. seconds since the
    ///   campaign's local midnight, so `CampaignHours` applies directly).
    public init(secondsAtOrigin: Double = 0) {
        origin = ContinuousClock.now
        originOffset = secondsAtOrigin
    }

    public var now: Double {
        let elapsed = origin.duration(to: ContinuousClock.now)
        return originOffset + Double(elapsed.components.seconds)
            + Double(elapsed.components.attoseconds) * 1e-18
    }
}

/// A clock the test or simulator moves by hand.
public final class ManualDialerClock: DialerClock {
    public var now: Double
    public init(now: Double = 0) { self.now = now }
}
