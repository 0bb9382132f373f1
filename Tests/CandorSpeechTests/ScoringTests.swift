import Testing
@testable import CandorSpeech

@Suite struct ScoringTests {
    func f(_ code: FindingCode, _ speaker: Speaker = .agent) -> Finding {
        Finding(code: code, speaker: speaker, start: 0, end: 1, text: "", confidence: 1)
    }

    @Test func specExample() {
        // shared/spec/speech-findings.md: THREAT_ARREST and no mini-Miranda -> 35.
        let findings = [f(.threatArrest), f(.disclosureRecording)]
        let missing = FindingDetector.missing(findings: findings, collectorSpoke: true)
        #expect(missing == [.disclosureMiniMiranda])
        #expect(ComplianceScore.score(findings: findings, missing: missing) == 35)
    }

    @Test func cleanCallScores100AndConsumerWordsNeverCount() {
        let findings = [f(.disclosureRecording), f(.disclosureMiniMiranda), f(.consumerAbuse, .consumer), f(.consumerAttorney, .consumer)]
        #expect(ComplianceScore.score(findings: findings, missing: []) == 100)
    }

    @Test func eachCodeCountsOncePerCallAndTheScoreFloorsAtZero() {
        #expect(ComplianceScore.score(findings: [f(.threatArrest), f(.threatArrest)], missing: []) == 60)
        let all = [f(.threatArrest), f(.threatHarm), f(.falseAffiliation), f(.abusiveLanguage)]
        #expect(ComplianceScore.score(findings: all, missing: FindingCode.required) == 0)
    }

    @Test func nothingIsMissingWhenTheCollectorNeverSpoke() {
        #expect(FindingDetector.missing(findings: [], collectorSpoke: false).isEmpty)
    }

    @Test func consumerFindingsBecomeAccountEvents() {
        let pairs: [(FindingCode, AccountEventKind?)] = [
            (.consumerCeaseRequest, .ceaseRequest), (.consumerAttorney, .attorney), (.consumerBankruptcy, .bankruptcy),
            (.consumerDispute, .dispute), (.consumerHardship, .hardship), (.consumerInconvenientTime, .inconvenientTime),
            (.consumerAbuse, nil), (.promiseToPay, nil), (.threatArrest, nil),
        ]
        for (code, kind) in pairs { #expect(AccountEventKind(code: code) == kind) }
        let analysis = CallAnalysis(call: "c.wav", durationSeconds: 1, channels: 2, transcript: [],
                                    findings: [f(.consumerCeaseRequest, .consumer), f(.threatArrest)], missing: [],
                                    scores: Scores(compliance: 60))
        #expect(analysis.accountEvents.map(\.kind) == [.ceaseRequest])
        #expect(AccountEventKind.ceaseRequest.action == "pause calls pending review")
    }

    @Test func jsonLineUsesTheSpecKeys() {
        let a = CallAnalysis(call: "c-0007.wav", durationSeconds: 41.2, channels: 2,
                             transcript: [TranscriptTurn(speaker: .agent, start: 0.4, end: 5.1, text: "hi")],
                             findings: [f(.threatArrest)], missing: [.disclosureMiniMiranda], scores: Scores(compliance: 35))
        let line = a.jsonLine()
        for key in ["\"call\":\"c-0007.wav\"", "\"duration_s\":41.2", "\"channels\":2", "\"missing\":[\"DISCLOSURE_MINI_MIRANDA\"]",
                    "\"scores\":{\"compliance\":35}", "\"code\":\"THREAT_ARREST\"", "\"speaker\":\"agent\""] {
            #expect(line.contains(key), "\(key) in \(line)")
        }
        #expect(!line.contains("\n"))
    }
}
