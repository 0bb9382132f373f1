import CandorCore
import Foundation
import SQLKit

public enum SpeechJobStatus: String, Sendable, Codable, CaseIterable { case queued, running, done, failed }

/// A job a worker holds: analyse this recording. `attempt` counts from 1.
public struct ClaimedSpeechJob: Sendable, Equatable {
    public var recordingID: String
    public var attempt: Int
    public var maxAttempts: Int
}

public struct SpeechJobState: Sendable, Equatable, Codable {
    public var recordingID: String
    public var status: SpeechJobStatus
    public var attempts: Int
    public var maxAttempts: Int
    public var lastError: String?
}

extension SQLStore {
    /// Claims the oldest job that is due (or whose worker's lease ran out). PostgreSQL:
    /// `FOR UPDATE SKIP LOCKED`, so workers on several instances never take the same job;
    /// SQLite: the claim is one `BEGIN IMMEDIATE` transaction on the single writer.
    public func claimSpeechJob(worker: String, lease: TimeInterval = 900) async throws -> ClaimedSpeechJob? {
        let now = Timestamp.format(clock()), until = Timestamp.format(clock().addingTimeInterval(lease))
        let running = SpeechJobStatus.running.rawValue, queued = SpeechJobStatus.queued.rawValue
        let row: (any SQLRow)?
        switch database.kind {
        case .postgres:
            row = try await sql.raw("""
                UPDATE speech_jobs SET status = \(bind: running), attempts = attempts + 1, claimed_by = \(bind: worker),
                    lease_until = \(bind: until)
                WHERE recording_id = (
                    SELECT recording_id FROM speech_jobs
                    WHERE (status = \(bind: queued) AND not_before <= \(bind: now)) OR (status = \(bind: running) AND lease_until < \(bind: now))
                    ORDER BY not_before, recording_id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING recording_id, attempts, max_attempts
                """).first()
        case .sqlite:
            row = try await database.transaction { db -> (any SQLRow)? in
                guard let pick = try await db.raw("""
                    SELECT recording_id FROM speech_jobs
                    WHERE (status = \(bind: queued) AND not_before <= \(bind: now)) OR (status = \(bind: running) AND lease_until < \(bind: now))
                    ORDER BY not_before, recording_id LIMIT 1
                    """).first() else { return nil }
                let id = try pick.decode(column: "recording_id", as: String.self)
                try await db.raw("""
                    UPDATE speech_jobs SET status = \(bind: running), attempts = attempts + 1, claimed_by = \(bind: worker),
                        lease_until = \(bind: until) WHERE recording_id = \(bind: id)
                    """).run()
                return try await db.raw("SELECT recording_id, attempts, max_attempts FROM speech_jobs WHERE recording_id = \(bind: id)").first()
            }
        }
        guard let row else { return nil }
        let job = ClaimedSpeechJob(recordingID: try row.decode(column: "recording_id", as: String.self),
                                   attempt: try row.decode(column: "attempts", as: Int.self),
                                   maxAttempts: try row.decode(column: "max_attempts", as: Int.self))
        if job.attempt > job.maxAttempts {
            // Its workers died under it every time (a lease ran out): give up, saying so.
            try await finishSpeechJob(job, error: "gave up after \(job.maxAttempts) attempts: the worker stopped before finishing (lease expired)",
                                      retryable: false)
            return try await claimSpeechJob(worker: worker, lease: lease)
        }
        return job
    }

    /// Extends a running job's lease while its worker is still at it (a long call). False when
    /// the job is no longer this worker's (its lease ran out and another worker took it, or it
    /// finished). Both workers may then finish: the later analysis replaces the earlier one and
    /// no account event is opened twice (`completeSpeechJob`).
    @discardableResult
    public func renewSpeechJobLease(_ job: ClaimedSpeechJob, worker: String, lease: TimeInterval = 900) async throws -> Bool {
        let until = Timestamp.format(clock().addingTimeInterval(lease))
        return try await database.transaction { db in
            try await db.raw("""
                UPDATE speech_jobs SET lease_until = \(bind: until)
                WHERE recording_id = \(bind: job.recordingID) AND status = \(bind: SpeechJobStatus.running.rawValue)
                    AND claimed_by = \(bind: worker) AND attempts = \(bind: job.attempt)
                """).run()
            return try await db.raw("""
                SELECT recording_id FROM speech_jobs WHERE recording_id = \(bind: job.recordingID)
                    AND status = \(bind: SpeechJobStatus.running.rawValue) AND claimed_by = \(bind: worker)
                    AND attempts = \(bind: job.attempt)
                """).first() != nil
        }
    }

    /// Records a failed attempt: queued again after a pause (30 s × attempt) while attempts
    /// remain and the error may pass, else `failed` with the reason.
    public func finishSpeechJob(_ job: ClaimedSpeechJob, error: String, retryable: Bool) async throws {
        let now = clock()
        if retryable, job.attempt < job.maxAttempts {
            try await sql.raw("""
                UPDATE speech_jobs SET status = \(bind: SpeechJobStatus.queued.rawValue), last_error = \(bind: "attempt \(job.attempt) of \(job.maxAttempts): \(error)"),
                    not_before = \(bind: Timestamp.format(now.addingTimeInterval(30 * Double(job.attempt)))), lease_until = NULL
                WHERE recording_id = \(bind: job.recordingID)
                """).run()
        } else {
            let why = retryable ? "failed after \(job.attempt) of \(job.maxAttempts) attempts: \(error)" : error
            try await sql.raw("""
                UPDATE speech_jobs SET status = \(bind: SpeechJobStatus.failed.rawValue), last_error = \(bind: why),
                    finished_at = \(bind: Timestamp.format(now)), lease_until = NULL
                WHERE recording_id = \(bind: job.recordingID)
                """).run()
        }
    }

    /// Queues a recording's analysis again (a new phrase table, a failed job fixed by hand).
    /// Events already opened from it are not opened twice.
    public func requeueSpeechJob(recording id: String) async throws {
        try await sql.raw("""
            UPDATE speech_jobs SET status = \(bind: SpeechJobStatus.queued.rawValue), attempts = 0, last_error = NULL,
                not_before = \(bind: Timestamp.format(clock())), finished_at = NULL, lease_until = NULL
            WHERE recording_id = \(bind: id) AND status <> \(bind: SpeechJobStatus.running.rawValue)
            """).run()
    }

    public func speechJob(recording id: String) async throws -> SpeechJobState? {
        try await sql.raw("SELECT * FROM speech_jobs WHERE recording_id = \(bind: id)").first().map { r in
            SpeechJobState(recordingID: try r.decode(column: "recording_id", as: String.self),
                           status: SpeechJobStatus(rawValue: try r.decode(column: "status", as: String.self)) ?? .failed,
                           attempts: try r.decode(column: "attempts", as: Int.self),
                           maxAttempts: try r.decode(column: "max_attempts", as: Int.self),
                           lastError: try r.decode(column: "last_error", as: String?.self))
        }
    }
}
