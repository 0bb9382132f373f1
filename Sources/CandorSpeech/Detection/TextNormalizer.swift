import Foundation

/// Lower-cases recognised text and splits it into words, undoing the spellings that make one
/// phrase look like several: contractions ("don't" = "do not"), "$50" = "50 dollars".
/// Phrase patterns are written against this normal form.
public enum TextNormalizer {
    public static func tokens(_ text: String) -> [String] { clauses(text).tokens }

    /// The words of `text` and, for each, the number of the clause it is in: clauses end at
    /// `, ; : . ? !` (not at the comma of "1,200" or the point of "49.99"). A negation only
    /// reaches words of its own clause ("No, I filed bankruptcy" is not "no bankruptcy").
    public static func clauses(_ text: String) -> (tokens: [String], clause: [Int]) {
        let (tokens, clause, _) = sentences(text)
        return (tokens, clause)
    }

    /// `clauses`, and which clauses are questions: ended by "?" and opened by a question word
    /// ("are you a lawyer?", "do I need an attorney?", "would bankruptcy help?"). A request ("can
    /// you call my lawyer?") is a question too; `Negation.asks` keeps what it says of the speaker's own.
    public static func sentences(_ text: String) -> (tokens: [String], clause: [Int], questions: Set<Int>) {
        var s = text.lowercased()
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: #"(?<=[0-9]),(?=[0-9])"#, with: "", options: .regularExpression)  // "1,200"
        // "$50" / "$49.99" -> "50 dollars"
        s = s.replacingOccurrences(of: #"\$\s?([0-9]+(?:\.[0-9]+)?)"#, with: "$1 dollars", options: .regularExpression)
        var words: [String] = [], clause: [Int] = [], questions: Set<Int> = []
        var current = "", number = 0, clauseStart = 0
        func flush() {
            guard !current.isEmpty else { return }
            for w in expand(current) where !w.isEmpty { words.append(w); clause.append(number) }
            current = ""
        }
        for ch in s {
            if ch.isLetter || ch.isNumber || ch == "'" || (ch == "." && current.first?.isNumber == true) {
                current.append(ch)
            } else {
                flush()
                if ch == "?", clauseStart < words.count, questionWords.contains(words[clauseStart]) { questions.insert(number) }
                if ",;:.?!".contains(ch) { number += 1; clauseStart = words.count }
            }
        }
        flush()
        return (words, clause, questions)
    }

    /// Compared with normalised words ("what's" is "what is", "isn't" is "is not").
    static let questionWords: Set<String> = [
        "are", "is", "am", "was", "were", "do", "does", "did", "have", "has", "should", "shall", "what", "who", "why",
        "how", "where", "which", "whats", "would", "could", "can", "will", "might", "may",
    ]

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
