import CandorCore
import Foundation
import SQLKit

/// A stored call recording (the row; the audio is in the vault).
public struct StoredRecording: Sendable, Equatable, Codable {
    public var id: String
    public var attemptID: String
    public var accountID: String
    public var callAt: Date
    public var storagePath: String
    public var sha256: String
    public var byteCount: Int64
    public var deleteAfter: Date
    public var legalHold: Bool
    public var legalHoldAt: Date?
    /// Who set or lifted the hold: the username, resolved from the stored user ID (a stored
    /// value that names no user, e.g. an old username row no migration could match, as stored).
    public var legalHoldBy: String?
    /// That user's ID (what `recordings.legal_hold_by` stores, like every other actor column);
    /// nil without a hold decision or when the stored value names no user.
    public var legalHoldByID: String?
    public var legalHoldReason: String?
    public var deletedAt: Date?
    /// Who stored the recording: the uploader's username, resolved like `legalHoldBy` (a system
    /// actor such as `cli` is shown as stored).
    public var createdBy: String?
    /// The uploader's user ID (what `recordings.created_by` stores); nil for a system actor.
    public var createdByID: String?
}

public enum RecordingError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownAttempt(String)
    case accountNotInAttempt(account: String, attempt: String)
    case unknownRecording(String)
    case deleted(String)
    case reasonRequired

    public var description: String {
        switch self {
        case .unknownAttempt(let id): return "no contact attempt \(id)"
        case .accountNotInAttempt(let a, let t): return "account \(a) is not one the contact attempt \(t) was about"
        case .unknownRecording(let id): return "no recording \(id)"
        case .deleted(let id): return "recording \(id) was deleted under the retention schedule"
        case .reasonRequired: return "a legal hold needs a reason (the matter, the request)"
        }
    }
}

/// What a purge did (or, with --dry-run, would do).
public struct PurgeReport: Sendable, Codable, Equatable {
    public var dryRun: Bool
    public var deleted: [String]
    /// Due by date but kept because of a legal hold.
    public var heldBack: [String]
    public var failed: [String: String]
}

/// 12 CFR 1006.100(a): records of a call are kept three years after the call.
public enum RecordingRetention {
    public static func deleteAfter(callAt: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .year, value: 3, to: callAt)!
    }
}

extension SQLStore {
    /// Checks that a recording may be stored for this attempt and account (the attempt exists
    /// and was about the account) and returns the call's time. Callers receiving a large body
    /// ask this first, so a wrong target is refused before the upload is written.
    @discardableResult
    public func recordingTarget(attemptID: String, accountID: Account.ID) async throws -> Date {
        guard let attempt = try await sql.raw("SELECT at FROM contact_attempts WHERE id = \(bind: attemptID)").first() else {
            throw RecordingError.unknownAttempt(attemptID)
        }
        guard try await sql.raw("""
            SELECT 1 AS x FROM contact_attempt_accounts WHERE attempt_id = \(bind: attemptID) AND account_id = \(bind: accountID.rawValue)
            """).first() != nil else { throw RecordingError.accountNotInAttempt(account: accountID.rawValue, attempt: attemptID) }
        return Timestamp.parse(try attempt.decode(column: "at", as: String.self)) ?? clock()
    }

