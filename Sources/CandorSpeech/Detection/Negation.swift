import Foundation

/// "We are not going to sue you", "I never filed for bankruptcy", "nobody is going to jail":
/// a phrase the speaker denies is not a finding. A match is denied when a negation stands
/// shortly before it in the same clause; patterns that carry their own negation ("do not call
/// me again", "not my debt") are read as written and never denied.
enum Negation {
    /// How far back a negation reaches: "not going to be =repossessed" (4 words), but not
    /// across "if you do not pay we will =sue" (the negation is 5 words back, and about paying).
    static let reach = 4

    static let cues: Set<String> = ["not", "never", "nobody", "nothing", "none", "neither", "nor", "no"]

    /// "no" before a pronoun or a courtesy is an answer ("no, I filed last month"), and before
    /// "uncertain", "doubt", "matter" an idiom ("in no uncertain terms"): neither denies.
    static let notDenyingAfterNo: Set<String> = ["i", "you", "we", "he", "she", "they", "it", "sir", "ma'am", "maam", "thanks", "thank",
                                              "ok", "okay", "well", "but", "actually", "listen", "look", "please", "man", "no",
                                              "uncertain", "doubt", "matter"]

    /// What a negation denies when it comes first is the consumer's part of a threat, not the
    /// threat: "if you do not pay, we will sue", "do not make me send the sheriff", "you do not
    /// want me showing up at your door", "do not call me at work".
    /// Also what cannot be stopped or is not enough: "I can not stop them from arresting you",
    /// "my check does not even cover groceries", "you will not like what happens next".
    static let conditionVerbs: Set<String> = [
        "pay", "paid", "paying", "pays", "make", "want", "think", "let", "forget", "ignore", "dare", "test", "try",
        "answer", "respond", "call", "calling", "settle", "cooperate", "mess", "push", "care", "hang", "pick", "wait",
        "stop", "help", "guarantee", "promise", "like", "likes", "ring", "reach", "take", "contact", "phone", "text",
        "bother", "allow", "allowed", "cover", "enough", "afford", "even",
    ]

    /// Words that open a time or a place: "not at dinner time", "not during work", "never before
    /// nine" say when not to call.
    static let restrictingPrepositions: Set<String> = ["at", "during", "before", "after", "until", "till", "between", "around", "on", "in", "past", "while"]

    /// A form of "be" before the negation makes it a statement of fact again: "I am not at work".
    static let beVerbs: Set<String> = ["am", "is", "are", "was", "were", "be", "been"]

    /// Whether a negation in the same clause, at most `reach` words before `range`, denies it.
    /// With `restricting` (rules about when and where to call), "not" or "never" before a time or
    /// a place restricts instead of denying ("call later, not at dinner time"), unless a form of
    /// "be" comes before it ("I am not at work") or it is the idiom "not at all".
    static func denies(_ range: Range<Int>, in words: HeardWords, restricting: Bool = false) -> Bool {
        let start = range.lowerBound
        guard start > 0 else { return false }
        for j in stride(from: start - 1, through: max(0, start - reach), by: -1) {
            guard words.clause[j] == words.clause[start] else { return false }
            let cue = words.tokens[j]
            guard cues.contains(cue) else { continue }
            // Two negations affirm: "do not think I will not show up at your door".
            if (max(0, j - 4)..<j).contains(where: { words.clause[$0] == words.clause[j] && cues.contains(words.tokens[$0]) }) { continue }
            let next = j + 1 < words.tokens.count ? words.tokens[j + 1] : ""
            if cue == "no", notDenyingAfterNo.contains(next) { continue }
            // "do not be calling me at seven": the verb may come one word later.
            let then = next == "be" && j + 2 < words.tokens.count ? words.tokens[j + 2] : next
            if conditionVerbs.contains(next) || conditionVerbs.contains(then) { continue }
            if restricting, cue == "not" || cue == "never", restrictingPrepositions.contains(next),
               j == 0 || !beVerbs.contains(words.tokens[j - 1]),
               !(next == "at" && j + 2 < words.tokens.count && words.tokens[j + 2] == "all") { continue }
            // "do not be such a moron" still says it.
            if cue == "not", next == "be", j > 0, words.tokens[j - 1] == "do" { continue }
            return true
        }
        return false
    }

    /// Whether the match stands in a question that is not about the speaker's own: "would
    /// bankruptcy help?", "could I get a lawyer for this?", "what if I file?" ask; "did you get the
    /// letter from my attorney?" and "will you stop calling now that I filed?" say.
    static func asks(_ range: Range<Int>, in words: HeardWords) -> Bool {
        let c = words.clause[range.lowerBound]
        guard words.questions.contains(c) else { return false }
        let inClause = words.tokens.indices.filter { words.clause[$0] == c }
        // "Didn't you get the notice from the bankruptcy court?", "haven't you heard from my
        // lawyer?": a question opened by a negated "did/do/have/has/was/were" and "you" is
        // rhetorical; it states.
        if inClause.count >= 3, rhetorical.contains(words.tokens[inClause[0]]),
           words.tokens[inClause[1]] == "not", words.tokens[inClause[2]] == "you" { return false }
        return !inClause.contains { i in
            let w = words.tokens[i]
            if w == "my" || w == "our" { return true }
            // "I" past the opening ("could I...", "do I...") and not hypothetical ("if I...").
            return w == "i" && i - inClause[0] >= 2 && !hypothetical.contains(words.tokens[i - 1])
        }
    }

    static let rhetorical: Set<String> = ["did", "do", "does", "have", "has", "was", "were"]

    static let hypothetical: Set<String> = ["if", "whether", "unless", "should", "would", "could", "can", "do", "did"]

    /// "Bankruptcy is not an option for me", "a lawyer isn't something I can pay for": a verb and
    /// a negation right after the match deny it as well, for rules that ask for it
    /// (`PhraseTable.Rule.deniedAfter`). Not when the thing is the speaker's own ("my lawyer is
    /// not available today") or the negation is undone ("is not out of the question").
    static func deniesAfter(_ range: Range<Int>, in words: HeardWords) -> Bool {
        let c = words.clause[range.lowerBound], t = words.tokens
        func at(_ i: Int) -> String? { i < t.count && words.clause[i] == c ? t[i] : nil }
        var k = range.upperBound
        if let adverb = at(k), softeners.contains(adverb) { k += 1 }  // "bankruptcy really isn't..."
        guard let verb = at(k), verbsBeforeDenial.contains(verb) else { return false }
        k += 1
        if let adverb = at(k), softeners.contains(adverb) { k += 1 }
        guard let cue = at(k), cue == "not" || cue == "never" else { return false }
        let rest = (k + 1..<k + 4).compactMap(at)
        if rest.first.map(undoing.contains) == true || rest.starts(with: ["out", "of"]) { return false }
        return !(t.indices.contains { words.clause[$0] == c && $0 < range.lowerBound && (t[$0] == "my" || t[$0] == "our") })
    }

    static let verbsBeforeDenial: Set<String> = ["is", "are", "was", "were", "has", "have", "had", "does", "do", "will", "would"]
    static let softeners: Set<String> = ["really", "just", "even", "definitely", "certainly", "simply", "been", "be"]
    /// "not off the table", "not ruled out", "not over": the thing stands.
    static let undoing: Set<String> = ["off", "ruled", "over", "done", "finished", "closed", "discharged", "complete", "completed", "final", "only", "just", "yet", "ok", "okay", "fine", "cheap", "free"]
}
