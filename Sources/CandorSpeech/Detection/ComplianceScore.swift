/// `scores.compliance`: 100 minus a weight for each agent code found and each required item
/// missing, each counted once per call, floored at 0. Consumer findings never lower it: what a
/// consumer says is not the collector's fault. The weights rank harm: a threat of arrest is a
/// per-se violation (1692e(4)); legal action is only flagged for review, so it weighs less.
/// (Spec example: THREAT_ARREST + missing DISCLOSURE_MINI_MIRANDA = 100 - 40 - 25 = 35.)
public enum ComplianceScore {
    public static let weights: [FindingCode: Int] = [
        .threatArrest: 40,
        .threatHarm: 40,
        .falseAffiliation: 30,
        .thirdPartyDisclosure: 30,
        .abusiveLanguage: 25,
        .threatLegalAction: 15,
        .disclosureMiniMiranda: 25,  // when missing
        .disclosureRecording: 15,    // when missing
    ]

    public static func score(findings: [Finding], missing: [FindingCode]) -> Int {
        let found = Set(findings.filter { $0.speaker != .consumer }.map(\.code)).subtracting(FindingCode.required)
        let penalty = found.union(missing).reduce(0) { $0 + (weights[$1] ?? 0) }
        return max(0, 100 - penalty)
    }
}
