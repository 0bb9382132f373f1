import Foundation

/// Reads a recording, finds the turns, has the engine hear each one, runs the detectors and
/// scores the call. The product's entry point: `try await analyzer.analyze(wavURL:)`.
public struct SpeechAnalyzer: Sendable {
    public struct Configuration: Sendable {
        /// Each turn is heard once per entry, slowed by that factor (1.3 = 30% slower and
        /// lower). The small Whisper model drops or garbles whole sentences of telephone speech;
        /// a second hearing well apart from the first recovers many of them. 1.3 was measured
        /// better than 1.1 and 1.2 on the tune split (docs/PERFORMANCE.md, "Speech analytics").
        /// TurnSegmenter.maxTurn keeps the slowest hearing inside Whisper's 30 s window.
        public var hearings: [Double] = [1.0, 1.3]
        /// Readings kept per hearing: the beam search's other finished hypotheses. The best one
        /// often turns a word the detectors need into a sound-alike ("I filed bankruptcy" heard
        /// as "I'll bend the seat") that a runner-up gets right; they come from the same beam,
        /// so they cost no time (docs/PERFORMANCE.md, "Speech analytics"). 1 = best only.
        public var alternatives = 5
        /// Speeds the second model of `live(...)` hears each turn at; empty = no second model.
        public var secondHearings: [Double] = [1.0]
        public var segmenter = TurnSegmenter()

        public init() {}
    }

    /// One model hearing every turn at its speeds. The first ear's best reading is the transcript.
    public struct Ear: Sendable {
        public var name: String
        public var engine: any TranscriptionEngine
        public var speeds: [Double]
        /// An optional ear whose engine cannot run here (its model is not installed) is left out
        /// of this analyzer's work, and `absentEars()` says so, instead of failing every call.
        public var optional: Bool

        public init(name: String, engine: any TranscriptionEngine, speeds: [Double], optional: Bool = false) {
            self.name = name; self.engine = engine; self.speeds = speeds; self.optional = optional
        }
    }

    public let ears: [Ear]
    public let detector: FindingDetector
    public let configuration: Configuration
    private let absent = AbsentEars()

    /// One engine, heard at `configuration.hearings`.
    public init(engine: any TranscriptionEngine, detector: FindingDetector, configuration: Configuration = .init()) {
        self.init(ears: [Ear(name: "main", engine: engine, speeds: configuration.hearings)], detector: detector,
                  configuration: configuration)
    }

    /// Several models; each ear's own `speeds` apply (`configuration.hearings` and
    /// `secondHearings` are what `live(...)` and `init(engine:)` build ears from).
    public init(ears: [Ear], detector: FindingDetector, configuration: Configuration = .init()) {
        precondition(!ears.isEmpty, "an analyzer needs an engine")
        self.ears = ears
        self.detector = detector
        self.configuration = configuration
    }

    /// Whisper workers + bundled phrase table: what `candor speech analyze`, `serve` and
    /// `speech work` use. `second` (default: Whisper base) hears each turn too, at
    /// `configuration.secondHearings`, before the main model (tiny.en by default): two models
    /// mishear different words, so what one garbles the other often gets right
    /// (docs/PERFORMANCE.md, "Speech analytics"). It is optional: when its model is not
    /// installed the main model works alone and `absentEars()` says why.
    public static func live(engine: WhisperWorkerEngine.Configuration = .init(),
                            second: WhisperWorkerEngine.Configuration? = .whisperBase,
                            configuration: Configuration = .init()) throws -> SpeechAnalyzer {
        var ears: [Ear] = []
        if let second, !configuration.secondHearings.isEmpty {
            ears.append(Ear(name: "whisper \(second.modelPath ?? "tiny.en")", engine: WhisperWorkerEngine(configuration: second),
                            speeds: configuration.secondHearings, optional: true))
        }
        ears.append(Ear(name: "whisper \(engine.modelPath ?? "tiny.en")", engine: WhisperWorkerEngine(configuration: engine),
                        speeds: configuration.hearings))
        return SpeechAnalyzer(ears: ears, detector: try .bundled(), configuration: configuration)
    }

    /// Starts every ear's engine now (a worker loads its model) rather than on the first turn.
    public func start() async throws {
        for (k, ear) in ears.enumerated() where await !absent.contains(k) {
            do { try await ear.engine.start() } catch let TranscriptionError.engineUnavailable(why) where ear.optional {
                await absent.add(k, "\(ear.name): \(why)")
            }
        }
    }

