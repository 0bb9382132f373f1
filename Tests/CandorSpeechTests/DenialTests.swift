import Foundation
import Testing
@testable import CandorSpeech

/// What a speaker denies or asks is not what they said (Detection/Negation.swift): "we are not
/// going to sue you" is no legal threat, "are you a lawyer?" no attorney; but a negation about
/// the consumer's part ("if you do not pay, we will sue") leaves the threat standing.
@Suite struct DenialTests {
    let detector = try! FindingDetector.bundled()

    func codes(_ speaker: Speaker, _ text: String) -> Set<FindingCode> {
        Set(detector.findings(in: [HeardTurn(speaker: speaker, start: 0, end: 4, hearings: [text])]).map(\.code))
    }

    @Test("a denied threat or event is not a finding", arguments: [
        (Speaker.agent, "We are not going to sue you over this.", FindingCode.threatLegalAction),
        (.agent, "Your car is not going to be repossessed.", .threatLegalAction),
        (.agent, "Nobody is going to jail over a credit card.", .threatArrest),
        (.agent, "We don't garnish wages, we just want a plan.", .threatLegalAction),
        (.agent, "We are not affiliated with any government agency.", .falseAffiliation),
        (.consumer, "I'm not filing bankruptcy.", .consumerBankruptcy),
        (.consumer, "I've never filed for bankruptcy.", .consumerBankruptcy),
        (.consumer, "I don't have a lawyer.", .consumerAttorney),
        (.consumer, "I'm not disputing it.", .consumerDispute),
    ])
    func denied(speaker: Speaker, text: String, code: FindingCode) {
        #expect(!codes(speaker, text).contains(code))
    }

    @Test("a negation about paying, calling or being stopped leaves the finding", arguments: [
        (Speaker.agent, "If you don't pay, we will sue you.", FindingCode.threatLegalAction),
        (.agent, "If you do not pay we will sue you.", .threatLegalAction),
        (.agent, "Not paying a debt is a crime.", .threatArrest),
        (.agent, "If we don't get this resolved, I can't stop them from arresting you.", .threatArrest),
        (.agent, "You don't want me showing up at your door.", .threatHarm),
        (.agent, "Don't be such a moron.", .abusiveLanguage),
        (.agent, "Don't think I won't show up at your door.", .threatHarm),
        (.consumer, "Please don't call me at work.", .consumerInconvenientTime),
        (.consumer, "Do not call me again.", .consumerCeaseRequest),
        (.consumer, "No, I filed bankruptcy last month.", .consumerBankruptcy),
        (.consumer, "My check doesn't even cover groceries.", .consumerHardship),
        (.consumer, "I can't pay now, but I will pay fifty dollars on Friday.", .promiseToPay),
    ])
    func stands(speaker: Speaker, text: String, code: FindingCode) {
        #expect(codes(speaker, text).contains(code))
    }

    @Test("a question is not a statement, unless it is about the speaker's own", arguments: [
        ("Are you a lawyer?", false),
        ("Do I need an attorney for this?", false),
        ("Who said anything about bankruptcy?", false),
        ("Did you get the letter from my attorney?", true),
        ("Can you call my lawyer instead?", true),
        ("I have a lawyer.", true),
    ])
    func questions(text: String, found: Bool) {
        let got = codes(.consumer, text)
        #expect((got.contains(.consumerAttorney) || got.contains(.consumerBankruptcy)) == found)
    }

    @Test("questions opened by would, could, can or will ask too, unless they say what the speaker did", arguments: [
        ("Would bankruptcy even help me?", false),
        ("Could I get a lawyer for something like this?", false),
        ("What happens if I file for bankruptcy?", false),
        ("Can a lawyer help with this?", false),
        ("Will you stop calling now that I filed for bankruptcy?", true),
        ("Why do you keep calling when I told you I have a lawyer?", true),
        ("Can you send it to my attorney?", true),
        ("Didn't you get the notice from the bankruptcy court? I filed.", true),
        ("Haven't you heard from the lawyer handling this?", true),
    ])
    func modalQuestions(text: String, found: Bool) {
        let got = codes(.consumer, text)
        #expect((got.contains(.consumerAttorney) || got.contains(.consumerBankruptcy)) == found)
    }

    @Test("a denial after the thing denies it, where the rule reads so", arguments: [
        ("Bankruptcy is not an option for me.", FindingCode.consumerBankruptcy, false),
        ("Bankruptcy really isn't something I'd do.", .consumerBankruptcy, false),
        ("A lawyer isn't something I can afford right now.", .consumerAttorney, false),
        ("Bankruptcy is not off the table for me.", .consumerBankruptcy, true),
        ("Bankruptcy is not out of the question.", .consumerBankruptcy, true),
        ("My lawyer is not available today, call him Monday.", .consumerAttorney, true),
        ("My ex filed for bankruptcy last year.", .consumerBankruptcy, false),
    ])
    func deniedAfter(text: String, code: FindingCode, found: Bool) {
        #expect(codes(.consumer, text).contains(code) == found)
    }

    @Test("rules without it keep a complaint shaped like a denial")
    func complaintsAfterTheThing() {
        #expect(codes(.consumer, "Calling me at work is not okay.").contains(.consumerInconvenientTime))
        #expect(codes(.consumer, "That balance is not right, I never owed that much.").contains(.consumerDispute))
    }

    @Test("not before a time or a place says when not to call; a form of be before it denies", arguments: [
        ("Not at dinner time, please, call later.", true),
        ("Call me after six when I'm home, not during work.", true),
        ("Never before nine in the morning, okay?", true),
        ("I'm not at work today, so we can talk.", false),
        ("Nobody is at work right now.", false),
    ])
    func restrictions(text: String, found: Bool) {
        #expect(codes(.consumer, text).contains(.consumerInconvenientTime) == found)
    }

    @Test("clauses end at punctuation, not inside 1,200 or 49.99")
    func clauses() {
        let (tokens, clause) = TextNormalizer.clauses("No, I owe $1,200. Not 49.99!")
        #expect(tokens == ["no", "i", "owe", "1200", "dollars", "not", "49.99"])
        #expect(clause == [0, 1, 1, 1, 1, 2, 2])
        #expect(TextNormalizer.tokens("Well, no. I don't.") == ["well", "no", "i", "do", "not"])
    }

    @Test("a negation does not reach across a clause: no, I filed; someone else's bankruptcy is theirs")
    func acrossClauses() {
        #expect(!Negation.denies(3..<4, in: HeardWords(text: "No, I filed bankruptcy")))
        #expect(Negation.denies(3..<4, in: HeardWords(text: "I am not bankrupt")))
        #expect(!codes(.consumer, "My brother filed bankruptcy, but I didn't.").contains(.consumerBankruptcy))
    }
}

@Suite struct DenialScopeTests {
    @Test("a required disclosure after a denial without a comma is still said")
    func disclosuresAreNeverDenied() throws {
        let detector = try FindingDetector.bundled()
        let heard = [HeardTurn(speaker: .agent, start: 0, end: 4, hearings: ["I am not a lawyer I am a debt collector"])]
        #expect(detector.findings(in: heard).contains { $0.code == .disclosureMiniMiranda })
    }
}
