import Foundation
import Testing
@testable import CandorSpeech

/// The wider phrase table (issue 6, recall): the many ways people say the things the product
/// must act on, a few recognition errors the fuzzy matcher must forgive, and sentences that
/// look alike but must not fire. Transcript level: no engine needed.
@Suite struct PhrasingTests {
    let detector = try! FindingDetector.bundled()

    func codes(_ turns: [(Speaker, String)]) -> Set<String> {
        let heard = turns.enumerated().map { i, t in HeardTurn(speaker: t.0, start: Double(i * 5), end: Double(i * 5 + 4), hearings: [t.1]) }
        return Set(detector.findings(in: heard).map { "\($0.speaker.rawValue):\($0.code.rawValue)" })
    }

    @Test("consumer phrasings beyond the original table", arguments: [
        ("Quit phoning me.", "CONSUMER_CEASE_REQUEST"),
        ("I do not want any more calls about this.", "CONSUMER_CEASE_REQUEST"),
        ("Stop harassing me.", "CONSUMER_CEASE_REQUEST"),
        ("Never call this house again.", "CONSUMER_CEASE_REQUEST"),
        ("Remove me from your calling list.", "CONSUMER_CEASE_REQUEST"),
        ("Cease and desist.", "CONSUMER_CEASE_REQUEST"),
        ("I already have a lawyer for this.", "CONSUMER_ATTORNEY"),
        ("My legal representative will handle it.", "CONSUMER_ATTORNEY"),
        ("We went through Chapter 13 last year.", "CONSUMER_BANKRUPTCY"),
        ("The bankruptcy trustee has the list of my debts.", "CONSUMER_BANKRUPTCY"),
        ("I do not recognize that account at all.", "CONSUMER_DISPUTE"),
        ("I want validation of this debt.", "CONSUMER_DISPUTE"),
        ("I paid it in full two years ago.", "CONSUMER_DISPUTE"),
        ("I dispute the amount.", "CONSUMER_DISPUTE"),
        ("Someone stole my credit card number.", "CONSUMER_DISPUTE"),
        ("I got furloughed in June.", "CONSUMER_HARDSHIP"),
        ("I live paycheck to paycheck.", "CONSUMER_HARDSHIP"),
        ("We were evicted last month.", "CONSUMER_HARDSHIP"),
        ("My wife died in the spring.", "CONSUMER_HARDSHIP"),
        ("I am in the middle of chemo.", "CONSUMER_HARDSHIP"),
        ("Please only call on weekends.", "CONSUMER_INCONVENIENT_TIME"),
        ("I am busy right now, call me later.", "CONSUMER_INCONVENIENT_TIME"),
        ("Do not call after 8 pm.", "CONSUMER_INCONVENIENT_TIME"),
        ("It is too early to be calling me.", "CONSUMER_INCONVENIENT_TIME"),
        ("You are all scammers.", "CONSUMER_ABUSE"),
        ("You are nothing but loan sharks.", "CONSUMER_ABUSE"),
        ("Let me pay twenty dollars next week.", "PROMISE_TO_PAY"),
    ])
    func consumerPhrasings(text: String, code: String) {
        #expect(codes([(.consumer, text)]).contains("consumer:\(code)"))
    }

    @Test("collector phrasings beyond the original table", arguments: [
        ("We will press charges.", "THREAT_ARREST"),
        ("Keep ignoring us and the police will be at your door.", "THREAT_ARREST"),
        ("This is a felony, you know.", "THREAT_ARREST"),
        ("You will be served with a summons.", "THREAT_LEGAL_ACTION"),
        ("We will freeze your bank account.", "THREAT_LEGAL_ACTION"),
        ("Pay or you will get hurt.", "THREAT_HARM"),
        ("We will inform your employer about this.", "THREAT_HARM"),
        ("It would be a shame if something happened to your house.", "THREAT_HARM"),
        ("You are a piece of garbage.", "ABUSIVE_LANGUAGE"),
        ("Stop whining, you loser.", "ABUSIVE_LANGUAGE"),
        ("I am calling on behalf of the county sheriff.", "FALSE_AFFILIATION"),
        ("This is the legal department of the court.", "FALSE_AFFILIATION"),
        ("We record all calls.", "DISCLOSURE_RECORDING"),
    ])
    func collectorPhrasings(text: String, code: String) {
        #expect(codes([(.agent, text)]).contains("agent:\(code)"))
    }

