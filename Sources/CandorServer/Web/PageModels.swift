import CandorCore
import CandorStore
import Foundation

/// View models: domain values turned into the strings a collector reads.
struct AccountsView {
    let query: AccountQuery
    let page: AccountPage

    var context: [String: Any] {
        let accounts: [[String: Any]] = page.accounts.map {
            ["id": $0.id.rawValue, "name": $0.consumerName, "client": $0.clientCode, "number": $0.clientAccountNumber,
             "state": $0.state ?? "", "status": label($0.status.rawValue), "balance": $0.balance.formatted]
        }
        var context: [String: Any] = [
            "title": "Accounts", "accounts": accounts, "hasAccounts": !accounts.isEmpty,
            "range": accounts.isEmpty ? "" : "\(page.offset + 1)–\(page.offset + accounts.count)",
        ]
        if let q = query.search, !q.isEmpty { context["query"] = q }
        if page.offset > 0 { context["previous"] = String(max(0, page.offset - page.limit)) }
        if page.hasMore { context["next"] = String(page.offset + page.limit) }
        return context
    }
}

struct AccountView {
    let detail: AccountDetail
    let contactability: [ContactPointStatus]

    var context: [String: Any] {
        let a = detail.account
        let c = detail.consumer
        let i = a.itemization
        var running = i.amount
        let ledger: [[String: Any]] = detail.ledger.entries.map { e in
            running += e.amount
            return ["date": e.effectiveDate.description, "kind": e.kind.rawValue, "memo": e.memo ?? "",
                    "amount": e.amount.formatted, "balanceAfter": running.formatted]
        }
        let phones: [[String: Any]] = c.phones.map {
            ["number": $0.number.formatted, "e164": $0.number.e164, "lineType": $0.lineType.rawValue, "consent": $0.autodialerConsent]
        }
        var context: [String: Any] = [
            "id": a.id.rawValue, "title": c.fullName, "name": c.fullName, "client": detail.client.code, "number": a.clientAccountNumber,
            "balance": detail.balance.formatted, "status": label(a.status.rawValue),
            "originalCreditor": a.originalCreditor ?? "—", "currentCreditor": a.currentCreditor ?? "—",
            "product": a.product.map { label($0.rawValue) } ?? "—",
            "openDate": a.openDate?.description ?? "—", "delinquencyDate": a.delinquencyDate?.description ?? "—",
            "chargeOffDate": a.chargeOffDate?.description ?? "—", "lastPaymentDate": a.lastPaymentDate?.description ?? "—",
            "itemizationDate": i.date.description, "itemizationDateType": label(i.dateType.rawValue),
            "itemizationAmount": i.amount.formatted, "interestSince": i.interestSince.formatted,
            "feesSince": i.feesSince.formatted, "paymentsSince": i.paymentsSince.formatted,
            "creditsSince": i.creditsSince.formatted, "balanceAtPlacement": i.balanceAtPlacement.formatted,
            "dateOfBirth": c.dateOfBirth?.description ?? "—", "ssn": c.ssnMasked ?? "—", "language": c.language ?? "—",
            "emails": c.emails, "phones": phones, "hasPhones": !phones.isEmpty, "ledger": ledger,
        ]
        context["contactability"] = contactability.map { s -> [String: Any] in
            let address: String
            switch s.point.address {
            case .phone(let n): address = (try? PhoneNumber(parsing: n.e164))?.formatted ?? n.e164
            case .text(let t): address = t
            }
            return ["allowed": s.allowed, "address": address, "words": Contactability.plainWords(s),
                    "reasons": s.decision.reasons.sorted.map { ["code": $0.code, "citation": $0.citation] }]
        }
        if let address = c.addresses.first {
            context["address"] = ["line1": address.line1 ?? "", "line2": address.line2 ?? "", "city": address.city ?? "",
                                  "state": address.state ?? "", "postalCode": address.postalCode ?? ""] as [String: Any]
        }
        return context
    }
}

/// `paid_in_full` → `paid in full`.
func label(_ raw: String) -> String { raw.replacingOccurrences(of: "_", with: " ") }
