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
        public var segmenter = TurnSegmenter()

        public init() {}
    }

    public let engine: any TranscriptionEngine
    public let detector: FindingDetector
    public let configuration: Configuration

    public init(engine: any TranscriptionEngine, detector: FindingDetector, configuration: Configuration = .init()) {
        self.engine = engine
        self.detector = detector
        self.configuration = configuration
    }

    /// Whisper worker + bundled phrase table: what `candor speech analyze` uses.
    public static func live(engine: WhisperWorkerEngine.Configuration = .init(),
                            configuration: Configuration = .init()) throws -> SpeechAnalyzer {
        SpeechAnalyzer(engine: WhisperWorkerEngine(configuration: engine), detector: try .bundled(),
                       configuration: configuration)
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
            var hearings: [String] = []
            for factor in configuration.hearings {
                let ratio = Double(engine.sampleRate) * factor / Double(audio.sampleRate)
                let text = try await engine.transcribe(Resampler.resample(slice, ratio: ratio))
                hearings.append(text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
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
