import Foundation

/// Whether one contact point can be used now, why not, and from when: what a collector sees
/// on the account page and `GET /api/accounts/{id}/contactability` answers.
public struct ContactPointStatus: Sendable, Hashable {
    public var point: ContactPoint
    public var proposed: ProposedContact
    public var decision: ContactDecision
    /// The IANA zone whose calendar the frequency rules count in (the primary zone).
    public var primaryZoneName: String?

    public var allowed: Bool { decision.allowed }
}

public enum Contactability {
    /// The contacts a collector would make on each point: a manual call on each phone, a text
    /// on each mobile (texts are automated by nature under the TCPA reading of the spec), an
    /// email on each address, and a letter when a mailing address is on file.
    public static func proposals(for points: [ContactPoint]) -> [(ContactPoint, ProposedContact)] {
        var out: [(ContactPoint, ProposedContact)] = []
        for point in points {
            switch point.channel {
            case .phone:
                out.append((point, ProposedContact(channel: .phone, dialing: .manual)))
                if point.lineType == .mobile {
                    var sms = point
                    sms.channel = .sms
                    out.append((sms, ProposedContact(channel: .sms)))
                }
            case .sms: out.append((point, ProposedContact(channel: .sms)))
            case .email: out.append((point, ProposedContact(channel: .email)))
            case .letter: out.append((point, ProposedContact(channel: .letter)))
            }
        }
        return out
    }

    /// Decides every usual contact on every point at `now`.
    public static func evaluate(account: ContactAccount, points: [ContactPoint], history: [ContactEvent], now: Date,
                                engine: ComplianceEngine = .standard) -> [ContactPointStatus] {
        proposals(for: points).map { point, proposed in
            let decision = engine.decide(ContactRequest(now: now, account: account, contactPoint: point,
                                                        history: history, proposed: proposed))
            return ContactPointStatus(point: point, proposed: proposed, decision: decision,
                                      primaryZoneName: decision.primaryZone.map { engine.zones.name(of: $0) })
        }
    }

    /// The decision in a collector's words: "Call now", or why not and from when (in the
    /// consumer's primary zone, with UTC alongside).
    public static func plainWords(_ status: ContactPointStatus) -> String {
        let verb: String
        switch status.proposed.channel {
        case .phone: verb = "Call"
        case .sms: verb = "Text"
        case .email: verb = "Email"
        case .letter: verb = "Send a letter"
        }
        if status.allowed { return "\(verb): allowed now." }
        let why = status.decision.reasons.sorted.map(\.summary).joined(separator: " ")
        guard let next = status.decision.nextAllowedAt else {
            return "\(verb): not allowed. \(why) This will not change by waiting."
        }
        return "\(verb): not now. \(why) Allowed from \(localTime(next, zone: status.primaryZoneName))."
    }

    static func localTime(_ date: Date, zone: String?) -> String {
        let utc = ISO8601Instant.format(date)
        guard let zone, let tz = TimeZone(identifier: zone) else { return utc }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tz
        let c = calendar.dateComponents([.weekday, .month, .day, .hour, .minute], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let hour = c.hour ?? 0
        let minute = c.minute ?? 0
        let h12 = hour % 12 == 0 ? 12 : hour % 12
        let abbreviation = tz.abbreviation(for: date) ?? zone
        return "\(days[(c.weekday ?? 1) - 1]) \(c.month ?? 0)/\(c.day ?? 0) \(h12):\(minute < 10 ? "0" : "")\(minute) \(hour < 12 ? "a.m." : "p.m.") \(abbreviation) (\(utc))"
    }
}