    /// Misheard words the matcher forgives: sound-alikes and near spellings of the key word.
    @Test("recognition errors", arguments: [
        (Speaker.consumer, "I filed for bankrupcy in May.", "CONSUMER_BANKRUPTCY"),
        (Speaker.consumer, "I am represented by an atorney.", "CONSUMER_ATTORNEY"),
        (Speaker.consumer, "Stop colling me.", "CONSUMER_CEASE_REQUEST"),
        (Speaker.consumer, "I have medicle bills.", "CONSUMER_HARDSHIP"),
        (Speaker.agent, "I am an atturney for the creditor.", "FALSE_AFFILIATION"),
        (Speaker.agent, "This is an attempt to collect a net.", "DISCLOSURE_MINI_MIRANDA"),
        // a long word heard as two
        (Speaker.consumer, "I filed for bank ruptcy.", "CONSUMER_BANKRUPTCY"),
        (Speaker.agent, "We will file a law suit against you.", "THREAT_LEGAL_ACTION"),
        (Speaker.agent, "Pay up, you dead beat.", "ABUSIVE_LANGUAGE"),
        // tiny.en's usual hearings of "bankruptcy" and "debt" on 8 kHz calls
        (Speaker.consumer, "I'm going through man truck, see you right now.", "CONSUMER_BANKRUPTCY"),
        (Speaker.consumer, "I have to declare a man corrupt fee.", "CONSUMER_BANKRUPTCY"),
        (Speaker.consumer, "I don't recognize this man at all.", "CONSUMER_DISPUTE"),
        (Speaker.agent, "It's in a next collection call.", "DISCLOSURE_MINI_MIRANDA"),
    ])
    func recognitionErrors(speaker: Speaker, text: String, code: String) {
        #expect(codes([(speaker, text)]).contains("\(speaker.rawValue):\(code)"))
    }

    @Test func collectorWordsNeverBecomeConsumerFindings() {
        let found = codes([(.agent, "If you have an attorney, please give me their name. If you filed for bankruptcy, tell me.")])
        #expect(!found.contains { $0.hasPrefix("consumer:") })
    }

    @Test("must not fire", arguments: [
        ("I am not disputing the debt, I just need time.", "CONSUMER_DISPUTE"),
        ("I do not have a lawyer.", "CONSUMER_ATTORNEY"),
        ("I might need a lawyer for this.", "CONSUMER_ATTORNEY"),
        ("Do not call me at work.", "CONSUMER_CEASE_REQUEST"),
        ("Please do not call me during the day.", "CONSUMER_CEASE_REQUEST"),
        ("Can you put me on your payment plan?", "CONSUMER_CEASE_REQUEST"),
        ("Can you identify yourself?", "CONSUMER_DISPUTE"),
        ("I did not recognize this number, who is it?", "CONSUMER_DISPUTE"),
        ("She is my daughter, she is at school right now.", "CONSUMER_DISPUTE"),
        ("Sorry, I do not recognize your voice.", "CONSUMER_DISPUTE"),
        ("I will call you back tomorrow.", "CONSUMER_INCONVENIENT_TIME"),
        ("Is this a scam?", "CONSUMER_ABUSE"),
        ("I will get a lawyer if I have to.", "PROMISE_TO_PAY"),
        ("I can not pay anything this month.", "PROMISE_TO_PAY"),
        ("Yes, sweetheart, I can hear you fine now.", "CONSUMER_ABUSE"),
        ("I'm the night nurse, he's asleep right now.", "CONSUMER_INCONVENIENT_TIME"),
        ("That hospital bill was written off, I don't owe it.", "CONSUMER_HARDSHIP"),
    ])
    func consumerLookAlikes(text: String, code: String) {
        #expect(!codes([(.consumer, text)]).contains("consumer:\(code)"))
    }

    @Test("collector look-alikes", arguments: [
        ("Let me explain what happens to your account next.", "THREAT_HARM"),
        ("We can set up a payment plan today.", "THREAT_LEGAL_ACTION"),
        ("I can note that on your file.", "THREAT_ARREST"),
        ("Good morning, this is Lakeside Collections calling for Maria.", "DISCLOSURE_MINI_MIRANDA"),
        ("This is a collection call regarding a debt.", "DISCLOSURE_RECORDING"),
        ("Oh give me a break, you freeloader.", "THREAT_HARM"),
        ("Can I get the last four digits of your social for my records?", "THREAT_HARM"),
        ("Your wage garnishment order will come from the court.", "FALSE_AFFILIATION"),
    ])
    func collectorLookAlikes(text: String, code: String) {
        #expect(!codes([(.agent, text)]).contains("agent:\(code)"))
    }

