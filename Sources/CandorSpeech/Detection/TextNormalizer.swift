import Foundation

/// Lower-cases recognised text and splits it into words, undoing the spellings that make one
/// phrase look like several: contractions ("don't" = "do not"), "$50" = "50 dollars".
/// Phrase patterns are written against this normal form.
public enum TextNormalizer {
    public static func tokens(_ text: String) -> [String] {
        var s = text.lowercased()
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: ",", with: "")  // "1,200" and "well, no" alike
        // "$50" / "$49.99" -> "50 dollars"
        s = s.replacingOccurrences(of: #"\$\s?([0-9]+(?:\.[0-9]+)?)"#, with: "$1 dollars", options: .regularExpression)
        var words: [String] = []
        var current = ""
        for ch in s {
            if ch.isLetter || ch.isNumber || ch == "'" || (ch == "." && current.first?.isNumber == true) {
                current.append(ch)
            } else if !current.isEmpty {
                words.append(current); current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.flatMap(expand).filter { !$0.isEmpty }
    }

    static let whole: [String: [String]] = [
        "can't": ["can", "not"], "cannot": ["can", "not"], "won't": ["will", "not"],
        "ain't": ["am", "not"], "gonna": ["going", "to"], "wanna": ["want", "to"],
        "gotta": ["got", "to"], "it's": ["it", "is"], "that's": ["that", "is"],
        "he's": ["he", "is"], "she's": ["she", "is"], "what's": ["what", "is"],
        "there's": ["there", "is"], "let's": ["let", "us"], "okay": ["ok"],
    ]

    static func expand(_ w: String) -> [String] {
        let w = w.trimmingCharacters(in: CharacterSet(charactersIn: "'."))
        if let e = whole[w] { return e }
        for (suffix, word) in [("n't", "not"), ("'ll", "will"), ("'re", "are"), ("'ve", "have"), ("'m", "am"), ("'d", "would")]
        where w.hasSuffix(suffix) {
            return [String(w.dropLast(suffix.count)), word]
        }
        if w.hasSuffix("'s") { return [String(w.dropLast(2))] }  // possessive: "lawyer's" ~ "lawyer"
        return [w.replacingOccurrences(of: "'", with: "")]
    }
}
