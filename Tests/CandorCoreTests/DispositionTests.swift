import CandorCore
import Foundation
import Testing

@Suite("Dispositions")
struct DispositionTests {
    let now = PlanFixture.instant("2026-03-09T14:05:00Z")

    @Test("every disposition writes an outcome the compliance engine knows")
    func outcomesAreSpecOutcomes() {
        // shared/spec/contact-decisions.md, history[].outcome for phone.
        let spec: Set = ["no_answer", "busy", "voicemail", "limited_content_message", "machine", "abandoned",
                         "conversation", "third_party", "not_connected"]
        for d in Disposition.allCases { #expect(spec.contains(d.contactOutcome), "\(d)") }
    }

    @Test("talking with the consumer is a conversation, whatever they said", arguments: [
        Disposition.rightPartyContact, .refused, .callbackRequested, .promise, .dispute, .ceaseRequest,
        .attorney, .bankruptcy, .hardship,
    ])
    func conversations(d: Disposition) {
        #expect(d.contactOutcome == "conversation")
        #expect(d.isRightPartyContact)
    }

    @Test("someone else, or nobody, is not a right-party contact", arguments: [
        (Disposition.thirdParty, "third_party"), (.wrongNumber, "third_party"), (.deceased, "third_party"),
        (.noAnswer, "no_answer"), (.voicemail, "voicemail"),
    ])
    func notRightParty(d: Disposition, outcome: String) {
        #expect(d.contactOutcome == outcome)
        #expect(!d.isRightPartyContact)
    }

    @Test("the dispositions that change status set the matching flag, and only they do")
    func flags() {
        let expected: [Disposition: DispositionFlag] = [
            .ceaseRequest: .cease, .attorney: .attorney, .bankruptcy: .bankruptcy, .deceased: .deceased,
            .dispute: .disputePending,
        ]
        for d in Disposition.allCases { #expect(d.setsFlag == expected[d], "\(d)") }
        #expect(Set(DispositionFlag.allCases.map(\.rawValue)) == ["cease", "attorney", "bankruptcy", "deceased", "dispute_pending"])
    }

    @Test("flags, hardship and wrong numbers need review; ordinary outcomes do not")
    func review() {
        let reviewed = Set(Disposition.allCases.filter(\.needsReview))
        #expect(reviewed == [.ceaseRequest, .attorney, .bankruptcy, .deceased, .dispute, .hardship, .wrongNumber])
    }

    @Test("raw values are stable snake_case for storage and forms")
    func rawValues() throws {
        #expect(Disposition.rightPartyContact.rawValue == "right_party_contact")
        #expect(Disposition(rawValue: "cease_request") == .ceaseRequest)
        let json = try JSONEncoder().encode([Disposition.callbackRequested])
        #expect(String(decoding: json, as: UTF8.self) == #"["callback_requested"]"#)
    }

    @Test("recording a bankruptcy flags every account discussed, with who and when")
    func recordFlag() throws {
        let out = try Disposition.bankruptcy.record(accounts: ["A1", "A2"], by: "u-7", at: now, direction: .inbound)
        #expect(out.contactLog.outcome == "conversation")
        #expect(out.contactLog.direction == .inbound)
        #expect(out.contactLog.accounts == ["A1", "A2"])
        #expect(out.flagChanges.map(\.account) == ["A1", "A2"])
        #expect(out.flagChanges.allSatisfy { $0.flag == .bankruptcy && $0.setBy == "u-7" && $0.at == now })
        #expect(out.needsReview)
    }

    @Test("a no-answer writes the log and nothing else")
    func recordNoAnswer() throws {
        let out = try Disposition.noAnswer.record(accounts: ["A1"], by: "dialer", at: now)
        #expect(out.contactLog == ContactLogLine(at: now, direction: .outbound, outcome: "no_answer", accounts: ["A1"]))
        #expect(out.flagChanges.isEmpty)
        #expect(!out.needsReview)
    }

    @Test("a promise, callback or hardship cannot be saved without what it needs")
    func followUps() throws {
        #expect(throws: DispositionError.missingFollowUp(.promise, .promiseToPay)) {
            try Disposition.promise.record(accounts: ["A1"], by: "u", at: now)
        }
        #expect(throws: DispositionError.missingFollowUp(.callbackRequested, .callbackTime)) {
            try Disposition.callbackRequested.record(accounts: ["A1"], by: "u", at: now)
        }
        #expect(throws: DispositionError.missingFollowUp(.hardship, .budget)) {
            try Disposition.hardship.record(accounts: ["A1"], by: "u", at: now)
        }
        #expect(throws: DispositionError.callbackInThePast) {
            try Disposition.callbackRequested.record(accounts: ["A1"], by: "u", at: now, callbackAt: now.addingTimeInterval(-60))
        }
        #expect(throws: DispositionError.noAccount) { try Disposition.voicemail.record(accounts: [], by: "u", at: now) }
        let later = now.addingTimeInterval(3600)
        #expect(try Disposition.callbackRequested.record(accounts: ["A1"], by: "u", at: now, callbackAt: later).callbackAt == later)
        #expect(try Disposition.promise.record(accounts: ["A1"], by: "u", at: now, hasPromise: true).flagChanges.isEmpty)
    }

    @Test("error messages say what is missing")
    func messages() {
        #expect(DispositionError.missingFollowUp(.promise, .promiseToPay).description == "'Promise to pay' needs the promised amount and date")
    }
}
