import ArgumentParser
import CandorSpeech
import Foundation

/// `candor bench speech CALL.wav ...`: end-to-end real-time factor (processing seconds /
/// audio seconds) per call and in total, on this machine. Worker start-up (model load) is
/// reported apart: a server pays it once, not per call.
struct BenchSpeechCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speech",
        abstract: "Real-time factor of speech analysis per call and in total.")

    @Argument(help: "WAV recordings.")
    var calls: [String]

    @Option(help: "Also write each call's analysis (JSON Lines) to this file, for scripts/speech/evaluate.py.")
    var analyses: String?

    @Option(help: "Also write what was heard per call (every hearing of every turn, JSON Lines), for `candor speech rescore`.")
    var heard: String?

    @OptionGroup var engine: SpeechEngineOptions

    func run() async throws {
        let analyzer = try engine.analyzer()
        let clock = ContinuousClock()
        let startup = try await clock.measure { try await analyzer.start() }
        print(String(format: "worker start-up: %.2f s", seconds(startup)))
        let absent = await analyzer.absentEars()
        for ear in analyzer.ears {
            let why = absent.first { $0.hasPrefix(ear.name + ":") }
            print("ear: \(ear.name) at speeds \(ear.speeds.map { String($0) }.joined(separator: ","))\(why.map { " (left out: \($0))" } ?? "")")
        }
        var out = "", heardOut = ""
        var audio = 0.0, busy = 0.0
        print("call\taudio_s\tprocessing_s\trtf")
        for path in calls {
            var analysis: CallAnalysis?
            var turns: [HeardTurn] = []
            let url = URL(fileURLWithPath: path)
            let t = try await clock.measure {
                let audio = try WAVReader.read(url: url)
                turns = try await analyzer.hear(audio: audio)
                analysis = analyzer.analyze(transcript: turns, call: url.lastPathComponent,
                                            duration: (audio.duration * 100).rounded() / 100, channels: audio.channels.count)
            }
            guard let analysis else { continue }
            out += analysis.jsonLine() + "\n"
            heardOut += HeardCall(call: analysis.call, durationSeconds: analysis.durationSeconds,
                                  channels: analysis.channels, turns: turns).jsonLine() + "\n"
            audio += analysis.durationSeconds
            busy += seconds(t)
            print(String(format: "%@\t%.2f\t%.2f\t%.3f", analysis.call, analysis.durationSeconds, seconds(t),
                         seconds(t) / max(analysis.durationSeconds, 0.001)))
        }
        print(String(format: "TOTAL\t%.2f\t%.2f\t%.3f\t(%d calls, restarts %d)", audio, busy, busy / max(audio, 0.001),
                     calls.count, await restarts(analyzer)))
        await analyzer.shutdown()
        if let analyses { try out.write(toFile: analyses, atomically: true, encoding: .utf8) }
        if let heard { try heardOut.write(toFile: heard, atomically: true, encoding: .utf8) }
    }

    private func restarts(_ analyzer: SpeechAnalyzer) async -> Int {
        var n = 0
        for ear in analyzer.ears { if let w = ear.engine as? WhisperWorkerEngine { n += await w.restarts } }
        return n
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
