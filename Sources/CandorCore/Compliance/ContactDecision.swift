import Foundation

/// The engine's answer for one proposed contact.
public struct ContactDecision: Sendable, Hashable {
    /// True exactly when `reasons` is empty.
    public var allowed: Bool { reasons.isEmpty }
    /// Every reason that applies at `now`.
    public var reasons: ContactReasons
    /// The earliest instant at or after `now` (to the minute) at which the same contact
    /// would be allowed if nothing else happened: `now` when allowed, nil when only a
    /// change of state could allow it.
    public var nextAllowedAt: Date?
    /// The zones the contact had to be convenient in (empty for a letter).
    public var candidateZones: ZoneSet
    /// The zone whose calendar days the frequency rules count in.
    public var primaryZone: ZoneID?

    public init(reasons: ContactReasons, nextAllowedAt: Date?, candidateZones: ZoneSet = ZoneSet(),
                primaryZone: ZoneID? = nil) {
        self.reasons = reasons
        self.nextAllowedAt = nextAllowedAt
        self.candidateZones = candidateZones
        self.primaryZone = primaryZone
    }
}
