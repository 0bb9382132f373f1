import Foundation

/// One phrase pattern from the phrase table, in a syntax a compliance officer can write:
///
///     attempt to collect a debt     words in order; one may be misheard (4+ words)
///     take you to !court            `!` = this word must be heard (fuzzily), never excused
///     stop calling|contacting me    `|` = any of these words in that place
///     please? stop calling          `?` = optional word
///     arrest*                       `*` at the end = any ending (arrest, arrested, arresting)
///     =court                        `=` = exactly this word: no sound-alike ("card" sounds like "court")
///     pay # dollars                 `#` = a number, in digits or words
///     going to ... !sue             `...` = up to three other words
///     call * recorded               `*` alone = exactly one other word
public struct PhrasePattern: Sendable, Equatable {
    public enum Element: Sendable, Equatable {
        case word(alternatives: [String], keys: [String], required: Bool, optional: Bool)
        case anyWord
        case gap(max: Int)
        case number
    }

    public let source: String
    public let elements: [Element]

    public init(_ source: String) {
        self.source = source
        elements = source.split(separator: " ").map { raw -> Element in
            var w = String(raw).lowercased()
            if w == "*" { return .anyWord }
            if w == "..." { return .gap(max: 3) }
            if w == "#" { return .number }
            let required = w.hasPrefix("!")
            if required { w.removeFirst() }
            let optional = w.hasSuffix("?")
            if optional { w.removeLast() }
            let exact = w.hasPrefix("=")
            if exact { w.removeFirst() }
            // Alternatives go through the same normalisation as transcripts ("don't" -> "do not"
            // would not fit one slot, so contractions are written out in the table).
            let alts = w.split(separator: "|").map(String.init)
            // An empty key switches sound-alike and spelling-distance matching off.
            return .word(alternatives: alts,
                         keys: alts.map { exact ? "" : Phonetic.key($0.replacingOccurrences(of: "*", with: "")) },
                         required: required, optional: optional)
        }
    }

    /// Words that must be there, each counted once in the score.
    var scoredCount: Int {
        elements.reduce(0) { n, e in
            switch e {
            case .word(_, _, _, let optional): optional ? n : n + 1
            case .number: n + 1
            default: n
            }
        }
    }

    /// Misheard words forgiven: one in four, so a short threat must be heard whole.
    var allowedMisses: Int { scoredCount >= 8 ? 2 : (scoredCount >= 4 ? 1 : 0) }
}

/// How closely a heard word matches a pattern word, 0...1.
enum WordMatch {
    static func score(_ token: String, alternative alt: String, key: String) -> Double {
        if alt.hasSuffix("*") {
            let stem = String(alt.dropLast())
            if token.hasPrefix(stem) { return 1 }
            // "arested" for "arrest*": compare the stem with the same length of the token.
            return !key.isEmpty && stem.count >= 5 && EditDistance.similarity(String(token.prefix(stem.count)), stem) >= 0.8 ? 0.8 : 0
        }
        if token == alt { return 1 }
        if key.isEmpty { return 0 }  // `=word`: exact only
        // Telephone speech blurs consonants the recogniser then spells differently.
        // Same sound and not too different in spelling: "jail"/"gale" yes, "lawsuit"/"last" no.
        if token.count >= 3, alt.count >= 3, key.count >= 2, Phonetic.key(token) == key,
           EditDistance.similarity(token, alt) >= 0.6 { return 0.85 }
        if min(token.count, alt.count) >= 5 {
            let s = EditDistance.similarity(token, alt)
            if s >= 0.75 { return s }
        }
        return 0
    }

    /// Two heard words as one, when both look like pieces of a longer word (2+ letters each,
    /// 6+ together, no digits).
    static func joined(_ a: String, _ b: String) -> String? {
        guard a.count >= 2, b.count >= 2, a.count + b.count >= 6,
              a.allSatisfy(\.isLetter), b.allSatisfy(\.isLetter) else { return nil }
        return a + b
    }

    /// A joined pair scores only when it spells the word (or its stem) or sounds like it and
    /// is spelled nearly the same: stricter than one heard word, because joining any two words
    /// gives many chances to look like something.
    static func scoreJoined(_ joined: String, alternative alt: String, key: String) -> Double {
        if alt.hasSuffix("*") {
            let stem = String(alt.dropLast())
            return stem.count >= 5 && joined.hasPrefix(stem) ? 0.9 : 0
        }
        if joined == alt { return 0.9 }
        if key.isEmpty || alt.count < 6 { return 0 }
        return Phonetic.key(joined) == key && EditDistance.similarity(joined, alt) >= 0.8 ? 0.8 : 0
    }

    static let numberWords: Set<String> = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty",
        "ninety", "hundred", "thousand", "a", "half",
    ]

    static func isNumber(_ token: String) -> Bool {
        (token.first?.isNumber ?? false) || (numberWords.contains(token) && token != "a")
    }
}
