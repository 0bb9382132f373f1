import CandorCore
import Foundation

/// One contact attempt to record: what the dialer, an agent or the system did, about which debts.
public struct ContactAttemptInput: Sendable {
    public var consumerID: Consumer.ID
    public var accountIDs: [Account.ID]
    public var at: Date
    public var channel: ContactChannel
    public var direction: ContactDirection
    public var outcome: ContactOutcome
    /// The number (E.164) or address used.
    public var address: String?
    public var place: ContactPlace
    /// `agent`, `dialer`, `system`, `consumer` (inbound).
    public var source: String
    public var recordedBy: String?

    public init(consumerID: Consumer.ID, accountIDs: [Account.ID], at: Date, channel: ContactChannel,
                direction: ContactDirection = .outbound, outcome: ContactOutcome, address: String? = nil,
                place: ContactPlace = .personal, source: String, recordedBy: String? = nil) {
        self.consumerID = consumerID; self.accountIDs = accountIDs; self.at = at; self.channel = channel
        self.direction = direction; self.outcome = outcome; self.address = address; self.place = place
        self.source = source; self.recordedBy = recordedBy
    }
}

public enum ContactLogError: Error, Equatable, Sendable, CustomStringConvertible {
    case noAccounts
    case outcomeDoesNotFitChannel(ContactOutcome, ContactChannel)
    case accountOfAnotherConsumer(String)
    case invalidWindow(String)
    case unknownConsumer(String)

    public var description: String {
        switch self {
        case .noAccounts: return "a contact attempt must name at least one account"
        case .outcomeDoesNotFitChannel(let o, let c): return "outcome \(o.rawValue) is not possible on channel \(c.rawValue)"
        case .accountOfAnotherConsumer(let id): return "account \(id) is not this consumer's"
        case .invalidWindow(let why): return "inconvenient time: \(why)"
        case .unknownConsumer(let id): return "no consumer \(id)"
        }
    }
}

/// Everything stored about one account that the compliance engine needs.
public struct StoredContactState: Sendable {
    public var consumerID: Consumer.ID
    public var account: ContactAccount
    public var points: [ContactPoint]
    public var history: [ContactEvent]

    /// Decides the usual contacts on every point at `now`.
    public func contactability(now: Date, engine: ComplianceEngine = .standard) -> [ContactPointStatus] {
        Contactability.evaluate(account: account, points: points, history: history, now: now, engine: engine)
    }
}

/// How far back history matters: the longest rule counts 30 local days (209 CMR 18.16), and a
/// local day may start up to a day before its UTC date.
public let contactHistoryLookback: TimeInterval = 32 * 86_400

/// "mon,tue" ↔ WeekdaySet; "HH:MM" ↔ minute of day.
enum WindowText {
    static func days(_ set: WeekdaySet) -> String {
        Weekday.allCases.filter { set.contains(WeekdaySet([$0])) }.map(\.rawValue).joined(separator: ",")
    }

    static func days(_ text: String) -> WeekdaySet? {
        var days: [Weekday] = []
        for part in text.split(separator: ",") {
            guard let day = Weekday(rawValue: String(part).trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
            days.append(day)
        }
        return days.isEmpty ? nil : WeekdaySet(days)
    }

    static func minute(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    static func time(_ minute: Int) -> String {
        let h = minute / 60, m = minute % 60
        return "\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }
}