    /// Optional ears left out because their engine cannot run here, with the reason.
    public func absentEars() async -> [String] { await absent.reasons }

    /// Stops every ear's engine.
    public func shutdown() async {
        for ear in ears { await ear.engine.shutdown() }
    }

    /// Throws AudioError for a file that is not a readable WAV, TranscriptionError if the engine fails.
    public func analyze(wavURL: URL) async throws -> CallAnalysis {
        try await analyze(audio: try WAVReader.read(url: wavURL), call: wavURL.lastPathComponent)
    }

    public func analyze(audio: PCMAudio, call: String) async throws -> CallAnalysis {
        analyze(transcript: try await hear(audio: audio), call: call, duration: round2(audio.duration),
                channels: audio.channels.count)
    }

    /// Segments the recording into turns and has the engine hear each one once per configured
    /// speed: the detectors' input. Kept apart so a call can be re-scored after a phrase-table
    /// change without transcribing it again (`candor bench speech --heard`, `candor speech rescore`).
    public func hear(audio: PCMAudio) async throws -> [HeardTurn] {
        let speakers: [Speaker] = audio.channels.count == 2 ? [.agent, .consumer] : [.unknown]
        var turns: [(SpeechTurn, Speaker)] = []
        for (c, samples) in audio.channels.enumerated() {
            turns += configuration.segmenter.turns(in: samples, sampleRate: audio.sampleRate, channel: c)
                .map { ($0, speakers[min(c, speakers.count - 1)]) }
        }
        turns.sort { $0.0.start < $1.0.start }

        var heard: [HeardTurn] = []
        for (turn, speaker) in turns {
            let a = Int(turn.start * Double(audio.sampleRate)), b = min(audio.frameCount, Int(turn.end * Double(audio.sampleRate)))
            let slice = Array(audio.channels[turn.channel][a..<b])
            // Each ear's and speed's best reading first (the transcript shows the first one),
            // then the runners-up, each reading once.
            var best: [String] = [], others: [String] = []
            var resampled: [Double: [Float]] = [:]
            for (k, ear) in ears.enumerated() where await !absent.contains(k) {
                do {
                    for factor in ear.speeds {
                        let ratio = Double(ear.engine.sampleRate) * factor / Double(audio.sampleRate)
                        let samples = resampled[ratio] ?? Resampler.resample(slice, ratio: ratio)
                        resampled[ratio] = samples
                        let texts = try await ear.engine.transcribe(samples, alternatives: max(1, configuration.alternatives))
                        best.append(texts.first ?? "")
                        others += texts.dropFirst()
                    }
                } catch let TranscriptionError.engineUnavailable(why) where ear.optional {
                    await absent.add(k, "\(ear.name): \(why)")
                }
            }
            var hearings = best, seen = Set(best.map(TextNormalizer.tokens))
            for text in others where seen.insert(TextNormalizer.tokens(text)).inserted { hearings.append(text) }
            heard.append(HeardTurn(speaker: speaker, start: round2(turn.start), end: round2(turn.end), hearings: hearings))
        }
        return heard
    }

    /// Analyses calls that were already transcribed (tests, re-scoring after a phrase-table change).
    public func analyze(transcript heard: [HeardTurn], call: String, duration: Double, channels: Int) -> CallAnalysis {
        // The transcript shows the first hearing; a finding may quote another one.
        let transcript = heard.compactMap { h in
            h.hearings.first(where: { !$0.isEmpty }).map { TranscriptTurn(speaker: h.speaker, start: h.start, end: h.end, text: $0) }
        }
        let findings = detector.findings(in: heard)
        let collectorSpoke = heard.contains { $0.speaker != .consumer && $0.hearings.contains { !$0.isEmpty } }
        let missing = FindingDetector.missing(findings: findings, collectorSpoke: collectorSpoke)
        return CallAnalysis(call: call, durationSeconds: duration, channels: channels,
                            transcript: transcript, findings: findings, missing: missing,
                            scores: Scores(compliance: ComplianceScore.score(findings: findings, missing: missing)))
    }
}

private func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

/// Ears an analyzer stopped asking, and why.
private actor AbsentEars {
    private var absent: [Int: String] = [:]
    func contains(_ k: Int) -> Bool { absent[k] != nil }
    func add(_ k: Int, _ why: String) { if absent[k] == nil { absent[k] = why } }
    var reasons: [String] { absent.keys.sorted().compactMap { absent[$0] } }
}
