import CandorCore
@testable import CandorStore
import Foundation
import Testing

/// 2026-03-10 (a Tuesday, after the spring-forward) 14:30 UTC = 10:30 in Boston, 07:30 in Los Angeles.
let tuesdayAfternoon = ISO8601Instant.parse("2026-03-10T14:30:00Z")!

func importOne(_ store: SQLStore, csv: String) async throws -> (Account.ID, Consumer.ID) {
    _ = try? await store.addClient(code: "ACME", name: "Acme")
    _ = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: try temporaryFile(csv).path, clientCode: "ACME")
    let summary = try await store.accounts(AccountQuery(limit: 1)).accounts[0]
    let detail = try #require(try await store.account(id: summary.id))
    return (summary.id, detail.consumer.id)
}

let bostonCSV = """
    account_number,first_name,last_name,phone1,phone1_type,phone1_consent,email,address_line1,state,postal_code,itemization_date_type,itemization_date,itemization_amount,current_balance
    MA-1,Ana,Ruiz,(617) 555-0142,mobile,Y,ana@example.org,1 Main St,MA,02139,charge_off,2025-12-31,100.00,100.00

    """

@Suite("Contact log and contactability from stored state")
struct ContactLogTests {
    @Test("a fresh account can be called, texted, emailed and written to", arguments: TestDatabase.available)
    func fresh(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { tuesdayAfternoon })
            let (account, _) = try await importOne(store, csv: bostonCSV)
            let state = try #require(try await store.contactState(account: account, now: tuesdayAfternoon))
            let statuses = state.contactability(now: tuesdayAfternoon)
            #expect(statuses.map(\.proposed.channel) == [.phone, .sms, .email, .letter])
            #expect(statuses.allSatisfy { $0.allowed })
        }
    }

    @Test("Massachusetts: a third call to a personal number in seven days is refused until the window passes",
          arguments: TestDatabase.available)
    func massachusetts(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { tuesdayAfternoon })
            let (account, consumer) = try await importOne(store, csv: bostonCSV)
            for hoursAgo in [50.0, 26.0] {
                try await store.recordAttempt(ContactAttemptInput(
                    consumerID: consumer, accountIDs: [account], at: tuesdayAfternoon.addingTimeInterval(-hoursAgo * 3600),
                    channel: .phone, outcome: .noAnswer, address: "+16175550142", source: "dialer"))
            }
            let state = try #require(try await store.contactState(account: account, now: tuesdayAfternoon))
            #expect(state.history.count == 2)
            let call = try #require(state.contactability(now: tuesdayAfternoon).first { $0.proposed.channel == .phone })
            #expect(call.decision.reasons.codes == ["STATE_CALL_FREQUENCY"])
            #expect(call.decision.nextAllowedAt != nil)
            #expect(Contactability.plainWords(call).contains("not now"))
        }
    }

    @Test("a cease flag stops calls, texts and email but not letters; clearing it lifts it", arguments: TestDatabase.available)
    func ceaseFlag(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { tuesdayAfternoon })
            let (account, _) = try await importOne(store, csv: bostonCSV)
            try await store.setFlag(.cease, on: account, by: "agent:7", reason: "consumer asked in writing")
            try await store.setFlag(.cease, on: account, by: "agent:7")
            var statuses = try #require(try await store.contactState(account: account, now: tuesdayAfternoon)).contactability(now: tuesdayAfternoon)
            #expect(statuses.filter(\.allowed).map(\.proposed.channel) == [.letter])
            #expect(statuses.first!.decision.nextAllowedAt == nil)
            try await store.clearFlag(.cease, on: account, by: "compliance:1")
            statuses = try #require(try await store.contactState(account: account, now: tuesdayAfternoon)).contactability(now: tuesdayAfternoon)
            #expect(statuses.allSatisfy { $0.allowed })
        }
    }

    @Test("opt-outs, withdrawn consent and inconvenient times are read from storage", arguments: TestDatabase.available)
    func preferences(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { tuesdayAfternoon })
            let (account, consumer) = try await importOne(store, csv: bostonCSV)
            try await store.addOptOut(consumer: consumer, channel: .email, address: "*", source: "portal")
            try await store.addInconvenientTime(consumer: consumer, days: "tue", from: "10:00", to: "12:00", source: "agent")
            try await store.setConsent(consumer: consumer, number: try PhoneNumber(parsing: "617-555-0142"), consent: false,
                                       source: "consumer said so on a call", by: "agent:7")
            let state = try #require(try await store.contactState(account: account, now: tuesdayAfternoon))
            let byChannel = Dictionary(uniqueKeysWithValues: state.contactability(now: tuesdayAfternoon).map { ($0.proposed.channel, $0) })
            #expect(byChannel[.email]?.decision.reasons.codes == ["CHANNEL_OPT_OUT"])
            #expect(byChannel[.phone]?.decision.reasons.codes == ["CONSUMER_INCONVENIENT_TIME"])
            #expect(byChannel[.sms]?.decision.reasons.codes == ["CONSUMER_INCONVENIENT_TIME", "TCPA_CONSENT_REQUIRED"])
            await #expect(throws: ContactLogError.self) {
                try await store.addInconvenientTime(consumer: consumer, days: "someday", from: "10:00", to: "12:00", source: "agent")
            }
        }
    }

    @Test("an attempt must fit its channel and name the consumer's own accounts", arguments: TestDatabase.available)
    func badAttempts(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { tuesdayAfternoon })
            let (account, consumer) = try await importOne(store, csv: bostonCSV)
            await #expect(throws: ContactLogError.outcomeDoesNotFitChannel(.sent, .phone)) {
                try await store.recordAttempt(ContactAttemptInput(consumerID: consumer, accountIDs: [account], at: tuesdayAfternoon,
                                                                  channel: .phone, outcome: .sent, source: "agent"))
            }
            await #expect(throws: ContactLogError.self) {
                try await store.recordAttempt(ContactAttemptInput(consumerID: Consumer.ID("someone-else"), accountIDs: [account],
                                                                  at: tuesdayAfternoon, channel: .phone, outcome: .noAnswer, source: "agent"))
            }
        }
    }
}

