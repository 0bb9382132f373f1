import Foundation

/// Where a pattern matched in a list of words, and how well (mean word score).
public struct PhraseMatch: Sendable, Equatable {
    public var pattern: String
    public var range: Range<Int>
    public var score: Double
}

/// One reading's words with what every pattern compares them by, worked out once: the
/// phonetic key of each word and of each pair of words that may be one misheard word. A turn
/// has up to ~15 readings and the table ~800 patterns, so this is the detector's hot path.
struct HeardWords {
    let tokens: [String]
    let keys: [String]
    /// `joined[t]`: words t and t+1 as one (WordMatch.joined), or nil.
    let joined: [String?]
    let joinedKeys: [String?]
    /// `clause[t]`: which clause of the reading word t is in (TextNormalizer.clauses).
    let clause: [Int]
    /// Clauses that ask rather than say (TextNormalizer.sentences).
    let questions: Set<Int>

    init(_ tokens: [String], clause: [Int]? = nil, questions: Set<Int> = []) {
        self.tokens = tokens
        self.clause = clause ?? tokens.map { _ in 0 }
        self.questions = questions
        keys = tokens.map(Phonetic.key)
        joined = tokens.indices.map { t in t + 1 < tokens.count ? WordMatch.joined(tokens[t], tokens[t + 1]) : nil }
        joinedKeys = joined.map { $0.map(Phonetic.key) }
    }

    init(text: String) {
        let (tokens, clause, questions) = TextNormalizer.sentences(text)
        self.init(tokens, clause: clause, questions: questions)
    }
}

/// Finds patterns in word lists, forgiving misheard words the way the pattern allows.
enum PhraseMatcher {
    static func matches(_ pattern: PhrasePattern, in tokens: [String], minScore: Double) -> [PhraseMatch] {
        matches(pattern, in: HeardWords(tokens), minScore: minScore)
    }

    /// The best match of `pattern` starting at each word, keeping those at or above `minScore`.
    static func matches(_ pattern: PhrasePattern, in words: HeardWords, minScore: Double) -> [PhraseMatch] {
        let tokens = words.tokens
        let denominator = Double(max(1, pattern.scoredCount))
        var found: [PhraseMatch] = []
        // The best continuation from (element, word, misses left) does not depend on where the
        // match started, so one memo serves every start: each word is scored once per element.
        var memo: [Int: (Double, Int)?] = [:]
        for start in tokens.indices {
            guard let (sum, end) = best(pattern.elements, 0, words, start, pattern.allowedMisses, &memo), end > start
            else { continue }
            let score = sum / denominator
            if score >= minScore { found.append(PhraseMatch(pattern: pattern.source, range: start..<end, score: score)) }
        }
        return found
    }

    /// Highest total word score for elements[e...] from token t with `misses` left, and where it ends.
    private static func best(_ els: [PhrasePattern.Element], _ e: Int, _ words: HeardWords, _ t: Int, _ misses: Int,
                             _ memo: inout [Int: (Double, Int)?]) -> (Double, Int)? {
        let tokens = words.tokens
        if e == els.count { return (0, t) }
        let key = (e * 1000 + t) * 4 + misses
        if let cached = memo[key] { return cached }
        var result: (Double, Int)?
        func consider(_ gain: Double, _ nextE: Int, _ nextT: Int, _ m: Int) {
            guard let (rest, end) = best(els, nextE, words, nextT, m, &memo) else { return }
            if result == nil || gain + rest > result!.0 { result = (gain + rest, end) }
        }
        switch els[e] {
        case .word(let alts, let keys, let required, let optional):
            if t < tokens.count {
                let s = zip(alts, keys).map { WordMatch.score(tokens[t], key: words.keys[t], alternative: $0, key: $1) }.max() ?? 0
                if s > 0 { consider(optional ? 0 : s, e + 1, t + 1, misses) }
                // The recogniser often splits a long word it is unsure of ("law suit",
                // "bank ruptcy", "dead beat"): a pattern word may take two heard words joined.
                if let joined = words.joined[t], let joinedKey = words.joinedKeys[t] {
                    let j = zip(alts, keys).map { WordMatch.scoreJoined(joined, key: joinedKey, alternative: $0, key: $1) }.max() ?? 0
                    if j > 0 { consider(optional ? 0 : j, e + 1, t + 2, misses) }
                }
            }
            if optional { consider(0, e + 1, t, misses) }
            // Excuse a misheard word (substituted or dropped), but never the first one, so a
            // match always starts on a word that was heard.
            else if !required, misses > 0, e > 0 {
                if t < tokens.count { consider(0, e + 1, t + 1, misses - 1) }
                consider(0, e + 1, t, misses - 1)
            }
        case .anyWord:
            if t < tokens.count { consider(0, e + 1, t + 1, misses) }
        case .gap(let maxWords):
            for k in 0...maxWords where t + k <= tokens.count { consider(0, e + 1, t + k, misses) }
        case .number:
            if t < tokens.count, WordMatch.isNumber(tokens[t]) {
                // "one hundred and twenty five": take the whole number.
                var u = t + 1
                while u < tokens.count, WordMatch.isNumber(tokens[u]) || (tokens[u] == "and" && u + 1 < tokens.count && WordMatch.isNumber(tokens[u + 1])) { u += 1 }
                consider(1, e + 1, u, misses)
            }
        }
        memo[key] = .some(result)
        return result
    }
}
