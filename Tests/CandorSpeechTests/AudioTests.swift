import Foundation
import Testing
@testable import CandorSpeech

@Suite struct AudioTests {
    func tone(_ seconds: Double, rate: Int, freq: Double = 440, amp: Float = 0.3) -> [Float] {
        (0..<Int(seconds * Double(rate))).map { amp * Float(sin(2 * .pi * freq * Double($0) / Double(rate))) }
    }
    func silence(_ seconds: Double, rate: Int) -> [Float] { [Float](repeating: 0, count: Int(seconds * Double(rate))) }

    @Test(arguments: [(8000, 1), (8000, 2), (16000, 1), (16000, 2)])
    func roundTripsPCM16(rate: Int, channels: Int) throws {
        let ch = (0..<channels).map { c in tone(0.1, rate: rate, freq: 300 + 100 * Double(c)) }
        let audio = PCMAudio(sampleRate: rate, channels: ch)
        let back = try WAVReader.parse(WAVReader.encode(audio))
        #expect(back.sampleRate == rate && back.channels.count == channels && back.frameCount == audio.frameCount)
        #expect(zip(back.channels[channels - 1], ch[channels - 1]).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test func rejectsWhatIsNotAReadableWAV() throws {
        #expect(throws: AudioError.notWAV) { try WAVReader.parse(Data("hello, not audio".utf8)) }
        var wav = WAVReader.encode(PCMAudio(sampleRate: 44100, channels: [[0, 0]]))
        #expect(throws: AudioError.unsupportedFormat("44100 Hz")) { try WAVReader.parse(wav) }
        wav = WAVReader.encode(PCMAudio(sampleRate: 8000, channels: [[0, 0]]))
        wav[34] = 8  // 8-bit samples
        #expect(throws: AudioError.unsupportedFormat("8-bit samples")) { try WAVReader.parse(wav) }
        #expect(throws: AudioError.self) { try WAVReader.read(url: URL(fileURLWithPath: "/nonexistent/call.wav")) }
        #expect(throws: AudioError.missingChunk("data")) { try WAVReader.parse(Data(wav.prefix(36))) }
    }

    @Test func resamplesKeepingLengthAndTone() {
        let x = tone(1, rate: 8000, freq: 500)
        let y = Resampler.resample(x, from: 8000, to: 16000)
        #expect(y.count == 16000)
        // Compare with the ideal 16 kHz tone away from the edges.
        let ideal = tone(1, rate: 16000, freq: 500)
        let err = (1000..<15000).map { abs(y[$0] - ideal[$0]) }.max()!
        #expect(err < 0.01)
    }

    @Test func findsTurnsByEnergy() {
        let rate = 8000
        let x = silence(0.5, rate: rate) + tone(1.0, rate: rate) + silence(0.3, rate: rate) + tone(0.5, rate: rate)
            + silence(2.0, rate: rate) + tone(0.8, rate: rate) + silence(0.5, rate: rate) + tone(0.05, rate: rate)
        let turns = TurnSegmenter().turns(in: x, sampleRate: rate, channel: 0)
        // A 0.3 s pause stays inside a turn, 2 s splits, a 50 ms click is not speech.
        #expect(turns.count == 2)
        #expect(abs(turns[0].start - 0.35) < 0.05 && abs(turns[0].end - 2.45) < 0.05)
        #expect(abs(turns[1].start - 4.15) < 0.05)
    }

    @Test func cutsTurnsLongerThanWhispersWindow() {
        // 60 s of talk with 0.1 s breaths every 2 s (too short to end a turn), silence around it.
        var x = silence(8, rate: 8000)
        for _ in 0..<30 { x += tone(1.9, rate: 8000) + silence(0.1, rate: 8000) }
        x += silence(8, rate: 8000)
        let turns = TurnSegmenter().turns(in: x, sampleRate: 8000, channel: 1)
        #expect(turns.count >= 3 && turns.allSatisfy { $0.duration <= TurnSegmenter().maxTurn + 0.5 && $0.channel == 1 })
    }
}

/// A test double: answers each turn with the next scripted text.
actor ScriptedEngine: TranscriptionEngine {
    nonisolated let sampleRate = 16000
    private var texts: [String]
    private(set) var lengths: [Int] = []
    init(_ texts: [String]) { self.texts = texts }
    func transcribe(_ samples: [Float]) async throws -> String {
        lengths.append(samples.count)
        return texts.isEmpty ? "" : texts.removeFirst()
    }
    func shutdown() async {}
}

/// A test double with a beam: answers each turn with the next scripted list of readings.
actor AlternativesEngine: TranscriptionEngine {
    nonisolated let sampleRate = 16000
    private var lists: [[String]]
    private(set) var asked: [Int] = []
    init(_ lists: [[String]]) { self.lists = lists }
    func transcribe(_ samples: [Float]) async throws -> String { try await transcribe(samples, alternatives: 1).first ?? "" }
    func transcribe(_ samples: [Float], alternatives count: Int) async throws -> [String] {
        asked.append(count)
        return lists.isEmpty ? [] : Array(lists.removeFirst().prefix(count))
    }
    func shutdown() async {}
}

/// A model that is not installed here.
struct UnavailableEngine: TranscriptionEngine {
    let sampleRate = 16000
    func transcribe(_ samples: [Float]) async throws -> String { throw TranscriptionError.engineUnavailable("not installed here") }
    func shutdown() async {}
}