    /// Encrypts `file` into the vault, records it against the attempt and account, and queues
    /// its analysis, in one transaction (the file is removed again if the row cannot be written).
    /// `actor` is the uploader's user ID (stored in `created_by` and the audit line), or a system
    /// actor such as `cli`.
    @discardableResult
    public func storeRecording(file: URL, attemptID: String, accountID: Account.ID, by actor: String,
                               vault: RecordingVault, maxAnalysisAttempts: Int = 3) async throws -> StoredRecording {
        let callAt = try await recordingTarget(attemptID: attemptID, accountID: accountID)
        let id = Self.newID()
        let stored = try vault.store(source: file, name: id, at: callAt)
        let now = clock()
        let recording = StoredRecording(id: id, attemptID: attemptID, accountID: accountID.rawValue, callAt: callAt,
                                        storagePath: stored.path, sha256: stored.sha256, byteCount: stored.byteCount,
                                        deleteAfter: RecordingRetention.deleteAfter(callAt: callAt), legalHold: false)
        let kind = database.kind
        do {
            try await database.transaction { db in
                try await db.insert(into: "recordings")
                    .columns("id", "attempt_id", "account_id", "call_at", "storage_path", "sha256", "byte_count", "content_type",
                             "created_at", "created_by", "delete_after", "legal_hold")
                    .values(id, attemptID, accountID.rawValue, Timestamp.format(callAt), stored.path, stored.sha256, stored.byteCount,
                            "audio/wav", Timestamp.format(now), actor, Timestamp.format(recording.deleteAfter), false)
                    .run()
                try await db.insert(into: "speech_jobs")
                    .columns("recording_id", "status", "attempts", "max_attempts", "not_before", "created_at")
                    .values(id, SpeechJobStatus.queued.rawValue, 0, maxAnalysisAttempts, Timestamp.format(now), Timestamp.format(now))
                    .run()
                try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: "recording.store",
                                           subject: "account:\(accountID.rawValue)",
                                           details: ["recording": id, "attempt": attemptID, "sha256": stored.sha256])
            }
        } catch {
            try? vault.remove(path: stored.path)
            throw error
        }
        return try await self.recording(id: id) ?? recording
    }

    public func recording(id: String) async throws -> StoredRecording? {
        try await sql.raw("\(unsafeRaw: Self.recordingSelect) WHERE r.id = \(bind: id)").first().map(Self.recording(from:))
    }

    /// A recording with its actors (user IDs, like every actor column) joined to `users` so
    /// readers see usernames.
    static let recordingSelect = """
        SELECT r.*, hu.id AS legal_hold_user_id, hu.username AS legal_hold_username,
            cu.id AS creator_user_id, cu.username AS creator_username
        FROM recordings r LEFT JOIN users hu ON hu.id = r.legal_hold_by LEFT JOIN users cu ON cu.id = r.created_by
        """

    /// The user ID of the user with this username, for commands that name their actor by
    /// username (`candor recordings add|hold --by NAME`); nil when no user has it.
    public func userID(username: String) async throws -> String? {
        try await sql.raw("SELECT id FROM users WHERE username = \(bind: username)").first()?.decode(column: "id", as: String.self)
    }

    /// Decrypts and verifies a recording into `target` (hash mismatch → `VaultError.hashMismatch`).
    public func decryptRecording(_ recording: StoredRecording, vault: RecordingVault, to target: URL) async throws {
        guard recording.deletedAt == nil else { throw RecordingError.deleted(recording.id) }
        try await vault.decrypt(path: recording.storagePath, recording: recording.id, expectedSHA256: recording.sha256, to: target)
    }

    /// Sets or lifts a legal hold (compliance or admin; the caller checks the role). Audited.
    /// `actor` is the user's ID (stored in `legal_hold_by` and the audit line).
    public func setLegalHold(recording id: String, hold: Bool, reason: String?, by actor: String) async throws -> StoredRecording {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if hold, reason?.isEmpty ?? true { throw RecordingError.reasonRequired }
        let now = clock(), kind = database.kind
        try await database.transaction { db in
            guard let row = try await db.raw("SELECT account_id, deleted_at FROM recordings WHERE id = \(bind: id)").first() else {
                throw RecordingError.unknownRecording(id)
            }
            guard try row.decode(column: "deleted_at", as: String?.self) == nil else { throw RecordingError.deleted(id) }
            try await db.raw("""
                UPDATE recordings SET legal_hold = \(bind: hold), legal_hold_at = \(bind: Timestamp.format(now)),
                legal_hold_by = \(bind: actor), legal_hold_reason = \(bind: reason) WHERE id = \(bind: id)
                """).run()
            let account = try row.decode(column: "account_id", as: String.self)
            try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: hold ? "recording.legal_hold.set" : "recording.legal_hold.clear",
                                       subject: "account:\(account)", details: ["recording": id, "reason": reason ?? ""])
        }
        return try await recording(id: id)!
    }

    /// Deletes the files of recordings whose retention has run out (`delete_after` ≤ now) and
    /// that are not on legal hold, with their stored transcript; the rows stay, marked deleted.
    /// With `dryRun` nothing changes.
    public func purgeRecordings(vault: RecordingVault, dryRun: Bool, by actor: String = "retention") async throws -> PurgeReport {
        let now = clock()
        let due = try await sql.raw("""
            \(unsafeRaw: Self.recordingSelect)
            WHERE r.deleted_at IS NULL AND r.delete_after <= \(bind: Timestamp.format(now)) ORDER BY r.delete_after, r.id
            """).all().map(Self.recording(from:))
        var report = PurgeReport(dryRun: dryRun, deleted: [], heldBack: [], failed: [:])
        for r in due {
            if r.legalHold { report.heldBack.append(r.id); continue }
            if dryRun { report.deleted.append(r.id); continue }
            do {
                let kind = database.kind
                let purged: Bool = try await database.transaction { db in
                    // Re-checked under a row lock: a hold set since the list was read wins, and
                    // the file goes last, so a hold or a failed write never loses the audio.
                    guard let current = try await db.raw("""
                        SELECT legal_hold, deleted_at FROM recordings WHERE id = \(bind: r.id)\(unsafeRaw: kind == .postgres ? " FOR UPDATE" : "")
                        """).first(),
                        try current.decode(column: "legal_hold", as: Bool.self) == false,
                        try current.decode(column: "deleted_at", as: String?.self) == nil else { return false }
                    try await db.raw("""
                        UPDATE recordings SET deleted_at = \(bind: Timestamp.format(now)), deleted_by = \(bind: actor) WHERE id = \(bind: r.id)
                        """).run()
                    // The transcript goes with the audio; the score and codes stay for the quality figures.
                    try await db.raw("UPDATE call_analyses SET analysis_encrypted = '' WHERE recording_id = \(bind: r.id)").run()
                    try await Self.appendAudit(db, kind: kind, at: now, actor: actor, action: "recording.purge",
                                               subject: "account:\(r.accountID)", details: ["recording": r.id, "call_at": Timestamp.format(r.callAt)])
                    try vault.remove(path: r.storagePath)
                    return true
                }
                if purged { report.deleted.append(r.id) } else { report.heldBack.append(r.id) }
            } catch {
                report.failed[r.id] = String(describing: error)
            }
        }
        return report
    }

    static func recording(from row: any SQLRow) throws -> StoredRecording {
        func date(_ c: String) throws -> Date? { try row.decode(column: c, as: String?.self).flatMap(Timestamp.parse) }
        return StoredRecording(
            id: try row.decode(column: "id", as: String.self), attemptID: try row.decode(column: "attempt_id", as: String.self),
            accountID: try row.decode(column: "account_id", as: String.self), callAt: try date("call_at") ?? .distantPast,
            storagePath: try row.decode(column: "storage_path", as: String.self), sha256: try row.decode(column: "sha256", as: String.self),
            byteCount: try row.decode(column: "byte_count", as: Int64.self), deleteAfter: try date("delete_after") ?? .distantFuture,
            legalHold: try row.decode(column: "legal_hold", as: Bool.self), legalHoldAt: try date("legal_hold_at"),
            legalHoldBy: try row.decode(column: "legal_hold_username", as: String?.self) ?? row.decode(column: "legal_hold_by", as: String?.self),
            legalHoldByID: try row.decode(column: "legal_hold_user_id", as: String?.self),
            legalHoldReason: try row.decode(column: "legal_hold_reason", as: String?.self), deletedAt: try date("deleted_at"),
            createdBy: try row.decode(column: "creator_username", as: String?.self) ?? row.decode(column: "created_by", as: String?.self),
            createdByID: try row.decode(column: "creator_user_id", as: String?.self))
    }
}
