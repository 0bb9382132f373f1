import Testing
@testable import CandorSpeech

/// Detectors on transcripts: no engine needed. Texts include real tiny.en mishearings of
/// synthesized 8 kHz calls ("collect a net", "calling recorded").
@Suite struct DetectorTests {
    let detector = try! FindingDetector.bundled()

    func codes(_ turns: [(Speaker, String)]) -> Set<String> {
        let heard = turns.enumerated().map { i, t in HeardTurn(speaker: t.0, start: Double(i * 5), end: Double(i * 5 + 4), hearings: [t.1]) }
        return Set(detector.findings(in: heard).map { "\($0.speaker.rawValue):\($0.code.rawValue)" })
    }

    @Test func everyCodeHasARule() throws {
        let table = try PhraseTable.bundled()
        #expect(Set(table.rules.map(\.code)) == Set(FindingCode.allCases))
        #expect(table.rules.allSatisfy { !$0.citation.isEmpty && !$0.patterns.isEmpty })
    }

    @Test(arguments: [
        ("agent", "This is an attempt to collect a debt.", "DISCLOSURE_MINI_MIRANDA"),
        ("agent", "It's in an attempt to collect a net.", "DISCLOSURE_MINI_MIRANDA"),
        ("agent", "We are a debt collector.", "DISCLOSURE_MINI_MIRANDA"),
        ("agent", "They call him recorded.", "DISCLOSURE_RECORDING"),
        ("agent", "You are on a recorded line.", "DISCLOSURE_RECORDING"),
        ("agent", "The sheriff will be at your door to take you to jail.", "THREAT_ARREST"),
        ("agent", "We will have you arrested.", "THREAT_ARREST"),
        ("agent", "We will take you to court and seize your car.", "THREAT_LEGAL_ACTION"),
        ("agent", "We will garnish your wages.", "THREAT_LEGAL_ACTION"),
        ("agent", "We know where you live. You will regret this.", "THREAT_HARM"),
        ("agent", "Hey stupid, what the hell is wrong with you?", "ABUSIVE_LANGUAGE"),
        ("agent", "I am an attorney and I represent the creditor.", "FALSE_AFFILIATION"),
        ("agent", "I am calling from the police department.", "FALSE_AFFILIATION"),
        ("consumer", "I do not want you calling me anymore. Stop contacting me.", "CONSUMER_CEASE_REQUEST"),
        ("consumer", "My bankruptcy lawyer is handling all of my debts now.", "CONSUMER_ATTORNEY"),
        ("consumer", "My bankruptcy lawyer is handling all of my debts now.", "CONSUMER_BANKRUPTCY"),
        ("consumer", "I never opened that card. Somebody stole my identity.", "CONSUMER_DISPUTE"),
        ("consumer", "I got laid off and I am behind on rent.", "CONSUMER_HARDSHIP"),
        ("consumer", "Don't call me at work.", "CONSUMER_INCONVENIENT_TIME"),
        ("consumer", "You people are a bunch of crooks.", "CONSUMER_ABUSE"),
        ("consumer", "Alright. I can send forty dollars next Tuesday.", "PROMISE_TO_PAY"),
    ])
    func detects(speaker: String, text: String, code: String) {
        #expect(codes([(Speaker(rawValue: speaker)!, text)]).contains("\(speaker):\(code)"))
    }

    @Test func negationsAndLookAlikesDoNotFire() {
        #expect(codes([(.agent, "This call is not recorded.")]).isEmpty)
        #expect(codes([(.agent, "Your card balance is due.")]).isEmpty)  // "card" is not "court"
        #expect(codes([(.consumer, "I can't pay fifty dollars.")]).isEmpty)
        #expect(!codes([(.consumer, "Do not call me at work.")]).contains("consumer:CONSUMER_CEASE_REQUEST"))
        #expect(codes([(.consumer, "Do not talk to me like that.")]).isEmpty)
    }

    @Test func thirdPartyAfterSomeoneElseAnswersOrWhenTheConsumerIsSpokenOfInTheThirdPerson() {
        // Said to the consumer, the debt is "you owe": no third party without a cue.
        #expect(codes([(.agent, "You owe us eight hundred dollars.")]).isEmpty)
        let leak = codes([(.agent, "May I speak with John?"), (.consumer, "He is not here, this is his wife."),
                          (.agent, "We are calling about eight hundred dollars past due.")])
        #expect(leak.contains("agent:THIRD_PARTY_DISCLOSURE"))
        // "Tell him he owes" is said to someone else, even when their answer was not heard.
        #expect(codes([(.agent, "Tell him he owes us eight hundred dollars.")]) == ["agent:THIRD_PARTY_DISCLOSURE"])
    }

    @Test func promiseCarriesAmountAndDate() {
        let heard = [HeardTurn(speaker: .consumer, start: 1, end: 3, hearings: ["I can pay fifty dollars on Friday."])]
        let f = detector.findings(in: heard).first { $0.code == .promiseToPay }
        #expect(f?.promise == PromiseDetails(amountCents: 5000, date: "friday"))
    }

    @Test func aSecondHearingRecoversADroppedSentence() {
        let heard = [HeardTurn(speaker: .agent, start: 0, end: 4, hearings: ["They call him recorded.", "This call is recorded. It's in an attempt to collect a net."])]
        let found = Set(detector.findings(in: heard).map(\.code))
        #expect(found == [.disclosureRecording, .disclosureMiniMiranda])
    }
}
