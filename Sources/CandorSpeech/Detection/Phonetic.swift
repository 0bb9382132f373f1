import Foundation

/// A small Metaphone-style key: words that sound alike get the same key ("court"/"caught",
/// "sue"/"soo", "jail"/"gail"), which is how a recogniser usually errs on telephone audio.
/// Not the full Metaphone: enough rules for the vocabulary of collection calls.
public enum Phonetic {
    public static func key(_ word: String) -> String {
        var w = Array(word.lowercased().filter { $0.isLetter })
        guard !w.isEmpty else { return "" }
        // Silent first letters: knock, gnaw, wrong, psych.
        if w.count > 1, ["kn", "gn", "wr", "pn", "ps"].contains(String(w[0...1])) { w.removeFirst() }
        if w.first == "x" { w[0] = "s" }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        var out = ""
        var i = 0
        func at(_ k: Int) -> Character? { k >= 0 && k < w.count ? w[k] : nil }
        while i < w.count {
            let c = w[i], next = at(i + 1), prev = at(i - 1)
            var emit = ""
            switch c {
            case "a", "e", "i", "o", "u": emit = i == 0 ? "A" : ""
            case "b": emit = (prev == "m" && next == nil) || next == "t" ? "" : "B"  // thumb, debt
            case "c":
                if next == "h" { emit = "X"; i += 1 }
                else if let n = next, "eiy".contains(n) { emit = "S" }
                else if next == "k" { emit = "K"; i += 1 }
                else { emit = "K" }
            case "d": emit = next == "g" && at(i + 2).map({ "eiy".contains($0) }) == true ? "J" : "T"
            case "g":
                if next == "h" { emit = i == 0 ? "K" : ""; i += 1 }  // night, though
                else if next == "n" && (at(i + 2) == nil || (at(i + 2) == "s" && at(i + 3) == nil)) { emit = "" }
                else if let n = next, "eiy".contains(n) { emit = "J" }
                else { emit = "K" }
            case "h": emit = (prev.map { vowels.contains($0) } ?? true) && next.map({ vowels.contains($0) }) == true ? "H" : ""
            case "k": emit = prev == "c" ? "" : "K"
            case "p": if next == "h" { emit = "F"; i += 1 } else { emit = "P" }
            case "q": emit = "K"
            case "s":
                if next == "h" { emit = "X"; i += 1 }
                else if next == "i", let n2 = at(i + 2), "ao".contains(n2) { emit = "X" }
                else { emit = "S" }
            case "t":
                if next == "h" { emit = "0"; i += 1 }
                else if next == "i", let n2 = at(i + 2), "ao".contains(n2) { emit = "X" }
                else { emit = "T" }
            case "v": emit = "F"
            case "w", "y": emit = next.map { vowels.contains($0) } == true ? String(c).uppercased() : ""
            case "x": emit = "KS"
            case "z": emit = "S"
            default: emit = String(c).uppercased()
            }
            // Collapse doubled sounds: "called" ~ "cald".
            if !emit.isEmpty && !out.hasSuffix(emit) { out += emit }
            i += 1
        }
        return out
    }
}
