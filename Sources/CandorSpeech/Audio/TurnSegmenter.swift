import Foundation

/// A stretch of speech on one channel, in seconds from the start of the recording.
public struct SpeechTurn: Sendable, Equatable {
    public var channel: Int
    public var start: Double
    public var end: Double
    public var duration: Double { end - start }
}

/// Finds speech turns per channel by short-time energy. Whisper is fed turn by turn because on
/// long silences it drops speech or invents text ("thank you for watching").
public struct TurnSegmenter: Sendable {
    /// 20 ms frames: short enough to find word gaps, long enough for a stable energy estimate.
    public var frameSeconds = 0.02
    /// Never call anything quieter than this speech (digital silence, line hum).
    public var absoluteFloorDB: Float = -50
    /// Speech must stand this far above the channel's noise floor (10th percentile frame).
    public var marginOverNoiseDB: Float = 12
    /// Pauses shorter than this stay inside one turn (sentence gaps, breaths).
    public var maxPause = 0.8
    /// Runs shorter than this are clicks, not speech.
    public var minSpeech = 0.15
    /// Context kept around each turn so word onsets are not clipped.
    public var padding = 0.15
    /// Whisper's window is 30 s and the slowest hearing stretches a turn by 1.3, so longer
    /// turns are cut at their quietest frame (23 s x 1.3 < 30 s).
    public var maxTurn = 23.0

    public init() {}

    public func turns(in samples: [Float], sampleRate: Int, channel: Int) -> [SpeechTurn] {
        let frame = max(1, Int(Double(sampleRate) * frameSeconds))
        let n = samples.count / frame
        guard n > 0 else { return [] }
        var db = [Float](repeating: -120, count: n)
        for i in 0..<n {
            var s: Float = 0
            for j in i * frame..<(i + 1) * frame { s += samples[j] * samples[j] }
            db[i] = 10 * log10(max(s / Float(frame), 1e-12))
        }
        let noise = db.sorted()[n / 10]
        let threshold = max(absoluteFloorDB, noise + marginOverNoiseDB)
        // Runs of speech frames, merged across short pauses.
        var runs: [(Int, Int)] = []
        var i = 0
        while i < n {
            guard db[i] > threshold else { i += 1; continue }
            var j = i
            while j < n, db[j] > threshold { j += 1 }
            if let last = runs.last, Double(i - last.1) * frameSeconds < maxPause {
                runs[runs.count - 1].1 = j
            } else {
                runs.append((i, j))
            }
            i = j
        }
        let minFrames = Int(minSpeech / frameSeconds)
        let maxFrames = Int(maxTurn / frameSeconds)
        var pieces: [(Int, Int)] = []
        for run in runs where run.1 - run.0 >= minFrames {
            pieces += split(run, db: db, maxFrames: maxFrames)
        }
        let total = Double(samples.count) / Double(sampleRate)
        return pieces.map { p in
            SpeechTurn(channel: channel,
                       start: max(0, Double(p.0) * frameSeconds - padding),
                       end: min(total, Double(p.1) * frameSeconds + padding))
        }
    }

    /// Cuts an over-long run at its quietest frame in the middle half, recursively.
    private func split(_ run: (Int, Int), db: [Float], maxFrames: Int) -> [(Int, Int)] {
        guard run.1 - run.0 > maxFrames else { return [run] }
        let len = run.1 - run.0
        let lo = run.0 + len / 4, hi = run.1 - len / 4
        var cut = lo
        for k in lo..<hi where db[k] < db[cut] { cut = k }
        return split((run.0, cut), db: db, maxFrames: maxFrames) + split((cut, run.1), db: db, maxFrames: maxFrames)
    }
}
