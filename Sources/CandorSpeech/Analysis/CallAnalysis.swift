import Foundation

/// One turn of the transcript.
public struct TranscriptTurn: Codable, Sendable, Equatable {
    public var speaker: Speaker
    public var start: Double
    public var end: Double
    public var text: String

    public init(speaker: Speaker, start: Double, end: Double, text: String) {
        self.speaker = speaker; self.start = start; self.end = end; self.text = text
    }
}

/// What a consumer promised, as far as it was said.
public struct PromiseDetails: Codable, Sendable, Equatable {
    /// Whole cents, so money never goes through floating point.
    public var amountCents: Int?
    /// The date as said ("next friday", "the 15th"); the product resolves it against the call date.
    public var date: String?

    enum CodingKeys: String, CodingKey { case amountCents = "amount_cents", date }
}

/// One occurrence of a code, with the words that triggered it.
public struct Finding: Codable, Sendable, Equatable {
    public var code: FindingCode
    public var speaker: Speaker
    public var start: Double
    public var end: Double
    public var text: String
    public var confidence: Double
    /// Only for PROMISE_TO_PAY.
    public var promise: PromiseDetails?

    public init(code: FindingCode, speaker: Speaker, start: Double, end: Double, text: String,
                confidence: Double, promise: PromiseDetails? = nil) {
        self.code = code; self.speaker = speaker; self.start = start; self.end = end
        self.text = text; self.confidence = confidence; self.promise = promise
    }
}

public struct Scores: Codable, Sendable, Equatable {
    public var compliance: Int
}

/// The analysis of one call: the `candor speech analyze` line for it.
public struct CallAnalysis: Codable, Sendable, Equatable {
    public var call: String
    public var durationSeconds: Double
    public var channels: Int
    public var transcript: [TranscriptTurn]
    public var findings: [Finding]
    public var missing: [FindingCode]
    public var scores: Scores

    enum CodingKeys: String, CodingKey {
        case call, durationSeconds = "duration_s", channels, transcript, findings, missing, scores
    }

    /// Consumer findings as the account events they open (see AccountEventKind).
    public var accountEvents: [AccountEventProposal] {
        findings.compactMap { f in AccountEventKind(code: f.code).map { AccountEventProposal(kind: $0, finding: f) } }
    }

    /// One JSON object on one line, keys sorted so the output is stable.
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
