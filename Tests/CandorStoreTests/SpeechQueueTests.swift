import CandorCore
import CandorSpeech
import CandorStore
import Foundation
import SQLKit
import Synchronization
import Testing

@Suite("Speech analysis queue and the account events consumer findings open")
struct SpeechQueueTests {
    @Test("two workers claiming at once never take the same job (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: one writer)",
          arguments: TestDatabase.available)
    func claimsNeverOverlap(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            var ids: Set<String> = []
            for seed in 0..<24 { ids.insert(try await f.recordedCall(seed: 100 + seed).0.id) }
            let all = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in ["w1", "w2", "w3"] {
                    group.addTask {
                        var mine: [String] = []
                        while let job = try await f.store.claimSpeechJob(worker: worker) { mine.append(job.recordingID) }
                        return mine
                    }
                }
                var all: [String] = []
                for try await mine in group { all += mine }
                return all
            }
            #expect(all.count == ids.count, "each job claimed exactly once")
            #expect(Set(all) == ids)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM speech_jobs WHERE status = 'running' AND attempts = 1") == ids.count)
        }
    }

    @Test("two workers draining the queue at once analyse every recording exactly once: one analysis, one event, one pause each",
          arguments: TestDatabase.available)
    func workersNeverDoubleProcess(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let engine = TranscriptLevelEngineDouble()
            for seed in 0..<10 {
                let (_, wav) = try await f.recordedCall(seed: 200 + seed)
                try engine.script(wav, disclosures + [(.consumer, "Stop calling me.")])
            }
            let results = try await withThrowingTaskGroup(of: [SpeechWorkResult].self) { group in
                for name in ["w1", "w2"] { group.addTask { try await f.worker(engine, name: name).drain() } }
                var all: [SpeechWorkResult] = []
                for try await mine in group { all += mine }
                return all
            }
            #expect(results.count == 10 && results.allSatisfy { $0.status == "done" && $0.eventsOpened.count == 1 })
            #expect(Set(results.map(\.recording)).count == 10)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM call_analyses") == 10)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM account_events") == 10)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM account_flags") == 10)
        }
    }

    @Test("a cease request on a call about two of the consumer's debts pauses calls on both", arguments: TestDatabase.available)
    func everyAccountOfTheCall(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            _ = try await PlacementImporter(store: f.store, cipher: testCipher).importFile(path: try temporaryFile("""
                account_number,first_name,last_name,phone1,phone1_type,phone1_consent,state,postal_code,itemization_date_type,itemization_date,itemization_amount,current_balance
                MA-2,Ana,Ruiz,(617) 555-0142,mobile,Y,MA,02139,charge_off,2025-12-31,40.00,40.00

                """).path, clientCode: "ACME")
            let second = try #require(try await f.store.accounts(AccountQuery(limit: 10)).accounts.first { $0.id != f.account }).id
            // Both debts of one consumer (the importer makes one consumer per row).
            try await db.sql.raw("UPDATE accounts SET consumer_id = \(bind: f.consumer.rawValue) WHERE id = \(bind: second.rawValue)").run()
            let attempt = try await f.store.recordAttempt(ContactAttemptInput(
                consumerID: f.consumer, accountIDs: [f.account, second], at: f.clock.read().addingTimeInterval(-8 * 86_400),
                channel: .phone, outcome: .conversation, source: "agent", recordedBy: "cora"))
            let wav = try testWAV(seed: 300)
            let engine = TranscriptLevelEngineDouble()
            try engine.script(wav, disclosures + [(.consumer, "Please stop calling me.")])
            _ = try await f.store.storeRecording(file: wav, attemptID: attempt, accountID: f.account, by: "cora", vault: f.vault)
            #expect(try await f.worker(engine).runOnce()?.eventsOpened.count == 2)
            let now = f.clock.read()
            for account in [f.account, second] {
                let state = try #require(try await f.store.contactState(account: account, now: now))
                #expect(state.account.flags.contains(.cease), "\(account)")
            }
        }
    }

    @Test("a job whose worker died is claimed again after its lease; past the cap it fails saying why", arguments: TestDatabase.available)
    func leases(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let (recording, _) = try await f.recordedCall(seed: 5)
            for attempt in 1...3 {
                let job = try #require(try await f.store.claimSpeechJob(worker: "dies", lease: 60))
                #expect(job.attempt == attempt)
                #expect(try await f.store.claimSpeechJob(worker: "other", lease: 60) == nil, "held while the lease runs")
                f.clock.advance(61)
            }
            #expect(try await f.store.claimSpeechJob(worker: "other", lease: 60) == nil)
            let state = try #require(try await f.store.speechJob(recording: recording.id))
            #expect(state.status == .failed)
            #expect(state.lastError?.contains("lease expired") == true)
        }
    }

    @Test("a worker still at a long call keeps its job by renewing the lease; one that lost it is told so", arguments: TestDatabase.available)
    func leaseRenewal(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            _ = try await f.recordedCall(seed: 6)
            let job = try #require(try await f.store.claimSpeechJob(worker: "long", lease: 60))
            f.clock.advance(50)
            #expect(try await f.store.renewSpeechJobLease(job, worker: "long", lease: 60))
            f.clock.advance(20)  // past the first lease, inside the renewed one
            #expect(try await f.store.claimSpeechJob(worker: "other", lease: 60) == nil)
            f.clock.advance(50)  // the worker stopped renewing: the job is free again
            let again = try #require(try await f.store.claimSpeechJob(worker: "other", lease: 60))
            #expect(again.attempt == 2)
            #expect(try await !f.store.renewSpeechJobLease(job, worker: "long", lease: 60), "no longer this worker's")
            #expect(try await f.store.renewSpeechJobLease(again, worker: "other", lease: 60))
        }
    }

    @Test("the worker renews its lease while the analyzer runs longer than the lease", arguments: TestDatabase.available)
    func workerRenewsWhileAnalysing(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let (recording, _) = try await f.recordedCall(seed: 7)
            let slow = SlowAnalyzer(fixture: f, recording: recording.id, lease: 3)
            let worker = SpeechWorker(store: f.store, vault: f.vault, cipher: testCipher, analyzer: slow, name: "slow", lease: 3)
            let result = try #require(try await worker.runOnce())
            #expect(result.status == "done", "\(result)")
            #expect(slow.otherClaimed.withLock { $0 } == false, "nobody took the job while it was analysed")
            #expect(slow.renewals.withLock { $0 } >= 4)
        }
    }

    @Test("an engine failure is retried up to the cap, then the job fails with the engine's reason; a file that is not a WAV fails at once",
          arguments: TestDatabase.available)
    func retries(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let engine = TranscriptLevelEngineDouble()
            let (recording, _) = try await f.recordedCall(seed: 6)
            engine.failNext([TranscriptionError.timeout(seconds: 60), TranscriptionError.workerCrashed(attempts: 2),
                             TranscriptionError.timeout(seconds: 60)])
            let worker = f.worker(engine)
            #expect(try await worker.runOnce()?.status == "retry")
            #expect(try await worker.runOnce() == nil, "not before its back-off")
            f.clock.advance(31)
            #expect(try await worker.runOnce()?.status == "retry")
            f.clock.advance(61)
            let last = try #require(try await worker.runOnce())
            #expect(last.status == "failed")
            let state = try #require(try await f.store.speechJob(recording: recording.id))
            #expect(state.status == .failed && state.attempts == 3)
            #expect(state.lastError == "failed after 3 of 3 attempts: transcription timed out after 60.0 s")

            // Not a WAV: no retry can help.
            let attempt = try await f.store.recordAttempt(ContactAttemptInput(
                consumerID: f.consumer, accountIDs: [f.account], at: f.clock.read(), channel: .phone, outcome: .conversation, source: "agent"))
            let text = try temporaryFile("not audio", name: "x.wav")
            let bad = try await f.store.storeRecording(file: text, attemptID: attempt, accountID: f.account, by: "cora", vault: f.vault)
            let result = try #require(try await worker.runOnce())
            #expect(result.status == "failed" && result.attempt == 1)
            #expect(try await f.store.speechJob(recording: bad.id)?.lastError == "the recording is not analysable: not a WAV file (no RIFF/WAVE header)")
        }
    }

    /// Each consumer finding, what the engine says about a call right after it is heard, and
    /// what it says after a compliance user confirms it.
    struct Case: Sendable, CustomTestStringConvertible {
        let words: String
        let kind: AccountEventKind
        let whilePending: [String]
        let afterConfirm: [String]
        let flagAfterConfirm: AccountFlag?
        var testDescription: String { kind.rawValue }
    }

    static let cases: [Case] = [
        Case(words: "Please stop calling me.", kind: .ceaseRequest,
             whilePending: ["CEASE_COMMUNICATION"], afterConfirm: ["CEASE_COMMUNICATION"], flagAfterConfirm: .cease),
        Case(words: "Talk to my lawyer, I have an attorney.", kind: .attorney,
             whilePending: ["ATTORNEY_REPRESENTED"], afterConfirm: ["ATTORNEY_REPRESENTED"], flagAfterConfirm: .attorney),
        Case(words: "I filed for bankruptcy last month.", kind: .bankruptcy,
             whilePending: ["CEASE_COMMUNICATION"], afterConfirm: ["BANKRUPTCY_STAY"], flagAfterConfirm: .bankruptcy),
        Case(words: "This is not my debt. I do not owe this.", kind: .dispute,
             whilePending: ["DISPUTE_PENDING"], afterConfirm: ["DISPUTE_PENDING"], flagAfterConfirm: .disputePending),
        Case(words: "I lost my job and I can not afford it.", kind: .hardship,
             whilePending: [], afterConfirm: [], flagAfterConfirm: nil),
        // 10:30 on a Tuesday in Boston: inside the working day the consumer asked us to avoid.
        Case(words: "Please do not call me at work.", kind: .inconvenientTime,
             whilePending: ["CONSUMER_INCONVENIENT_TIME"], afterConfirm: ["CONSUMER_INCONVENIENT_TIME"], flagAfterConfirm: nil),
        // A time the words do not say: calls pause, and confirming does not resume them
        // before someone records the window.
        Case(words: "This is a bad time for me.", kind: .inconvenientTime,
             whilePending: ["CEASE_COMMUNICATION"], afterConfirm: ["CEASE_COMMUNICATION"], flagAfterConfirm: nil),
    ]

    static var matrix: [(TestDatabase, Case)] { TestDatabase.available.flatMap { db in cases.map { (db, $0) } } }

    @Test("a consumer finding opens its account event pending review, the engine refuses the call at once where it must, and the review decides",
          arguments: matrix)
    func consumerFinding(_ kind: TestDatabase, _ c: Case) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let engine = TranscriptLevelEngineDouble()
            #expect(try await f.callReasons() == [], "callable before the call is analysed")
            let (recording, wav) = try await f.recordedCall(seed: 20)
            try engine.script(wav, disclosures + [(.consumer, c.words)])
            let result = try #require(try await f.worker(engine).runOnce())
            #expect(result.status == "done" && result.eventsOpened.count == 1)
            let events = try await f.store.accountEvents(status: .pending, withinClients: nil, cipher: testCipher)
            let event = try #require(events.first)
            #expect(events.count == 1 && event.kind == c.kind.rawValue && event.recordingID == recording.id)
            #expect(event.excerpt?.isEmpty == false && event.transcript.contains { $0.text == c.words })
            #expect(try await f.callReasons() == c.whilePending)
            if !c.whilePending.isEmpty {
                let setBy = try await f.count("SELECT COUNT(*) AS n FROM account_flags WHERE set_by = 'speech-analytics' AND cleared_at IS NULL")
                    + f.count("SELECT COUNT(*) AS n FROM consumer_inconvenient_times WHERE source = 'speech-analytics'")
                #expect(setBy == 1, "written by speech-analytics")
            }

            let confirmed = try await f.store.reviewAccountEvent(id: event.id, decision: .confirm, note: "heard it", by: "carla")
            #expect(confirmed.status == .confirmed && confirmed.reviewedBy == "carla")
            #expect(try await f.callReasons() == c.afterConfirm)
            if let flag = c.flagAfterConfirm {
                let setBy = try await db.sql.raw("""
                    SELECT set_by FROM account_flags WHERE flag = \(bind: flag.rawValue) AND cleared_at IS NULL
                    """).all().map { try $0.decode(column: "set_by", as: String.self) }
                #expect(setBy == ["carla"], "the standing flag is the reviewer's")
            }
            await #expect(throws: AccountEventError.alreadyReviewed(event.id, .confirmed)) {
                _ = try await f.store.reviewAccountEvent(id: event.id, decision: .dismiss, note: nil, by: "carla")
            }
            let audit = try await f.store.auditEntries(subject: "account:\(f.account.rawValue)").map { "\($0.actor) \($0.action)" }
            #expect(audit.contains("speech-analytics account_event.open") && audit.contains("carla account_event.confirm"))
        }
    }

    @Test("dismissing an event undoes what it did at once: the pause is lifted and the call allowed again", arguments: TestDatabase.available)
    func dismissLiftsPause(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let engine = TranscriptLevelEngineDouble()
            let (_, wav) = try await f.recordedCall(seed: 21)
            try engine.script(wav, disclosures + [(.consumer, "Stop calling me."), (.consumer, "Do not call me at work.")])
            _ = try await f.worker(engine).drain()
            #expect(try await f.callReasons() == ["CEASE_COMMUNICATION", "CONSUMER_INCONVENIENT_TIME"])
            for event in try await f.store.accountEvents(status: .pending, withinClients: nil) {
                _ = try await f.store.reviewAccountEvent(id: event.id, decision: .dismiss, note: "a joke", by: "carla")
            }
            #expect(try await f.callReasons() == [])
            #expect(try await f.count("SELECT COUNT(*) AS n FROM consumer_inconvenient_times") == 0)
            #expect(try await f.store.accountEvents(status: .dismissed, withinClients: nil).count == 2)
        }
    }

    @Test("analysing the same recording again opens no second event and writes no second pause", arguments: TestDatabase.available)
    func idempotent(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let engine = TranscriptLevelEngineDouble()
            let (recording, wav) = try await f.recordedCall(seed: 22)
            try engine.script(wav, disclosures + [(.consumer, "Stop calling me. Leave me alone, do not call me again.")])
            let worker = f.worker(engine)
            #expect(try await worker.runOnce()?.eventsOpened.count == 1)
            try await f.store.requeueSpeechJob(recording: recording.id)
            let again = try #require(try await worker.runOnce())
            #expect(again.status == "done" && again.eventsOpened.isEmpty)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM account_events") == 1)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM account_flags") == 1)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM call_analyses") == 1)
            let analysis = try #require(try await f.store.callAnalysis(recording: recording.id, cipher: testCipher))
            #expect(analysis.findings.contains { $0.code == .consumerCeaseRequest })
            // The stored analysis is encrypted: the consumer's words are not in the clear.
            let raw = try await db.sql.raw("SELECT analysis_encrypted FROM call_analyses").first()!.decode(column: "analysis_encrypted", as: String.self)
            #expect(raw.hasPrefix("v1:") && !raw.contains("calling"))
        }
    }

    @Test("per-collector quality: mean score, prohibited findings, missing disclosures, calls to coach and to praise", arguments: TestDatabase.available)
    func quality(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let f = try await SpeechFixture.make(db)
            let sam = try await f.store.addUser(username: "sam", displayName: "Sam Smooth", passwordHash: "x", role: .collector, clientCodes: ["ACME"])
            let engine = TranscriptLevelEngineDouble()
            let (bad, badWav) = try await f.recordedCall(seed: 30, agent: "cora")
            try engine.script(badWav, [(.agent, "This call is recorded."), (.agent, "Pay today or we will have you arrested.")])
            let (good, goodWav) = try await f.recordedCall(seed: 31, agent: "agent:\(sam.id)")
            try engine.script(goodWav, disclosures + [(.consumer, "I can pay fifty dollars on Friday.")])
            _ = try await f.worker(engine).drain()
            let q = try await f.store.collectorQuality(withinClients: ["ACME"])
            #expect(q.map(\.username) == ["cora", "sam"])
            let cora = q[0], samQ = q[1]
            // THREAT_ARREST 40 + mini-Miranda missing 25 (docs/SPEECH.md).
            #expect(cora.calls == 1 && cora.meanCompliance == 35 && cora.prohibitedFindings == 1 && cora.missingDisclosures == 1)
            #expect(cora.coach.map(\.recordingID) == [bad.id] && cora.coach[0].prohibited == ["THREAT_ARREST"]
                    && cora.coach[0].missing == ["DISCLOSURE_MINI_MIRANDA"] && cora.praise.isEmpty)
            #expect(samQ.meanCompliance == 100 && samQ.praise.map(\.recordingID) == [good.id] && samQ.coach.isEmpty)
            #expect(try await f.store.collectorQuality(withinClients: ["OTHER"]).isEmpty, "another client's supervisor sees none of it")
        }
    }
}

