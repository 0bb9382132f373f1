import CandorCore
import CandorSpeech
import Foundation
import SQLKit

/// One account event as the review queue shows it.
public struct AccountEventView: Sendable, Codable, Equatable {
    public var id: String
    public var accountID: String
    public var clientCode: String
    public var clientAccountNumber: String
    public var recordingID: String
    public var kind: String
    /// What the product does, pending review (AccountEventKind.action).
    public var action: String
    public var findingCode: String
    public var start: Double
    public var end: Double
    public var confidence: Double
    public var status: AccountEventStatus
    public var createdAt: Date
    public var reviewedAt: Date?
    /// The reviewer's username, resolved from the stored user ID (a stored value that names no
    /// user, e.g. an old username row no migration could match, is shown as stored).
    public var reviewedBy: String?
    /// The reviewer's user ID (what `account_events.reviewed_by` stores, like every other
    /// actor column); nil before the review or when the stored value names no user.
    public var reviewedByID: String?
    public var reviewNote: String?
    /// What the event did at once (a pause, a flag, a window).
    public var effects: [String]
    /// The consumer's words that opened it (decrypted when a cipher was given).
    public var excerpt: String?
    /// The turns around the finding (± 15 s).
    public var transcript: [TranscriptTurn]
    /// The recording's legal hold (who set it: the username, resolved from the stored user ID,
    /// and the ID), and whether retention has deleted it.
    public var recordingLegalHold: Bool
    public var recordingLegalHoldBy: String?
    public var recordingLegalHoldByID: String?
    public var recordingDeleted: Bool
}

extension SQLStore {
    /// Events, newest first, within the given clients (nil: all), of one account if named.
    public func accountEvents(status: AccountEventStatus?, withinClients: Set<String>?, account: Account.ID? = nil, limit: Int = 200,
                              cipher: FieldCipher? = nil) async throws -> [AccountEventView] {
        var q = SQLQueryString("\(unsafeRaw: Self.eventSelect) WHERE 1 = 1")
        if let status {
            q.appendInterpolation(unsafeRaw: " AND e.status = ")
            q.appendInterpolation(bind: status.rawValue)
        }
        if let account {
            q.appendInterpolation(unsafeRaw: " AND e.account_id = ")
            q.appendInterpolation(bind: account.rawValue)
        }
        if let withinClients {
            guard !withinClients.isEmpty else { return [] }
            q.appendInterpolation(unsafeRaw: " AND c.code IN (")
            q.appendInterpolation(binds: withinClients.sorted())
            q.appendInterpolation(unsafeRaw: ")")
        }
        q.appendInterpolation(unsafeRaw: " ORDER BY e.created_at DESC, e.id DESC LIMIT \(max(1, min(limit, 1000)))")
        var views: [AccountEventView] = []
        var analyses: [String: CallAnalysis] = [:]
        for row in try await sql.raw(q).all() {
            var view = try Self.eventView(from: row, cipher: cipher)
            if let cipher {
                if analyses[view.recordingID] == nil { analyses[view.recordingID] = try? await callAnalysis(recording: view.recordingID, cipher: cipher) }
                view.transcript = (analyses[view.recordingID]?.transcript ?? []).filter { $0.end >= view.start - 15 && $0.start <= view.end + 15 }
            }
            views.append(view)
        }
        return views
    }

    public func accountEvent(id: String, cipher: FieldCipher? = nil) async throws -> AccountEventView? {
        guard let row = try await sql.raw("\(unsafeRaw: Self.eventSelect) WHERE e.id = \(bind: id)").first() else { return nil }
        var view = try Self.eventView(from: row, cipher: cipher)
        if let cipher, let analysis = try? await callAnalysis(recording: view.recordingID, cipher: cipher) {
            view.transcript = analysis.transcript.filter { $0.end >= view.start - 15 && $0.start <= view.end + 15 }
        }
        return view
    }

    /// An event with its account, client and recording; the reviewer and the hold's author
    /// (user IDs, like every actor column) joined to `users` so readers see usernames.
    static let eventSelect = """
        SELECT e.*, c.code AS client_code, a.client_account_number, r.legal_hold, r.legal_hold_by, r.deleted_at,
            ru.id AS reviewer_id, ru.username AS reviewer_username, hu.id AS legal_hold_user_id, hu.username AS legal_hold_username
        FROM account_events e JOIN recordings r ON r.id = e.recording_id
        JOIN accounts a ON a.id = e.account_id JOIN clients c ON c.id = a.client_id
        LEFT JOIN users ru ON ru.id = e.reviewed_by LEFT JOIN users hu ON hu.id = r.legal_hold_by
        """

    static func eventView(from row: any SQLRow, cipher: FieldCipher?) throws -> AccountEventView {
        let kind = try row.decode(column: "kind", as: String.self)
        let effects = EventEffect.decode(try row.decode(column: "interim_effects", as: String.self)).map(\.summary)
        return AccountEventView(
            id: try row.decode(column: "id", as: String.self), accountID: try row.decode(column: "account_id", as: String.self),
            clientCode: try row.decode(column: "client_code", as: String.self),
            clientAccountNumber: try row.decode(column: "client_account_number", as: String.self),
            recordingID: try row.decode(column: "recording_id", as: String.self), kind: kind,
            action: AccountEventKind(rawValue: kind)?.action ?? kind, findingCode: try row.decode(column: "finding_code", as: String.self),
            start: Double(try row.decode(column: "finding_start_ms", as: Int64.self)) / 1000,
            end: Double(try row.decode(column: "finding_end_ms", as: Int64.self)) / 1000,
            confidence: Double(try row.decode(column: "confidence_pct", as: Int.self)) / 100,
            status: AccountEventStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending,
            createdAt: Timestamp.parse(try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
            reviewedAt: try row.decode(column: "reviewed_at", as: String?.self).flatMap(Timestamp.parse),
            reviewedBy: try row.decode(column: "reviewer_username", as: String?.self) ?? row.decode(column: "reviewed_by", as: String?.self),
            reviewedByID: try row.decode(column: "reviewer_id", as: String?.self),
            reviewNote: try row.decode(column: "review_note", as: String?.self), effects: effects,
            excerpt: try cipher.map { try $0.decrypt(try row.decode(column: "excerpt_encrypted", as: String.self)) },
            transcript: [], recordingLegalHold: try row.decode(column: "legal_hold", as: Bool.self),
            recordingLegalHoldBy: try row.decode(column: "legal_hold_username", as: String?.self) ?? row.decode(column: "legal_hold_by", as: String?.self),
            recordingLegalHoldByID: try row.decode(column: "legal_hold_user_id", as: String?.self),
            recordingDeleted: try row.decode(column: "deleted_at", as: String?.self) != nil)
    }
}
