/// The codes of the findings contract (shared/spec/speech-findings.md).
public enum FindingCode: String, Codable, Sendable, CaseIterable, Comparable {
    // Collector side.
    case disclosureMiniMiranda = "DISCLOSURE_MINI_MIRANDA"
    case disclosureRecording = "DISCLOSURE_RECORDING"
    case threatArrest = "THREAT_ARREST"
    case threatLegalAction = "THREAT_LEGAL_ACTION"
    case threatHarm = "THREAT_HARM"
    case abusiveLanguage = "ABUSIVE_LANGUAGE"
    case falseAffiliation = "FALSE_AFFILIATION"
    case thirdPartyDisclosure = "THIRD_PARTY_DISCLOSURE"
    // Consumer side.
    case consumerCeaseRequest = "CONSUMER_CEASE_REQUEST"
    case consumerAttorney = "CONSUMER_ATTORNEY"
    case consumerBankruptcy = "CONSUMER_BANKRUPTCY"
    case consumerDispute = "CONSUMER_DISPUTE"
    case consumerHardship = "CONSUMER_HARDSHIP"
    case consumerInconvenientTime = "CONSUMER_INCONVENIENT_TIME"
    case consumerAbuse = "CONSUMER_ABUSE"
    case promiseToPay = "PROMISE_TO_PAY"

    /// What the collector must say on every call where they speak.
    public static let required: [FindingCode] = [.disclosureMiniMiranda, .disclosureRecording]

    public static func < (a: FindingCode, b: FindingCode) -> Bool { a.rawValue < b.rawValue }
}

/// Who said it. Stereo: left = agent, right = consumer. Mono: unknown.
public enum Speaker: String, Codable, Sendable {
    case agent, consumer, unknown
}
