import CandorCore
import CandorDialer
import Foundation
import SQLKit

extension SQLStore {
    /// Writes one dial to the contact log (source `dialer`, so Reg F counts include it) and
    /// to the campaign's own record. A refusal was never a call: it goes to the campaign
    /// record only, with its reason, for audit.
    public func recordDialerAttempt(_ attempt: AttemptRecord, consumer: Consumer.ID, place: ContactPlace,
                                    refusalReason: String? = nil) async throws {
        var contactAttemptID: String?
        if let outcome = attempt.outcome.contactOutcome {
            contactAttemptID = try await recordAttempt(ContactAttemptInput(
                consumerID: consumer, accountIDs: [Account.ID(attempt.target.accountID)],
                // The call counts on the day it was placed.
                at: Date(timeIntervalSince1970: attempt.placedAt), channel: .phone, outcome: outcome,
                address: attempt.target.phoneNumber, place: place, source: "dialer",
                recordedBy: attempt.agentID.map { "agent:\($0)" } ?? "campaign:\(attempt.campaignID)"))
        }
        try await sql.insert(into: "campaign_attempts")
            .columns("id", "campaign_id", "contact_attempt_id", "account_id", "address", "outcome", "refusal_reason",
                     "limited_content_message", "agent_id", "placed_at", "ended_at")
            .values(Self.newID(), attempt.campaignID.rawValue, contactAttemptID, attempt.target.accountID,
                    attempt.target.phoneNumber, attempt.outcome.rawValue, refusalReason, attempt.limitedContentMessage,
                    attempt.agentID?.rawValue, Timestamp.format(Date(timeIntervalSince1970: attempt.placedAt)),
                    Timestamp.format(Date(timeIntervalSince1970: attempt.endedAt)))
            .run()
    }
}

extension AttemptOutcome {
    /// The contact log's outcome; nil for a refusal (not a call).
    public var contactOutcome: ContactOutcome? {
        switch self {
        case .noAnswer: .noAnswer
        case .busy: .busy
        case .notConnected: .notConnected
        case .machine: .machine
        // 12 CFR 1006.2(j): the limited-content message is recorded on campaign_attempts;
        // the call itself stays an abandoned call, which counts toward 7-in-7.
        case .abandoned: .abandoned
        case .conversation: .conversation
        case .refused: nil
        }
    }
}
