import CandorCore
import CandorDialer
import Foundation

/// A campaign as stored: what a supervisor creates, and what a runner is built from.
/// Hours are minutes after midnight UTC: dialer time on a stored campaign is seconds since
/// the Unix epoch, so `CampaignHours` applies to UTC seconds of day. The consumer's own
/// calling hours (8 a.m.–9 p.m. local) are the compliance engine's, checked per number.
public struct StoredCampaign: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable { case stopped, running }

    public var id: String
    public var name: String
    public var clientCode: String
    public var mode: CandorDialer.DialingMode
    public var priority: EligibleNowRequest.Priority
    public var hoursStartMinute: Int
    public var hoursEndMinute: Int
    public var abandonCap: Double
    public var maxLinesPerAgent: Double
    public var status: Status

    /// The pure dialer's view of this campaign (targets are added per shift).
    public var dialerCampaign: Campaign {
        Campaign(id: CampaignID(id), clientScope: clientCode, mode: mode,
                 hours: CampaignHours(start: Double(hoursStartMinute * 60), end: Double(hoursEndMinute * 60)),
                 abandonCap: abandonCap, maxLinesPerAgent: maxLinesPerAgent)
    }

    /// The compliance engine's dialing mode for a call this campaign places (TCPA consent).
    public var complianceDialing: CandorCore.DialingMode {
        switch mode {
        case .preview: .preview
        case .progressive: .progressive
        case .predictive: .predictive
        }
    }
}

/// What a supervisor sends to create a campaign; `validated()` names the first bad field.
public struct CampaignDraft: Sendable {
    public var name: String
    public var clientCode: String
    public var mode: String
    public var priority: String
    public var hoursStart: String
    public var hoursEnd: String
    public var abandonCap: Double
    public var maxLinesPerAgent: Double

    public init(name: String, clientCode: String, mode: String, priority: String = "balance_desc",
                hoursStart: String = "13:00", hoursEnd: String = "21:00", abandonCap: Double = 0.03,
                maxLinesPerAgent: Double = 3) {
        self.name = name; self.clientCode = clientCode; self.mode = mode; self.priority = priority
        self.hoursStart = hoursStart; self.hoursEnd = hoursEnd; self.abandonCap = abandonCap
        self.maxLinesPerAgent = maxLinesPerAgent
    }

    public func validated(id: String) throws(CampaignError) -> StoredCampaign {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalid(field: "name", "must not be empty") }
        guard !clientCode.isEmpty else { throw .invalid(field: "client", "must name a client code") }
        guard let mode = CandorDialer.DialingMode(rawValue: mode) else {
            throw .invalid(field: "mode", "must be one of preview, progressive, predictive")
        }
        guard let priority = EligibleNowRequest.Priority(rawValue: priority) else {
            throw .invalid(field: "priority", "must be one of " + EligibleNowRequest.Priority.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let start = WindowText.minute(hoursStart) else { throw .invalid(field: "hours_start", "must be HH:MM (UTC)") }
        guard let end = WindowText.minute(hoursEnd), end > start else {
            throw .invalid(field: "hours_end", "must be HH:MM (UTC), after hours_start")
        }
        // 0.03 is the FTC/FCC safe harbor (47 CFR 64.1200(a)(7)); a higher cap is refused.
        guard abandonCap.isFinite, abandonCap >= 0, abandonCap <= 0.03 else {
            throw .invalid(field: "abandon_cap", "must be between 0 and 0.03")
        }
        guard maxLinesPerAgent.isFinite, maxLinesPerAgent >= 1, maxLinesPerAgent <= 10 else {
            throw .invalid(field: "max_lines_per_agent", "must be between 1 and 10")
        }
        return StoredCampaign(id: id, name: name, clientCode: clientCode, mode: mode, priority: priority,
                              hoursStartMinute: start, hoursEndMinute: end, abandonCap: abandonCap,
                              maxLinesPerAgent: maxLinesPerAgent, status: .stopped)
    }
}

public enum CampaignError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(field: String, String)
    case unknownCampaign(String)
    case unknownClient(String)

    public var description: String {
        switch self {
        case .invalid(let field, let why): "\(field): \(why)"
        case .unknownCampaign(let id): "no campaign \(id)"
        case .unknownClient(let code): "client: no client with code \(code)"
        }
    }
}
