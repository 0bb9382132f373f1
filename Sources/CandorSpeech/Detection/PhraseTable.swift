import Foundation

/// The detector's knowledge, as data: Resources/phrases.json. A compliance officer extends it
/// by adding patterns (syntax in PhrasePattern) under a rule; every pattern of a rule carries
/// the rule's citation into review screens and docs.
public struct PhraseTable: Sendable {
    public struct Rule: Sendable {
        public var code: FindingCode
        /// Whose words this rule reads: agent or consumer (mono calls read both).
        public var speaker: Speaker
        public var citation: String
        public var patterns: [PhrasePattern]
        /// Phrases that cancel a nearby match ("this call is NOT recorded").
        public var unless: [PhrasePattern]
        /// If set, the rule fires only after the other side said one of these (third parties).
        public var after: [PhrasePattern]
        public var minScore: Double
        /// A question does not say it ("are you a lawyer?", "should I file bankruptcy?"), unless
        /// the consumer speaks of their own ("did you get the letter from my attorney?").
        public var notInQuestions: Bool = false
        /// A denial right after the match drops it too ("bankruptcy is not an option for me").
        /// Only where a complaint cannot follow the same shape: "calling me at work is not okay"
        /// still asks not to be called at work, "the balance is not right" still disputes.
        public var deniedAfter: Bool = false
        /// "Not" before a time or a place restricts rather than denies ("call later, not at dinner
        /// time", "not during work"): for the rule about when and where to call.
        public var negationRestricts: Bool = false
        /// Whether a denial before a match drops it (Negation). Never for the required
        /// disclosures: a dropped comma ("I am not a lawyer I am a debt collector") must not make
        /// a said mini-Miranda missing.
        public var readsDenials: Bool { !FindingCode.required.contains(code) }
    }

    public var rules: [Rule]

    /// The table shipped with this module.
    public static func bundled() throws -> PhraseTable {
        guard let url = Bundle.module.url(forResource: "phrases", withExtension: "json", subdirectory: "Resources") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try load(Data(contentsOf: url))
    }

    public static func load(_ data: Data) throws -> PhraseTable {
        let file = try JSONDecoder().decode(File.self, from: data)
        return PhraseTable(rules: file.rules.map { r in
            Rule(code: r.code, speaker: r.speaker, citation: r.citation,
                 patterns: r.patterns.map(PhrasePattern.init), unless: (r.unless ?? []).map(PhrasePattern.init),
                 after: (r.after ?? []).map(PhrasePattern.init), minScore: r.minScore ?? 0.75,
                 notInQuestions: r.notInQuestions ?? false, deniedAfter: r.deniedAfter ?? false,
                 negationRestricts: r.negationRestricts ?? false)
        })
    }

    private struct File: Decodable {
        struct Rule: Decodable {
            var code: FindingCode
            var speaker: Speaker
            var citation: String
            var patterns: [String]
            var unless: [String]?
            var after: [String]?
            var minScore: Double?
            var notInQuestions: Bool?
            var deniedAfter: Bool?
            var negationRestricts: Bool?
        }
        var rules: [Rule]
    }
}
