/// What a CONSUMER_INCONVENIENT_TIME finding's words say about when not to call, as windows
/// in the consumer's local time (the compliance engine's `InconvenientWindow` shape: days,
/// from inclusive, to exclusive, "HH:MM"). Only plain statements are read; anything else
/// ("not a good time", "after 6") is `nil`: the product then pauses calls until a person
/// reads the transcript (12 CFR 1006.6(b)(1): a time known to be inconvenient).
public enum InconvenientTimeReading {
    public struct Window: Sendable, Equatable, Codable {
        public var days: [String]
        public var from: String
        public var to: String

        public init(days: [String], from: String, to: String) { self.days = days; self.from = from; self.to = to }
    }

    static let everyDay = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let weekdays = ["mon", "tue", "wed", "thu", "fri"]

    public static func windows(from text: String) -> [Window]? {
        let words = Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
        func has(_ w: String...) -> Bool { w.contains { words.contains($0) } }
        if has("only") && has("evening", "evenings") { return [Window(days: everyDay, from: "08:00", to: "17:00")] }
        if has("only") && has("morning", "mornings") { return [Window(days: everyDay, from: "12:00", to: "21:00")] }
        if has("weekends") && has("only") { return [Window(days: weekdays, from: "08:00", to: "21:00")] }
        if has("night") && has("shift") || has("sleep") { return [Window(days: everyDay, from: "08:00", to: "17:00")] }
        if has("not") && has("during") {
            if has("day", "daytime") { return [Window(days: everyDay, from: "08:00", to: "17:00")] }
            if has("morning") { return [Window(days: everyDay, from: "08:00", to: "12:00")] }
            if has("evening") { return [Window(days: everyDay, from: "17:00", to: "21:00")] }
            if has("week") { return [Window(days: weekdays, from: "08:00", to: "21:00")] }
        }
        // "Don't call me at work", "during work hours", "my boss": the working day.
        if has("work", "job", "workplace", "boss") { return [Window(days: weekdays, from: "08:00", to: "17:00")] }
        return nil
    }
}