@Suite("Eligible-now list")
struct EligibleNowTests {
    @Test("only numbers the engine allows now are listed, largest balance first", arguments: TestDatabase.available)
    func eligible(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { tuesdayAfternoon })
            _ = try await store.addClient(code: "ACME", name: "Acme")
            let csv = """
                account_number,first_name,last_name,phone1,phone1_type,phone1_consent,phone2,phone2_type,state,postal_code,itemization_date_type,itemization_date,itemization_amount,current_balance
                A-1,Ana,Ruiz,(617) 555-0142,mobile,Y,,,MA,02139,charge_off,2025-12-31,100.00,100.00
                A-2,Ben,Cole,(212) 555-0100,mobile,N,(212) 555-0101,landline,NY,10001,charge_off,2025-12-31,900.00,900.00
                A-3,Cy,Dunn,(213) 555-0100,landline,N,,,CA,90012,charge_off,2025-12-31,500.00,500.00
                A-4,Di,Eve,(305) 555-0100,landline,N,,,FL,33101,charge_off,2025-12-31,700.00,700.00

                """
            _ = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: try temporaryFile(csv).path, clientCode: "ACME")
            let ids = Dictionary(uniqueKeysWithValues: try await store.accounts(AccountQuery(limit: 10)).accounts.map { ($0.clientAccountNumber, $0.id) })
            // Florida consumer asked us to stop.
            try await store.setFlag(.cease, on: ids["A-4"]!, by: "agent:1")
            // 07:30 in Los Angeles: too early there.
            let result = try await store.eligibleNow(EligibleNowRequest(clientCode: "ACME", now: tuesdayAfternoon, dialing: .predictive))
            #expect(result.accountsConsidered == 4)
            #expect(result.numbersConsidered == 5)
            // A-2's mobile lacks consent for predictive dialing; its landline is fine.
            #expect(result.eligible.map(\.number) == ["+12125550101", "+16175550142"])
            #expect(result.refusedByReason[.tcpaConsentRequired] == 1)
            #expect(result.refusedByReason[.outsideCallingHours] == 1)
            #expect(result.refusedByReason[.ceaseCommunication] == 1)
            let later = try await store.eligibleNow(EligibleNowRequest(clientCode: "ACME", now: tuesdayAfternoon.addingTimeInterval(3 * 3600),
                                                                       priority: .balanceAscending))
            #expect(later.eligible.map(\.number) == ["+16175550142", "+12135550100", "+12125550101"])
            // Read a few accounts at a time (SQLite reads chunks of accounts per row): the same list, in the same order.
            for chunk in [1, 3, 4] {
                let chunked = try await store.eligibleNow(EligibleNowRequest(clientCode: "ACME", now: tuesdayAfternoon.addingTimeInterval(3 * 3600),
                                                                             priority: .balanceAscending), engine: .standard, chunk: chunk)
                #expect(chunked.eligible == later.eligible && chunked.accountsConsidered == later.accountsConsidered
                        && chunked.refusedByReason == later.refusedByReason, "chunks of \(chunk)")
            }
        }
    }
}

@Suite("Eligible-now list: duplicate numbers")
struct EligibleDuplicateNumberTests {
    @Test("a number stored twice is listed only when every stored copy allows the call", arguments: TestDatabase.available)
    func duplicateNumber(_ kind: TestDatabase) async throws {
        try await kind.with { db in
            let store = SQLStore(database: db, clock: { tuesdayAfternoon })
            _ = try await store.addClient(code: "ACME", name: "Acme")
            let csv = """
                account_number,first_name,last_name,phone1,phone1_type,phone1_consent,phone2,phone2_type,phone2_consent,state,postal_code,itemization_date_type,itemization_date,itemization_amount,current_balance
                D-1,Ana,Ruiz,(212) 555-0142,mobile,Y,212-555-0142,mobile,N,NY,10001,charge_off,2025-12-31,100.00,100.00
                D-2,Bo,Li,(212) 555-0143,mobile,Y,212-555-0143,mobile,Y,NY,10001,charge_off,2025-12-31,100.00,100.00

                """
            _ = try await PlacementImporter(store: store, cipher: testCipher).importFile(path: try temporaryFile(csv).path, clientCode: "ACME")
            let result = try await store.eligibleNow(EligibleNowRequest(clientCode: "ACME", now: tuesdayAfternoon, dialing: .predictive))
            #expect(result.eligible.map(\.number) == ["+12125550143"])
        }
    }
}