@Suite struct AnalyzerTests {
    func call() -> PCMAudio {
        let rate = 8000
        func tone(_ s: Double) -> [Float] { (0..<Int(s * 8000)).map { 0.3 * Float(sin(Double($0) * 0.3)) } }
        func sil(_ s: Double) -> [Float] { [Float](repeating: 0, count: Int(s * Double(rate))) }
        // agent speaks 0.5-2.5 s, consumer 3-4 s, agent 4.5-6 s.
        let left = sil(0.5) + tone(2) + sil(2) + tone(1.5) + sil(0.5)
        let right = sil(3) + tone(1) + sil(2.5)
        return PCMAudio(sampleRate: rate, channels: [left, right])
    }

    @Test func stereoLeftIsCollectorRightIsConsumer() async throws {
        var config = SpeechAnalyzer.Configuration()
        config.hearings = [1.0]
        let engine = ScriptedEngine(["This call is recorded. This is an attempt to collect a debt.",
                                     "I lost my job, stop calling me.", "We will have you arrested."])
        let analyzer = SpeechAnalyzer(engine: engine, detector: try .bundled(), configuration: config)
        let a = try await analyzer.analyze(audio: call(), call: "c.wav")
        #expect(a.transcript.map(\.speaker) == [.agent, .consumer, .agent])
        #expect(a.channels == 2 && a.durationSeconds == 6.5)
        #expect(Set(a.findings.map(\.code)) == [.disclosureRecording, .disclosureMiniMiranda, .consumerHardship,
                                                 .consumerCeaseRequest, .threatArrest])
        #expect(a.missing.isEmpty && a.scores.compliance == 60)
        #expect(Set(a.accountEvents.map(\.kind)) == [.hardship, .ceaseRequest])
        // 8 kHz turns reach the engine at 16 kHz.
        let first = await engine.lengths.first ?? 0
        #expect(abs(first - Int(2.3 * 16000)) < 1600)
    }

    @Test func monoIsUnknownSpeakerAndMissingIsReported() async throws {
        var config = SpeechAnalyzer.Configuration()
        config.hearings = [1.0, 1.1]
        let mono = PCMAudio(sampleRate: 16000, channels: [Resampler.resample(call().channels[0], from: 8000, to: 16000)])
        let analyzer = SpeechAnalyzer(engine: ScriptedEngine(["Hello there.", "Hello there.", "Pay now.", "Pay now."]),
                                      detector: try .bundled(), configuration: config)
        let a = try await analyzer.analyze(audio: mono, call: "m.wav")
        #expect(a.channels == 1 && a.transcript.allSatisfy { $0.speaker == .unknown })
        #expect(a.missing == [.disclosureMiniMiranda, .disclosureRecording] && a.scores.compliance == 60)
    }

    @Test("each model's best reading comes first, the first model's is the transcript, runners-up follow once")
    func earsAndAlternatives() async throws {
        var config = SpeechAnalyzer.Configuration()
        config.alternatives = 3
        let second = AlternativesEngine([["This call is recorded.", "This call is recorded", "This cold is recorded."],
                                         ["Stop calling me.", "Stop calling, man."], ["Okay.", "Okay"]])
        let main = AlternativesEngine([["This call is record it.", "This call is recorded."], ["Stop calling.", "Stop calling me."],
                                       ["Okay."]])
        let analyzer = SpeechAnalyzer(ears: [.init(name: "second", engine: second, speeds: [1.0], optional: true),
                                             .init(name: "main", engine: main, speeds: [1.0])],
                                      detector: try .bundled(), configuration: config)
        let heard = try await analyzer.hear(audio: call())
        #expect(heard.map(\.hearings) == [
            ["This call is recorded.", "This call is record it.", "This cold is recorded."],
            ["Stop calling me.", "Stop calling.", "Stop calling, man."],
            ["Okay.", "Okay."],
        ])
        #expect(await main.asked == [3, 3, 3] && second.sampleRate == 16000)
        let a = analyzer.analyze(transcript: heard, call: "c.wav", duration: 6.5, channels: 2)
        #expect(a.transcript.map(\.text) == ["This call is recorded.", "Stop calling me.", "Okay."])
    }

    @Test("a second model that is not installed is left out, named, and the call is still heard")
    func missingSecondModel() async throws {
        var config = SpeechAnalyzer.Configuration()
        config.hearings = [1.0]
        let analyzer = SpeechAnalyzer(ears: [.init(name: "whisper base", engine: UnavailableEngine(), speeds: [1.0], optional: true),
                                             .init(name: "main", engine: ScriptedEngine(["This call is recorded.", "Hi.", "Bye."]), speeds: [1.0])],
                                      detector: try .bundled(), configuration: config)
        let a = try await analyzer.analyze(audio: call(), call: "c.wav")
        #expect(a.transcript.map(\.text) == ["This call is recorded.", "Hi.", "Bye."])
        #expect(await analyzer.absentEars() == ["whisper base: not installed here"])
        // A main model that cannot run is an error, not a silent empty analysis.
        let alone = SpeechAnalyzer(engine: UnavailableEngine(), detector: try .bundled(), configuration: config)
        await #expect(throws: TranscriptionError.self) { try await alone.analyze(audio: call(), call: "c.wav") }
    }

    @Test func badFileIsAClearError() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("candor-bad-\(UUID()).wav")
        try Data("RIFF....WAVEjunk".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let analyzer = SpeechAnalyzer(engine: ScriptedEngine([]), detector: try .bundled())
        await #expect(throws: AudioError.missingChunk("fmt")) { try await analyzer.analyze(wavURL: url) }
    }
}
