import Foundation

/// A turn as the detector sees it: who spoke, when, and one or more recognitions of it
/// (the analyzer may hear a turn twice, at two speeds; a phrase heard in either counts).
public struct HeardTurn: Codable, Sendable, Equatable {
    public var speaker: Speaker
    public var start: Double
    public var end: Double
    public var hearings: [String]

    public init(speaker: Speaker, start: Double, end: Double, hearings: [String]) {
        self.speaker = speaker; self.start = start; self.end = end; self.hearings = hearings
    }
}

/// Runs the phrase table over a call's turns.
public struct FindingDetector: Sendable {
    public var table: PhraseTable

    public init(table: PhraseTable) { self.table = table }

    public static func bundled() throws -> FindingDetector { FindingDetector(table: try .bundled()) }

    /// Findings in time order: every occurrence, each with the words that triggered it.
    public func findings(in turns: [HeardTurn]) -> [Finding] {
        let tokenized = turns.map { $0.hearings.map { HeardWords(text: $0) } }
        var out: [Finding] = []
        for rule in table.rules {
            for (i, turn) in turns.enumerated() where turn.speaker == rule.speaker || turn.speaker == .unknown {
                if !rule.after.isEmpty, !saidBefore(rule.after, turn: i, turns: turns, tokenized: tokenized, rule: rule) {
                    continue
                }
                // Of the hearings, keep the one where the rule is surest; a turn heard twice
                // must not report the same words twice.
                var bestHearing: [Finding] = []
                for words in tokenized[i] {
                    let tokens = words.tokens
                    let hits = occurrences(rule, words).map { m in
                        Finding(code: rule.code, speaker: turn.speaker, start: turn.start, end: turn.end,
                                text: tokens[m.range].joined(separator: " "), confidence: (m.score * 100).rounded() / 100,
                                promise: rule.code == .promiseToPay ? PromiseExtractor.details(tokens) : nil)
                    }
                    if (hits.map(\.confidence).max() ?? 0) > (bestHearing.map(\.confidence).max() ?? 0) { bestHearing = hits }
                }
                out += bestHearing
            }
        }
        return out.sorted { ($0.start, $0.code) < ($1.start, $1.code) }
    }

    /// Non-overlapping matches of any of the rule's patterns, best first, minus the cancelled ones.
    func occurrences(_ rule: PhraseTable.Rule, _ words: HeardWords) -> [PhraseMatch] {
        var all = rule.patterns.flatMap { p in
            PhraseMatcher.matches(p, in: words, minScore: rule.minScore).filter {
                !rule.readsDenials || p.negates || !Negation.denies($0.range, in: words, restricting: rule.negationRestricts)
            }
        }
        if rule.notInQuestions { all.removeAll { Negation.asks($0.range, in: words) } }
        if rule.deniedAfter { all.removeAll { Negation.deniesAfter($0.range, in: words) } }
        let vetoes = rule.unless.flatMap { PhraseMatcher.matches($0, in: words, minScore: 0.9) }
        all.removeAll { m in vetoes.contains { v in v.range.lowerBound <= m.range.upperBound + 2 && m.range.lowerBound <= v.range.upperBound + 2 } }
        all.sort { ($0.score, $0.range.count) > ($1.score, $1.range.count) }
        var kept: [PhraseMatch] = []
        for m in all where !kept.contains(where: { $0.range.overlaps(m.range) }) { kept.append(m) }
        return kept.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Whether the other side said one of `cues` in an earlier turn (e.g. "he is not here").
    private func saidBefore(_ cues: [PhrasePattern], turn i: Int, turns: [HeardTurn], tokenized: [[HeardWords]],
                            rule: PhraseTable.Rule) -> Bool {
        for (j, other) in turns.enumerated() where j != i && other.start < turns[i].start && other.speaker != rule.speaker {
            for words in tokenized[j] where cues.contains(where: { !PhraseMatcher.matches($0, in: words, minScore: rule.minScore).isEmpty }) {
                return true
            }
        }
        return false
    }

    /// Required items no finding covers, for calls where the collector spoke.
    public static func missing(findings: [Finding], collectorSpoke: Bool) -> [FindingCode] {
        guard collectorSpoke else { return [] }
        let found = Set(findings.filter { $0.speaker != .consumer }.map(\.code))
        return FindingCode.required.filter { !found.contains($0) }.sorted()
    }
}

/// What was heard in one call, turn by turn with every hearing: the line `candor bench speech
/// --heard` writes and `candor speech rescore` reads.
public struct HeardCall: Codable, Sendable, Equatable {
    public var call: String
    public var durationSeconds: Double
    public var channels: Int
    public var turns: [HeardTurn]

    enum CodingKeys: String, CodingKey { case call, durationSeconds = "duration_s", channels, turns }

    public init(call: String, durationSeconds: Double, channels: Int, turns: [HeardTurn]) {
        self.call = call; self.durationSeconds = durationSeconds; self.channels = channels; self.turns = turns
    }

    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
