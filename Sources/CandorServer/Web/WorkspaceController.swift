import CandorCore
import CandorStore
import Foundation
import Hummingbird
import Mustache

/// The collector's workspace in the browser: the account page with its forms (disposition,
/// promise, payment, plan builder, note, review), the work queue and the supervisor board.
/// Plain HTML forms: every action works without JavaScript. A rejected form re-renders the
/// page with the message and the field at fault (4xx), and writes nothing.
struct WorkspaceController {
    let services: AppServices
    let templates: MustacheLibrary
    var store: SQLStore { services.store }

    func addRoutes(to router: Router<CandorRequestContext>) {
        router.get("accounts/:id") { request, context -> HTML in
            let id = try await scoped(context)
            // Every view of an account is audited, on the page as on the API.
            try await store.recordAudit(actor: try context.signedIn().user.id, action: "account.view",
                                        subject: "account:\(id)", details: ["via": "web"])
            let done = request.uri.queryParameters["done"].map(String.init)
            return try await page(id, context: context, notice: done.flatMap { Self.notices[$0] })
        }
        router.post("accounts/:id/dispositions") { request, context -> Response in
            let id = try await scoped(context)
            let form = try await Form(request, context: context)
            return try await act(id, context: context, done: "disposition") {
                let me = try context.require(.collector)
                let zone = try await zoneName(id)
                let body = DispositionBody(
                    disposition: form["disposition"] ?? "", phone: form["phone"], direction: form["direction"],
                    callbackAt: try form.localTime("callback_at", zone: zone), promiseAmountCents: try form.cents("promise_amount"),
                    promiseDueDate: form["promise_due_date"], budget: try form.budgetBody(), note: form["note"], alsoDiscussed: nil)
                _ = try await store.recordDisposition(try body.input(account: id, by: me.user.id))
            }
        }
        router.post("accounts/:id/notes") { request, context -> Response in
            let id = try await scoped(context)
            let form = try await Form(request, context: context)
            return try await act(id, context: context, done: "note") {
                let me = try context.require(.collector)
                _ = try await store.addNote(account: Account.ID(id), body: form["note"] ?? "", by: me.user.id)
            }
        }
        router.post("accounts/:id/payments") { request, context -> Response in
            let id = try await scoped(context)
            let form = try await Form(request, context: context)
            return try await act(id, context: context, done: "payment") {
                let me = try context.require(.collector)
                guard let key = form["idempotency_key"], !key.isEmpty else {
                    throw APIError.badRequest("the form has no idempotency key; reload the page", field: "idempotency_key")
                }
                guard let amount = try form.cents("amount") else { throw APIError.badRequest("enter the amount", field: "amount") }
                var bank: PaymentsController.PaymentBody.Bank?
                if form["method"] == "bank" {
                    bank = .init(holderName: form["holder_name"] ?? "", routingNumber: form["routing_number"] ?? "",
                                 accountNumber: form["account_number"] ?? "", accountType: form["account_type"],
                                 secCode: form["sec_code"] ?? "TEL", recordingReference: form["recording_reference"],
                                 debitDate: try day(form["debit_date"] ?? "", field: "debit_date"))
                }
                let body = PaymentsController.PaymentBody(amountCents: amount, method: form["method"] ?? "", cardToken: form["card_token"], bank: bank)
                _ = try await store.postPayment(PaymentRequest(accountID: Account.ID(id), idempotencyKey: key, amount: Money(cents: amount),
                                                               method: try body.paymentMethod(), createdBy: me.user.id),
                                                cipher: services.cipher, processor: services.paymentProcessor)
            }
        }
        router.post("accounts/:id/bank-authorizations/revocations") { request, context -> Response in
            let id = try await scoped(context)
            let form = try await Form(request, context: context)
            return try await act(id, context: context, done: "revocation") {
                let me = try context.require(.collector)
                let given = { (name: String) in form[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
                let body = PaymentsController.RevocationBody(routingNumber: form["routing_number"] ?? "", accountNumber: given("account_number"),
                                                             accountLast4: given("account_last4"), channel: form["channel"] ?? "",
                                                             reference: form["reference"] ?? "")
                _ = try await store.recordConsumerRevocation(try body.revocation(account: id, by: me.user.id), cipher: services.cipher)
            }
        }
        router.post("accounts/:id/plan-proposals") { request, context -> Response in
            let id = try await scoped(context)
            let form = try await Form(request, context: context)
            try context.require(.collector)
            do {
                guard let budget = try form.budgetBody() else {
                    throw APIError.badRequest("enter the consumer's monthly income", field: "monthly_income")
                }
                let body = ProposalBody(budget: budget, lumpSumCents: try form.cents("lump_sum"), frequency: form["frequency"],
                                        firstDueDate: form["first_due_date"] ?? "")
                let proposal = try await CollectionsController.propose(body, account: id, store: store)
                return try await page(id, context: context, proposal: proposal).response(from: request, context: context)
            } catch {
                return try await failed(id, error, context: context, request: request)
            }
        }
        router.post("accounts/:id/plans") { request, context -> Response in
            let id = try await scoped(context)
            let form = try await Form(request, context: context)
            return try await act(id, context: context, done: "plan") {
                let me = try context.require(.collector)
                guard let total = try form.cents("total"), let installment = try form.cents("installment") else {
                    throw APIError.badRequest("the plan needs a total and an installment", field: "total")
                }
                let body = PlanBody(totalCents: total, installmentCents: installment, frequency: form["frequency"],
                                    firstDueDate: form["first_due_date"] ?? "", approve: form["approve"] == "yes")
                _ = try await store.agreePlan(try body.input(account: id, user: me.user))
            }
        }
        router.post("accounts/:id/dispositions/:disposition/review") { request, context -> Response in
            let id = try await scoped(context)
            _ = try await Form(request, context: context)
            return try await act(id, context: context, done: "review") {
                let me = try context.require(.supervisor)
                _ = try await store.reviewDisposition(id: try context.parameters.require("disposition"), account: Account.ID(id), by: me.user.id)
            }
        }
        router.get("queue") { request, context -> HTML in
            let user = try await CollectionsController.queueUser(request, context: context, store: store)
            let queue = try await store.workQueue(for: user, now: services.clock(), limit: 50)
            return try render("queue", QueueView(queue: queue, user: user).context, for: context)
        }
        router.get("supervisor") { request, context -> HTML in
            try context.require(.supervisor)
            let summary = try await store.supervisorSummary(scope: try context.scopeFilter(), now: services.clock())
            let done = request.uri.queryParameters["done"].map(String.init)
            return try render("supervisor", SupervisorView(summary: summary, notice: done.flatMap { Self.notices[$0] }).context, for: context)
        }
        router.post("supervisor/assignments") { request, context -> Response in
            let form = try await Form(request, context: context)
            let me = try context.require(.supervisor)
            let accounts = (form["accounts"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\r" })
                .map { Account.ID(String($0)) }
            let user = form["user"].flatMap { $0.isEmpty ? nil : $0 }
            _ = try await store.assign(accounts: accounts, to: user, by: me.user.id, within: try context.scopeFilter())
            return Response(status: .seeOther, headers: [.location: "/supervisor?done=assigned"])
        }
    }

    static let notices = ["disposition": "Disposition recorded.", "note": "Note added.", "payment": "Payment posted.",
                          "plan": "Plan agreed.", "review": "Marked as reviewed.", "assigned": "Assignments saved.",
                          "revocation": "Revocation recorded: no debit will be taken from that bank account; scheduled ones are cancelled."]

    func scoped(_ context: CandorRequestContext) async throws -> String {
        let id = try context.parameters.require("id")
        try await context.requireAccount(id, store: store)
        return id
    }

    /// Runs a form's write; success redirects back to the account (post/redirect/get), a
    /// refusal re-renders the page with the message.
    func act(_ id: String, context: CandorRequestContext, done: String, _ write: () async throws -> Void) async throws -> Response {
        do {
            try await write()
            return Response(status: .seeOther, headers: [.location: "/accounts/\(id)?done=\(done)"])
        } catch {
            return try await failed(id, error, context: context, request: nil)
        }
    }

    func failed(_ id: String, _ error: any Error, context: CandorRequestContext, request: Request?) async throws -> Response {
        let (status, message, field) = ErrorMiddleware<CandorRequestContext>.map(error)
        if status.code >= 500 || status == .forbidden || status == .notFound { throw error }
        let text = field.map { "\(message) (field: \($0))" } ?? message
        let html = try await page(id, context: context, error: text)
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html.html)))
    }

    /// The consumer's primary time zone, for reading a callback time they said in their own time.
    func zoneName(_ id: String) async throws -> String? {
        let now = services.clock()
        return try await store.contactState(account: Account.ID(id), now: now)?.contactability(now: now).first?.primaryZoneName
    }

    func page(_ id: String, context: CandorRequestContext, notice: String? = nil, error: String? = nil,
              proposal: ProposalResponse? = nil) async throws -> HTML {
        guard let detail = try await store.account(id: Account.ID(id)) else { throw StoreError.unknownAccount(id) }
        let now = services.clock()
        let statuses = try await store.contactState(account: Account.ID(id), now: now)?.contactability(now: now) ?? []
        let me = try context.signedIn().user
        var workspace = Workspace(
            accountID: id,
            dispositions: try await store.dispositions(account: Account.ID(id)), promises: try await store.promises(account: Account.ID(id)),
            plans: try await store.plans(account: Account.ID(id)), notes: try await store.notes(account: Account.ID(id)),
            payments: try await store.payments(account: Account.ID(id)), rules: try await store.clientRules(clientCode: detail.client.code),
            user: me, today: LocalDate(utcSecondsSinceEpoch: Int64(now.timeIntervalSince1970)), proposal: proposal,
            notice: notice, error: error)
        workspace.speechEvents = try await store.accountEvents(status: nil, withinClients: nil, account: Account.ID(id), limit: 20)
        workspace.names = Dictionary(try await store.users().map { ($0.id, $0.username) }) { a, _ in a }
        // Supervisors read the account's audit trail on the page (newest 50; the API has all).
        if me.role >= .supervisor {
            workspace.audit = Array(try await store.auditEntries(subject: "account:\(id)", limit: 50).reversed())
        }
        var values = AccountView(detail: detail, contactability: statuses).context
        values.merge(workspace.context) { _, new in new }
        return try render("account", values, for: context)
    }

    func render(_ name: String, _ values: [String: Any], for context: CandorRequestContext) throws -> HTML {
        try templates.page(name, values, for: context)
    }
}

/// An `application/x-www-form-urlencoded` body, with the conversions the forms need.
struct Form {
    let fields: [String: String]

