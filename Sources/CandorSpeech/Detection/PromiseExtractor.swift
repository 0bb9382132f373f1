import Foundation

/// Pulls the amount and the date out of a consumer's promise to pay, where they were said.
enum PromiseExtractor {
    static func details(_ tokens: [String]) -> PromiseDetails {
        PromiseDetails(amountCents: amount(tokens), date: date(tokens))
    }

    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    /// A number (digits or words) directly before "dollars"/"bucks", in cents.
    static func amount(_ t: [String]) -> Int? {
        for (i, w) in t.enumerated() where ["dollars", "dollar", "bucks"].contains(w) && i > 0 {
            if let d = Double(t[i - 1]) { return Int((d * 100).rounded()) }
            // Walk back over number words: "one hundred and twenty five".
            var j = i - 1
            while j >= 0, units[t[j]] != nil || ["hundred", "thousand", "and", "a"].contains(t[j]) { j -= 1 }
            if let v = wordsValue(Array(t[(j + 1)..<i])), v > 0 { return v * 100 }
        }
        return nil
    }

    static func wordsValue(_ words: [String]) -> Int? {
        var total = 0, current = 0, seen = false
        for w in words {
            if let u = units[w] { current += u; seen = true }
            else if w == "hundred" { current = max(current, 1) * 100; seen = true }
            else if w == "thousand" { total += max(current, 1) * 1000; current = 0; seen = true }
            else if w == "a" { current += 0 }  // "a hundred"
        }
        return seen ? total + current : nil
    }

    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let months: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"]
    static let ordinals: Set<String> = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                                        "ninth", "tenth", "fifteenth", "twentieth", "thirtieth"]

    /// The first date expression, as said: "next tuesday", "tomorrow", "the 15th", "june 3", "end of the month".
    static func date(_ t: [String]) -> String? {
        for (i, w) in t.enumerated() {
            let prev = i > 0 ? t[i - 1] : ""
            if weekdays.contains(w) || ["week", "month"].contains(w) && ["next", "this"].contains(prev) {
                return (["next", "this"].contains(prev) ? prev + " " : "") + w
            }
            if ["tomorrow", "today", "tonight", "payday"].contains(w) { return w }
            if w == "end", t.dropFirst(i).prefix(4).contains("month") { return "end of the month" }
            if months.contains(w), w != "may" || (i + 1 < t.count && isDay(t[i + 1])) {
                return i + 1 < t.count && isDay(t[i + 1]) ? "\(w) \(t[i + 1])" : w
            }
            if prev == "the", isDay(w), !(i + 1 < t.count && ["dollars", "bucks"].contains(t[i + 1])) { return "the \(w)" }
        }
        return nil
    }

    private static func isDay(_ w: String) -> Bool {
        ordinals.contains(w) || w.range(of: #"^[0-9]{1,2}(st|nd|rd|th)?$"#, options: .regularExpression) != nil
    }
}