/// An analyzer that takes longer than the worker's lease, on the test's clock: four times it
/// moves the clock 2 s on (timestamps are whole seconds) and waits (real time, up to 10 s) for
/// the worker to renew the lease; then another worker tries to claim the job.
final class SlowAnalyzer: RecordingAnalyzer, Sendable {
    let fixture: SpeechFixture, recording: String, lease: TimeInterval
    let renewals = Mutex(0), otherClaimed = Mutex(false)
    init(fixture: SpeechFixture, recording: String, lease: TimeInterval) {
        self.fixture = fixture; self.recording = recording; self.lease = lease
    }

    func leaseUntil() async throws -> String? {
        try await fixture.store.database.sql.raw("SELECT lease_until FROM speech_jobs WHERE recording_id = \(bind: recording)")
            .first()?.decode(column: "lease_until", as: String?.self)
    }

    func analyze(wavURL: URL) async throws -> CallAnalysis {
        for _ in 0..<4 {
            let before = try await leaseUntil()
            fixture.clock.advance(2)
            let deadline = ContinuousClock.now + .seconds(10)
            while try await leaseUntil() == before, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            if try await leaseUntil() != before { renewals.withLock { $0 += 1 } }
        }
        let other = try await fixture.store.claimSpeechJob(worker: "other", lease: lease)
        otherClaimed.withLock { $0 = other != nil }
        let audio = try WAVReader.read(url: wavURL)
        return SpeechAnalyzer(engine: TranscriptLevelEngineDouble.NoEngine(), detector: try .bundled())
            .analyze(transcript: [], call: wavURL.lastPathComponent, duration: audio.duration, channels: audio.channels.count)
    }
}
