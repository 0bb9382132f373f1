import CandorCore
import CandorSpeech
import Foundation
import SQLKit

/// Who the product acts as when speech analytics writes to the stores.
public let speechAnalyticsActor = "speech-analytics"

/// Collector-side codes that must never be heard (every agent code but the two disclosures).
public let prohibitedAgentCodes: Set<FindingCode> = [.threatArrest, .threatLegalAction, .threatHarm, .abusiveLanguage,
                                                     .falseAffiliation, .thirdPartyDisclosure]

extension SQLStore {
    /// Stores a finished analysis, opens the account events its consumer findings call for
    /// (each once per recording, account and kind, for every account the call was about) with
    /// their immediate effects, and marks
    /// the job done: one transaction. Returns the ids of events opened now (none when the
    /// recording was analysed before).
    @discardableResult
    public func completeSpeechJob(_ job: ClaimedSpeechJob, analysis: CallAnalysis, cipher: FieldCipher) async throws -> [String] {
        guard let recording = try await recording(id: job.recordingID) else { throw RecordingError.unknownRecording(job.recordingID) }
        let now = clock(), kind = database.kind
        let agent = analysis.findings.filter { $0.speaker != .consumer }
        let agentCodes = Set(agent.map(\.code)).sorted().map(\.rawValue).joined(separator: ",")
        let consumerCodes = Set(analysis.findings.filter { $0.speaker != .agent && ($0.code.rawValue.hasPrefix("CONSUMER_") || $0.code == .promiseToPay) }
            .map(\.code)).sorted().map(\.rawValue).joined(separator: ",")
        let prohibited = agent.filter { prohibitedAgentCodes.contains($0.code) }.count
        let encrypted = cipher.encrypt(analysis.jsonLine())
        // One event per kind: the surest finding of that kind is the one the reviewer checks.
        var surest: [AccountEventKind: Finding] = [:]
        for p in analysis.accountEvents where (surest[p.kind]?.confidence ?? -1) < p.finding.confidence { surest[p.kind] = p.finding }
        let proposals = surest
        return try await database.transaction { db in
            try await db.raw("DELETE FROM call_analyses WHERE recording_id = \(bind: recording.id)").run()
            try await db.insert(into: "call_analyses")
                .columns("recording_id", "analysed_at", "duration_ms", "compliance_score", "agent_codes", "consumer_codes", "missing",
                         "prohibited_count", "analysis_encrypted")
                .values(recording.id, Timestamp.format(now), Int64((analysis.durationSeconds * 1000).rounded()), analysis.scores.compliance,
                        agentCodes, consumerCodes, analysis.missing.map(\.rawValue).joined(separator: ","), prohibited, encrypted)
                .run()
            // What the consumer said is about every debt the call was about (a cease request is
            // the consumer's, not one account's): each of the attempt's accounts gets its event.
            var accounts = try await db.raw("""
                SELECT account_id FROM contact_attempt_accounts WHERE attempt_id = \(bind: recording.attemptID) ORDER BY account_id
                """).all().map { try $0.decode(column: "account_id", as: String.self) }
            if !accounts.contains(recording.accountID) { accounts.insert(recording.accountID, at: 0) }
            var opened: [String] = []
            for account in accounts {
                for eventKind in AccountEventKind.allCases {
                    guard let finding = proposals[eventKind] else { continue }
                    if try await db.raw("""
                        SELECT id FROM account_events WHERE recording_id = \(bind: recording.id) AND account_id = \(bind: account)
                        AND kind = \(bind: eventKind.rawValue)
                        """).first() != nil { continue }
                    let id = Self.newID()
                    let effects = try await Self.applyInterimEffects(db, kind: eventKind, finding: finding, account: account,
                                                                     recording: recording.id, now: now)
                    try await db.insert(into: "account_events")
                        .columns("id", "recording_id", "account_id", "kind", "finding_code", "finding_start_ms", "finding_end_ms",
                                 "confidence_pct", "excerpt_encrypted", "status", "interim_effects", "created_at", "created_by")
                        .values(id, recording.id, account, eventKind.rawValue, finding.code.rawValue,
                                Int64((finding.start * 1000).rounded()), Int64((finding.end * 1000).rounded()),
                                Int((finding.confidence * 100).rounded()), cipher.encrypt(finding.text), AccountEventStatus.pending.rawValue,
                                EventEffect.encode(effects), Timestamp.format(now), speechAnalyticsActor)
                        .run()
                    try await Self.appendAudit(db, kind: kind, at: now, actor: speechAnalyticsActor, action: "account_event.open",
                                               subject: "account:\(account)",
                                               details: ["event": id, "kind": eventKind.rawValue, "recording": recording.id,
                                                         "effects": effects.map(\.summary).joined(separator: "; ")])
                    opened.append(id)
                }
            }
            try await db.raw("""
                UPDATE speech_jobs SET status = \(bind: SpeechJobStatus.done.rawValue), last_error = NULL,
                    finished_at = \(bind: Timestamp.format(now)), lease_until = NULL WHERE recording_id = \(bind: recording.id)
                """).run()
            return opened
        }
    }

    /// The stored analysis of a recording, decrypted; nil before analysis or after the purge.
    public func callAnalysis(recording id: String, cipher: FieldCipher) async throws -> CallAnalysis? {
        guard let row = try await sql.raw("SELECT analysis_encrypted FROM call_analyses WHERE recording_id = \(bind: id)").first() else { return nil }
        let stored = try row.decode(column: "analysis_encrypted", as: String.self)
        guard !stored.isEmpty else { return nil } // purged with its recording
        let json = try cipher.decrypt(stored)
        return try JSONDecoder().decode(CallAnalysis.self, from: Data(json.utf8))
    }
}
