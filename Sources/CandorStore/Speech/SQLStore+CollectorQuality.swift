import CandorCore
import CandorSpeech
import Foundation
import SQLKit

/// One analysed call in a collector's lists.
public struct QualityCall: Sendable, Codable, Equatable {
    public var recordingID: String
    public var accountID: String
    public var callAt: Date
    public var score: Int
    /// Prohibited agent-side codes heard (THREAT_*, ABUSIVE_LANGUAGE, ...).
    public var prohibited: [String]
    /// Required disclosures not heard.
    public var missing: [String]
}

/// A collector's quality over their analysed calls (speech spec: scores.compliance).
public struct CollectorQuality: Sendable, Codable, Equatable {
    public var userID: String
    public var username: String
    public var displayName: String
    public var calls: Int
    /// Mean of scores.compliance, one decimal.
    public var meanCompliance: Double
    /// Calls with at least one prohibited finding, and prohibited findings heard over all calls.
    public var callsWithProhibitedFindings: Int
    public var prohibitedFindings: Int
    public var missingDisclosures: Int
    /// Prohibited findings or a missing disclosure: worth a coaching session, worst first.
    public var coach: [QualityCall]
    /// Clean and with both disclosures: worth praising, newest first.
    public var praise: [QualityCall]
}

extension SQLStore {
    /// Quality per collector: the users whose contact attempts have analysed recordings. The
    /// attempt names its agent in `recorded_by` as the user ID (the agent desktop), the username, `agent:<username>` or
    /// `agent:<user id>` (the dialer's form). Only accounts of `withinClients` count (nil: all).
    public func collectorQuality(withinClients: Set<String>?, since: Date? = nil, listLimit: Int = 20) async throws -> [CollectorQuality] {
        var q = SQLQueryString("""
            SELECT u.id AS user_id, u.username, u.display_name, r.id AS recording_id, r.account_id, r.call_at,
                   ca.compliance_score, ca.agent_codes, ca.missing, ca.prohibited_count
            FROM call_analyses ca
            JOIN recordings r ON r.id = ca.recording_id
            JOIN contact_attempts t ON t.id = r.attempt_id
            JOIN users u ON (t.recorded_by = u.id OR t.recorded_by = u.username OR t.recorded_by = 'agent:' || u.username OR t.recorded_by = 'agent:' || u.id)
            JOIN accounts a ON a.id = r.account_id JOIN clients c ON c.id = a.client_id
            WHERE 1 = 1
            """)
        if let withinClients {
            guard !withinClients.isEmpty else { return [] }
            q.appendInterpolation(unsafeRaw: " AND c.code IN (")
            q.appendInterpolation(binds: withinClients.sorted())
            q.appendInterpolation(unsafeRaw: ")")
        }
        if let since {
            q.appendInterpolation(unsafeRaw: " AND r.call_at >= ")
            q.appendInterpolation(bind: Timestamp.format(since))
        }
        q.appendInterpolation(unsafeRaw: " ORDER BY u.username, r.call_at DESC, r.id")
        var byUser: [String: (username: String, name: String, calls: [QualityCall], prohibitedCount: Int)] = [:]
        for row in try await sql.raw(q).all() {
            let user = try row.decode(column: "user_id", as: String.self)
            let codes = try row.decode(column: "agent_codes", as: String.self).split(separator: ",").map(String.init)
            let call = QualityCall(recordingID: try row.decode(column: "recording_id", as: String.self),
                                   accountID: try row.decode(column: "account_id", as: String.self),
                                   callAt: Timestamp.parse(try row.decode(column: "call_at", as: String.self)) ?? .distantPast,
                                   score: try row.decode(column: "compliance_score", as: Int.self),
                                   prohibited: codes.filter { FindingCode(rawValue: $0).map(prohibitedAgentCodes.contains) ?? false },
                                   missing: try row.decode(column: "missing", as: String.self).split(separator: ",").map(String.init))
            let username = try row.decode(column: "username", as: String.self), display = try row.decode(column: "display_name", as: String.self)
            var entry = byUser[user] ?? (username, display, [], 0)
            entry.calls.append(call)
            entry.prohibitedCount += try row.decode(column: "prohibited_count", as: Int.self)
            byUser[user] = entry
        }
        return byUser.map { id, e in
            let mean = Double(e.calls.map(\.score).reduce(0, +)) / Double(max(1, e.calls.count))
            let coach = e.calls.filter { !$0.prohibited.isEmpty || !$0.missing.isEmpty }
                .sorted { ($0.score, $1.callAt) < ($1.score, $0.callAt) }
            let praise = e.calls.filter { $0.prohibited.isEmpty && $0.missing.isEmpty }
            return CollectorQuality(userID: id, username: e.username, displayName: e.name, calls: e.calls.count,
                                    meanCompliance: (mean * 10).rounded() / 10,
                                    callsWithProhibitedFindings: e.calls.filter { !$0.prohibited.isEmpty }.count,
                                    prohibitedFindings: e.prohibitedCount,
                                    missingDisclosures: e.calls.map(\.missing.count).reduce(0, +),
                                    coach: Array(coach.prefix(listLimit)), praise: Array(praise.prefix(listLimit)))
        }.sorted { $0.username < $1.username }
    }
}
