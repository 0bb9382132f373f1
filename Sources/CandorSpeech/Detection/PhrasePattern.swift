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
    /// The pattern says a negation itself ("do not call me again", "not my debt"): a negation
    /// before it is part of what it means, not a denial of it (Negation).
    public let negates: Bool

    /// Words that carry no meaning of their own in a pattern ("this is the", "you are a").
    static let functionWords: Set<String> = [
        "a", "an", "the", "this", "that", "these", "those", "is", "are", "was", "were", "be", "been", "being",
        "am", "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "my", "your",
        "his", "its", "our", "their", "yours", "mine", "to", "of", "in", "on", "at", "for", "with", "by",
        "from", "and", "or", "not", "no", "do", "does", "did", "will", "would", "can", "could", "have", "has",
        "had", "so", "just", "all", "any", "there", "what", "who", "if", "than", "then", "as", "about",
    ]

    static let negations: Set<String> = ["not", "never", "no", "nobody", "nothing", "none"]

    public init(_ source: String) {
        self.source = source
        let elements: [Element] = source.split(separator: " ").map { raw -> Element in
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
        // A match must rest on a word that means something: when a pattern has one such word
        // ("this is the =police"), it may not be the one excused as misheard, or "this is the
        // reason" would pass for it.
        let meaningful = elements.indices.filter { i in
            if case .word(let alts, _, _, let optional) = elements[i] {
                return !optional && alts.contains { !Self.functionWords.contains($0) }
            }
            return false
        }
        // With none ("this is not =mine"), every word must be heard. A negation is never
        // excused either: "that is right" must not pass for "that is not right".
        let mustHear: Set<Int> = switch meaningful.count {
        case 0: Set(elements.indices)
        case 1: Set(meaningful)
        default: []
        }
        let negation = elements.map { e in
            if case .word(let alts, _, _, _) = e { return alts.contains { Self.negations.contains($0) } }
            return false
        }
        negates = negation.contains(true)
        self.elements = elements.enumerated().map { i, e in
            guard case .word(let alts, let keys, let required, let optional) = e else { return e }
            return .word(alternatives: alts, keys: keys, required: required || mustHear.contains(i) || negation[i], optional: optional)
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
    /// `tokenKey` = `Phonetic.key(token)`, worked out once per heard word (HeardWords).
    static func score(_ token: String, key tokenKey: String, alternative alt: String, key: String) -> Double {
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
        if token.count >= 3, alt.count >= 3, key.count >= 2, tokenKey == key,
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
    static func scoreJoined(_ joined: String, key joinedKey: String, alternative alt: String, key: String) -> Double {
        if alt.hasSuffix("*") {
            let stem = String(alt.dropLast())
            return stem.count >= 5 && joined.hasPrefix(stem) ? 0.9 : 0
        }
        if joined == alt { return 0.9 }
        if key.isEmpty || alt.count < 6 { return 0 }
        return joinedKey == key && EditDistance.similarity(joined, alt) >= 0.8 ? 0.8 : 0
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
