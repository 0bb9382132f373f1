import Foundation

/// Where a pattern matched in a list of words, and how well (mean word score).
public struct PhraseMatch: Sendable, Equatable {
    public var pattern: String
    public var range: Range<Int>
    public var score: Double
}

/// Finds patterns in word lists, forgiving misheard words the way the pattern allows.
enum PhraseMatcher {
    /// The best match of `pattern` starting at each word, keeping those at or above `minScore`.
    static func matches(_ pattern: PhrasePattern, in tokens: [String], minScore: Double) -> [PhraseMatch] {
        let denominator = Double(max(1, pattern.scoredCount))
        var found: [PhraseMatch] = []
        for start in tokens.indices {
            var memo: [Int: (Double, Int)?] = [:]
            guard let (sum, end) = best(pattern.elements, 0, tokens, start, pattern.allowedMisses, &memo), end > start
            else { continue }
            let score = sum / denominator
            if score >= minScore { found.append(PhraseMatch(pattern: pattern.source, range: start..<end, score: score)) }
        }
        return found
    }

    /// Highest total word score for elements[e...] from token t with `misses` left, and where it ends.
    private static func best(_ els: [PhrasePattern.Element], _ e: Int, _ tokens: [String], _ t: Int, _ misses: Int,
                             _ memo: inout [Int: (Double, Int)?]) -> (Double, Int)? {
        if e == els.count { return (0, t) }
        let key = (e * 1000 + t) * 4 + misses
        if let cached = memo[key] { return cached }
        var result: (Double, Int)?
        func consider(_ gain: Double, _ nextE: Int, _ nextT: Int, _ m: Int) {
            guard let (rest, end) = best(els, nextE, tokens, nextT, m, &memo) else { return }
            if result == nil || gain + rest > result!.0 { result = (gain + rest, end) }
        }
        switch els[e] {
        case .word(let alts, let keys, let required, let optional):
            if t < tokens.count {
                let s = zip(alts, keys).map { WordMatch.score(tokens[t], alternative: $0, key: $1) }.max() ?? 0
                if s > 0 { consider(optional ? 0 : s, e + 1, t + 1, misses) }
                // The recogniser often splits a long word it is unsure of ("law suit",
                // "bank ruptcy", "dead beat"): a pattern word may take two heard words joined.
                if t + 1 < tokens.count, let joined = WordMatch.joined(tokens[t], tokens[t + 1]) {
                    let j = zip(alts, keys).map { WordMatch.scoreJoined(joined, alternative: $0, key: $1) }.max() ?? 0
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
