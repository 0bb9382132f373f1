import Foundation

/// Band-limited resampling with a Lanczos-windowed sinc. Whisper expects 16 kHz; telephone
/// recordings are 8 kHz. Linear interpolation leaves images of the speech band above 4 kHz,
/// which the model hears as hiss, so we pay a few more multiplications per sample.
public enum Resampler {
    /// Lobes of the Lanczos window each side: 8 keeps images below -40 dB at this cost.
    static let lobes = 8

    public static func resample(_ x: [Float], from inRate: Int, to outRate: Int) -> [Float] {
        resample(x, ratio: Double(outRate) / Double(inRate))
    }

    /// `ratio` = output samples per input sample. Playing the result at the input's nominal
    /// rate times `ratio` keeps tempo; playing it at a lower rate slows it down (see SpeechAnalyzer's views).
    public static func resample(_ x: [Float], ratio: Double) -> [Float] {
        guard !x.isEmpty, ratio > 0 else { return [] }
        if ratio == 1 { return x }
        let outCount = Int((Double(x.count) * ratio).rounded(.down))
        // When shrinking, lower the cutoff so nothing above the new Nyquist folds back.
        let cutoff = min(1.0, ratio)
        let a = Double(lobes)
        let support = Int((a / cutoff).rounded(.up))
        var out = [Float](repeating: 0, count: outCount)
        x.withUnsafeBufferPointer { src in
            for i in 0..<outCount {
                let t = Double(i) / ratio
                let center = Int(t.rounded(.down))
                var acc = 0.0, norm = 0.0
                for k in max(0, center - support + 1)...min(src.count - 1, center + support) {
                    let d = (t - Double(k)) * cutoff
                    let w = lanczos(d, a)
                    acc += w * Double(src[k]); norm += w
                }
                out[i] = norm != 0 ? Float(acc / norm) : 0
            }
        }
        return out
    }

    private static func lanczos(_ d: Double, _ a: Double) -> Double {
        if d == 0 { return 1 }
        if abs(d) >= a { return 0 }
        let p = Double.pi * d
        return a * sin(p) * sin(p / a) / (p * p)
    }
}
