import Testing
@testable import CandorSpeech

@Suite("Reading an inconvenient time from the consumer's words")
struct InconvenientTimeReadingTests {
    @Test("plain statements become windows in the consumer's local time; anything unclear is nil (calls pause for review)",
          arguments: [
            ("don't call me at work", ["mon", "tue", "wed", "thu", "fri"], "08:00", "17:00"),
            ("during work hours", ["mon", "tue", "wed", "thu", "fri"], "08:00", "17:00"),
            ("not during the day", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "08:00", "17:00"),
            ("evenings only", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "08:00", "17:00"),
            ("only in the morning", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "12:00", "21:00"),
            ("weekends only", ["mon", "tue", "wed", "thu", "fri"], "08:00", "21:00"),
            ("I work the night shift", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "08:00", "17:00"),
            ("not during the evening", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "17:00", "21:00"),
          ])
    func plain(_ words: String, _ days: [String], _ from: String, _ to: String) {
        #expect(InconvenientTimeReading.windows(from: words) == [.init(days: days, from: from, to: to)])
    }

    @Test("unclear words are not guessed", arguments: ["this is not a good time", "after 6 pm", "bad time", "inconvenient"])
    func unclear(_ words: String) {
        #expect(InconvenientTimeReading.windows(from: words) == nil)
    }
}