    @Test func familyInTheConsumersOwnStoryIsNotAThirdParty() {
        // "my husband" is the consumer's own hardship, not someone else answering the phone.
        let found = codes([(.agent, "Hello, may I speak with Maria?"), (.consumer, "Yes, this is me. My husband lost his job."),
                           (.agent, "I understand. Your balance is four hundred dollars.")])
        #expect(!found.contains("agent:THIRD_PARTY_DISCLOSURE"))
        let leak = codes([(.agent, "Hello, may I speak with Maria?"), (.consumer, "This is her daughter, she moved out."),
                          (.agent, "Tell her she is behind on her payments.")])
        #expect(leak.contains("agent:THIRD_PARTY_DISCLOSURE"))
    }

    /// `bench speech --heard` writes what was heard; `speech rescore` reads it back and must
    /// reach the same analysis as the run that heard it.
    @Test func heardCallsRoundTripAndRescoreTheSame() throws {
        let turns = [HeardTurn(speaker: .agent, start: 0.4, end: 4, hearings: ["This call is recorded.", "This call is recorded, this is an attempt to collect a debt."]),
                     HeardTurn(speaker: .consumer, start: 4.5, end: 7, hearings: ["I filed for bankruptcy.", ""])]
        let call = HeardCall(call: "c.wav", durationSeconds: 7.5, channels: 2, turns: turns)
        let back = try JSONDecoder().decode(HeardCall.self, from: Data(call.jsonLine().utf8))
        #expect(back == call)
        let analyzer = SpeechAnalyzer(engine: NoSpeech(), detector: detector)
        let a = analyzer.analyze(transcript: back.turns, call: back.call, duration: back.durationSeconds, channels: back.channels)
        #expect(Set(a.findings.map(\.code)) == [.disclosureRecording, .disclosureMiniMiranda, .consumerBankruptcy])
        #expect(a.missing.isEmpty)
    }
}

private struct NoSpeech: TranscriptionEngine {
    let sampleRate = 16000
    func transcribe(_ samples: [Float]) async throws -> String { "" }
    func shutdown() async {}
}

@Suite struct MeaningfulWordTests {
    func found(_ code: FindingCode, _ speaker: Speaker, _ text: String) throws -> Bool {
        let turns = [HeardTurn(speaker: speaker, start: 0, end: 2, hearings: [text])]
        return try FindingDetector.bundled().findings(in: turns).contains { $0.code == code }
    }

    @Test("a pattern's one meaningful word is never excused as misheard")
    func onlyMeaningfulWordMustBeHeard() {
        let p = PhrasePattern("this is the =police")
        #expect(PhraseMatcher.matches(p, in: ["this", "is", "the", "police"], minScore: 0.75).count == 1)
        #expect(PhraseMatcher.matches(p, in: ["this", "is", "the", "reason"], minScore: 0.75).isEmpty)
        // Two meaningful words: one may still be misheard.
        let q = PhrasePattern("attempt to collect a debt")
        #expect(PhraseMatcher.matches(q, in: ["attempt", "to", "collect", "a", "net"], minScore: 0.75).count == 1)
    }

    @Test("a negation is never excused: that is right is not a dispute")
    func negationMustBeHeard() throws {
        #expect(try found(.consumerDispute, .consumer, "That's not right, the balance is way too high."))
        #expect(try !found(.consumerDispute, .consumer, "That is right."))
        #expect(try !found(.consumerDispute, .consumer, "This is not included."))
    }

    @Test("speaking of the consumer in the third person with the debt is a third-party disclosure")
    func thirdPersonDebtTalk() throws {
        #expect(try found(.thirdPartyDisclosure, .agent, "Tell her she owes twelve hundred dollars on that card."))
        #expect(try found(.thirdPartyDisclosure, .agent, "His balance is ninety days overdue."))
        #expect(try !found(.thirdPartyDisclosure, .agent, "You owe twelve hundred dollars on that card."))
        #expect(try !found(.thirdPartyDisclosure, .agent, "Your balance is ninety days overdue."))
    }

    @Test("please don't call me when I'm at work is a time preference, not a cease request")
    func whenIsATime() throws {
        #expect(try found(.consumerInconvenientTime, .consumer, "Please don't call me when I'm at work."))
        #expect(try !found(.consumerCeaseRequest, .consumer, "Please don't call me when I'm at work."))
    }
}
