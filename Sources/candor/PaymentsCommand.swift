import ArgumentParser
import CandorCore
import CandorStore
import Foundation

struct PaymentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "payments", abstract: "Payments: the NACHA file of scheduled bank debits, and the ACH returns that come back.",
                                                    subcommands: [Nacha.self, Returns.self])

    /// `candor payments returns FILE`: reverse the payments an ACH return file returns.
    struct Returns: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply an ACH return file from the bank: reverse each returned debit (matched by the trace number stored at export), undoing exactly its allocation.",
            discussion: """
                The whole file is checked first (94-character records, return addenda after their entry); a bad file
                changes nothing and names the line. Each return is then applied in its own transaction; running the same
                file again reverses nothing twice. Unmatched traces and amount mismatches are listed for a person (exit 1).
                A return saying the consumer revoked or denied the authorization (R05, R07, R10, R29, R51) also records the
                revocation for that bank account (an "authorization_revoked" line: no new debit from it until a new
                authorization is recorded) and cancels the debits from it still scheduled and not yet exported (a
                "cancelled" line each). Notifications of change (COR entries, addenda 98) are applied too: the correction is
                recorded, the debits still scheduled from that bank account take the corrected details (a "corrected" line),
                and new debits from the old details are refused; codes that change no bank account (C08, C09, C13, C14) are
                listed for a person. Bank account numbers are compared decrypted, so the encryption key is needed.
                """)
        @Argument(help: "The return file (NACHA format, from the ODFI).") var file: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .ascii) } catch { throw CLIError("cannot read \(file): \(error.localizedDescription)") }
            let parsed: NachaReturnFile
            do { parsed = try NachaReturnParser.parseFile(text) } catch { throw CLIError("\(file): \(error.description)") }
            let (database, cipher, _) = try await db.open()
            let store = SQLStore(database: database)
            var needsPerson = false
            do {
                // A wrong key stops the file before anything is applied, not between its returns
                // and its notifications of change.
                if parsed.readsBankAccounts { try await store.checkKeyReadsBankAccounts(cipher!) }
                // The returns are printed as soon as they are applied, whatever happens next.
                let report = try await store.applyACHReturns(parsed.returns, cipher: cipher!, by: "system:payments-returns")
                needsPerson = Self.print(report)
                let changes = try await store.applyNotificationsOfChange(parsed.changes, cipher: cipher!, by: "system:payments-returns")
                needsPerson = Self.print(changes) || needsPerson
            } catch {
                await database.shutdown()
                throw CLIError("\(error)")
            }
            await database.shutdown()
            if needsPerson { throw ExitCode(1) }
        }

        /// One JSON line per return (and per revocation and cancellation); true when a person must look.
        static func print(_ report: ReturnsReport) -> Bool {
            var needsPerson = false
            for item in report.items {
                let r = item.entry
                let head = #"{"line": \#(r.line), "trace": "\#(r.originalTrace)", "reason_code": "\#(r.reasonCode)", "amount_cents": \#(r.amount.cents), "#
                switch item.outcome {
                case .reversed(let p): Console.out(head + #""result": "reversed", "payment_id": "\#(p)"}"#)
                case .alreadyReversed(let p): Console.out(head + #""result": "already_reversed", "payment_id": "\#(p)"}"#)
                case .unmatched: needsPerson = true; Console.out(head + #""result": "unmatched"}"#)
                case .amountMismatch(let p, let paid):
                    needsPerson = true
                    Console.out(head + #""result": "amount_mismatch", "payment_id": "\#(p)", "payment_cents": \#(paid.cents)}"#)
                }
                if let bank = item.revokedBankAccount {
                    Console.out(head + #""result": "authorization_revoked", "bank_account": "\#(bank)"}"#)
                }
                for c in item.cancelled {
                    let day = c.scheduledDate.map { #""\#($0)""# } ?? "null"
                    Console.out(head + #""result": "cancelled", "payment_id": "\#(c.payment)", "account_id": "\#(c.account.rawValue)", "payment_cents": \#(c.amount.cents), "scheduled_date": \#(day)}"#)
                }
            }
            return needsPerson
        }

        /// One JSON line per notification of change; true when a person must look.
        static func print(_ changes: ChangesReport) -> Bool {
            var needsPerson = false
            func list(_ ids: [String]) -> String { "[" + ids.map { #""\#($0)""# }.joined(separator: ", ") + "]" }
            for item in changes.items {
                let c = item.entry
                let head = #"{"line": \#(c.line), "trace": "\#(c.originalTrace)", "change_code": "\#(c.changeCode)", "change": "\#(c.meaning)", "#
                switch item.outcome {
                case .applied(let p, let bank, let corrected, let cancelled):
                    Console.out(head + #""result": "corrected", "payment_id": "\#(p)", "bank_account": "\#(bank)", "corrected_payments": \#(list(corrected)), "cancelled_payments": \#(list(cancelled))}"#)
                case .alreadyApplied(let p): Console.out(head + #""result": "already_corrected", "payment_id": "\#(p)"}"#)
                case .unmatched: needsPerson = true; Console.out(head + #""result": "unmatched"}"#)
                case .forAPerson(let p):
                    needsPerson = true
                    let why = c.problem ?? (c.correction == nil ? "this code changes no bank account" : "the corrected details are the ones we sent")
                    Console.out(head + #""result": "for_a_person", "payment_id": "\#(p)", "why": "\#(why)"}"#)
                }
            }
            return needsPerson
        }
    }

    /// `candor payments nacha --date D`: one file of the bank debits due on D not yet exported.
    struct Nacha: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the bank debits scheduled for --date (not yet exported) as a NACHA file and mark them exported.",
            discussion: """
                Originator settings come from the options or, when an option is absent, from the environment variable
                named in its help. The debits are marked exported in the same transaction that builds the file; the file
                is written as <output>.partial inside it and renamed after the commit, so a file at the final name always
                matches what the database says was sent. An existing output file is never overwritten.
                """)
        @Option(help: "Effective entry date, YYYY-MM-DD: debits scheduled for this day are exported.") var date: String
        @Option(help: "Where to write the file (default nacha-<date>-<modifier>.ach).") var output: String?
        @Option(help: "ODFI routing number (env CANDOR_NACHA_ODFI_ROUTING).") var odfiRouting: String?
        @Option(help: "ODFI name, file header Immediate Destination Name (env CANDOR_NACHA_ODFI_NAME).") var odfiName: String?
        @Option(help: "Company Name on the consumer's statement, 16 characters (env CANDOR_NACHA_COMPANY_NAME).") var companyName: String?
        @Option(help: "Company Identification, 10 characters, usually 1 + EIN (env CANDOR_NACHA_COMPANY_ID).") var companyID: String?
        @Option(help: "Immediate Origin as the bank assigned it (env CANDOR_NACHA_ORIGIN; default: the company ID).") var origin: String?
        @Option(help: "Immediate Origin Name (env CANDOR_NACHA_ORIGIN_NAME; default: the company name).") var originName: String?
        @Option(help: "Company Entry Description, 10 characters (env CANDOR_NACHA_ENTRY_DESCRIPTION; default PAYMENT).") var entryDescription: String?
        @Option(help: "File ID Modifier: A for the day's first file to this ODFI, then B, C, ...") var fileIDModifier: String = "A"
        @OptionGroup var db: DatabaseOptions

        func setting(_ value: String?, _ env: String, _ option: String) throws -> String {
            if let value, !value.isEmpty { return value }
            if let v = ProcessInfo.processInfo.environment[env], !v.isEmpty { return v }
            throw CLIError("missing NACHA setting: pass --\(option) or set \(env)")
        }

        func originator() throws -> NachaOriginator {
            let routing: RoutingNumber
            do { routing = try RoutingNumber(try setting(odfiRouting, "CANDOR_NACHA_ODFI_ROUTING", "odfi-routing")) } catch let e as RoutingNumber.ParseError {
                throw CLIError("--odfi-routing: \(e.description)")
            }
            let company = try setting(companyName, "CANDOR_NACHA_COMPANY_NAME", "company-name")
            let companyID = try setting(self.companyID, "CANDOR_NACHA_COMPANY_ID", "company-id")
            let env = ProcessInfo.processInfo.environment
            return NachaOriginator(
                immediateDestination: routing, immediateDestinationName: try setting(odfiName, "CANDOR_NACHA_ODFI_NAME", "odfi-name"),
                immediateOrigin: origin ?? env["CANDOR_NACHA_ORIGIN"] ?? companyID,
                immediateOriginName: originName ?? env["CANDOR_NACHA_ORIGIN_NAME"] ?? company,
                companyName: company, companyID: companyID,
                entryDescription: entryDescription ?? env["CANDOR_NACHA_ENTRY_DESCRIPTION"] ?? "PAYMENT")
        }

        func run() async throws {
            let day: LocalDate
            do { day = try LocalDate(parsing: date) } catch { throw CLIError("--date must be YYYY-MM-DD (got \(date))") }
            guard fileIDModifier.count == 1, let modifier = fileIDModifier.first, modifier.isASCII,
                  modifier.isUppercase || modifier.isNumber else { throw CLIError("--file-id-modifier must be one of A–Z or 0–9") }
            let originator = try originator()
            let path = output ?? "nacha-\(day)-\(modifier).ach"
            guard !FileManager.default.fileExists(atPath: path) else { throw CLIError("\(path) exists; candor never overwrites a NACHA file") }
            let now = Date()
            let seconds = Int64(now.timeIntervalSince1970)
            let stamp = NachaFileStamp(date: LocalDate(utcSecondsSinceEpoch: seconds), hour: Int(seconds % 86_400 / 3600),
                                       minute: Int(seconds % 3600 / 60), fileIDModifier: modifier)
            let (database, cipher, _) = try await db.open()
            let partial = path + ".partial"
            let export: NachaExport
            do {
                export = try await SQLStore(database: database).exportNacha(
                    date: day, originator: originator, stamp: stamp, cipher: cipher!, by: "system:payments-nacha") { file in
                    try file.text.write(toFile: partial, atomically: false, encoding: .ascii)
                }
            } catch {
                try? FileManager.default.removeItem(atPath: partial)
                await database.shutdown()
                throw CLIError("\(error)")
            }
            await database.shutdown()
            guard let file = export.file else {
                Console.err("candor: no bank debits are due on \(day) that have not been exported; no file written")
                return
            }
            do { try FileManager.default.moveItem(atPath: partial, toPath: path) } catch {
                throw CLIError("the debits are marked exported in file \(export.fileID) but renaming \(partial) to \(path) failed: \(error); send \(partial)")
            }
            Console.out(#"{"file": \#(jsonString(path)), "file_id": "\#(export.fileID)", "entries": \#(export.paymentIDs.count), "batches": \#(file.batchCount), "total_debit_cents": \#(file.totalDebit.cents)}"#)
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The audit trail.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit trail's hash chain; report the first broken link (exit 1) or OK (exit 0).")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (database, _, _) = try await db.open(needsKey: false)
            let result: (checked: Int, broken: AuditBreak?)
            do { result = try await SQLStore(database: database).verifyAuditChain() } catch {
                await database.shutdown()
                throw CLIError("\(error)")
            }
            await database.shutdown()
            if let broken = result.broken {
                Console.out("audit trail BROKEN: \(broken.description); the \(result.checked) entries before it verify")
                throw ExitCode(1)
            }
            Console.out("audit trail OK: \(result.checked) entries verify")
        }
    }
}
