import Testing
@testable import CandorSpeech

@Suite struct TextTests {
    @Test func contractionsAndDollars() {
        #expect(TextNormalizer.tokens("I can't pay $50, don't call!") == ["i", "can", "not", "pay", "50", "dollars", "do", "not", "call"])
    }

    @Test func soundAlikesShareAKey() {
        #expect(Phonetic.key("jail") == Phonetic.key("jale"))
        #expect(Phonetic.key("debt") == Phonetic.key("det"))
        #expect(Phonetic.key("court") != Phonetic.key("sue"))
    }

    @Test func patternForgivesOneMisheardWordInFour() {
        let p = PhrasePattern("attempt to collect a debt")
        let m = PhraseMatcher.matches(p, in: TextNormalizer.tokens("this is an attempt to collect a net"), minScore: 0.75)
        #expect(m.count == 1)
        #expect(m.first?.score == 0.8)
    }

    @Test func requiredWordIsNeverExcused() {
        let p = PhrasePattern("we will take you to !court")
        #expect(PhraseMatcher.matches(p, in: TextNormalizer.tokens("we will take you to lunch"), minScore: 0.75).isEmpty)
        #expect(!PhraseMatcher.matches(p, in: TextNormalizer.tokens("we will take you to court"), minScore: 0.75).isEmpty)
    }

    @Test func exactWordsIgnoreSoundAlikes() {
        let p = PhrasePattern("=court")
        #expect(PhraseMatcher.matches(p, in: ["card"], minScore: 0.75).isEmpty)
    }

    @Test func gapsNumbersAndStems() {
        #expect(!PhraseMatcher.matches(PhrasePattern("call* ... !record*"), in: TextNormalizer.tokens("this calling is being recorded"), minScore: 0.75).isEmpty)
        #expect(!PhraseMatcher.matches(PhrasePattern("=pay # =dollars"), in: TextNormalizer.tokens("pay one hundred and twenty dollars"), minScore: 0.75).isEmpty)
    }

    @Test func promiseAmountAndDate() {
        let d = PromiseExtractor.details(TextNormalizer.tokens("I can pay one hundred and twenty five dollars next Friday"))
        #expect(d == PromiseDetails(amountCents: 12_500, date: "next friday"))
        #expect(PromiseExtractor.details(TextNormalizer.tokens("I will send $40.50 on the 15th")) == PromiseDetails(amountCents: 4050, date: "the 15th"))
        #expect(PromiseExtractor.details(TextNormalizer.tokens("I will pay soon")) == PromiseDetails(amountCents: nil, date: nil))
    }
}