    init(_ request: Request, context: CandorRequestContext) async throws {
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: 1 << 20))
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = kv.count > 1 ? SessionMiddleware.decode(kv[1]) : ""
            fields[SessionMiddleware.decode(kv[0])] = value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        self.fields = fields
    }

    subscript(_ name: String) -> String? {
        guard let v = fields[name], !v.isEmpty else { return nil }
        return v
    }

    /// Dollars as people type them (`1,250.5`, `$40`) to cents; nil when empty.
    func cents(_ name: String) throws -> Int64? {
        guard let raw = self[name] else { return nil }
        let cleaned = raw.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: ",", with: "")
        do { return try Money(parsing: cleaned).cents } catch {
            throw APIError.badRequest("\(name.replacingOccurrences(of: "_", with: " ")) must be an amount in dollars like 125.50 (got \"\(raw)\")", field: name)
        }
    }

    /// A `datetime-local` value read in the consumer's time zone (UTC when unknown).
    func localTime(_ name: String, zone: String?) throws -> Date? {
        guard let raw = self[name] else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let d = formatter.date(from: raw) { return d }
        }
        throw APIError.badRequest("\(name) must be a date and time like 2026-12-01T14:30 (got \"\(raw)\")", field: name)
    }

    func budgetBody() throws -> BudgetBody? {
        guard let income = try cents("monthly_income") else { return nil }
        return BudgetBody(monthlyIncomeCents: income, housingCents: try cents("housing"), utilitiesCents: try cents("utilities"),
                          foodCents: try cents("food"), transportCents: try cents("transport"), medicalCents: try cents("medical"),
                          otherCents: try cents("other"))
    }
}
