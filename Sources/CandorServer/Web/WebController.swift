import CandorCore
import CandorStore
import Foundation
import Hummingbird
import Mustache

/// Server-rendered pages; they work without JavaScript.
struct WebController {
    let store: SQLStore
    let templates: MustacheLibrary
    static let pageSize = 50

    func addRoutes(to router: Router<CandorRequestContext>) {
        router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/accounts"]) }
        router.get("accounts") { request, context -> HTML in
            var query = try AccountsController.query(from: request, context: context)
            query.limit = Self.pageSize
            let page = try await store.accounts(query)
            return try render("accounts", AccountsView(query: query, page: page).context, for: context)
        }
    }

    func render(_ name: String, _ values: [String: Any], for context: CandorRequestContext) throws -> HTML {
        try templates.page(name, values, for: context)
    }
}

extension MustacheLibrary {
    /// Renders a page with the layout's session values (who is signed in, the CSRF token).
    func page(_ name: String, _ values: [String: Any], for context: CandorRequestContext) throws -> HTML {
        guard let html = render(values.merging(context.pageSession) { a, _ in a }, withTemplate: name) else {
            throw APIError(.internalServerError, "template \(name) is missing")
        }
        return HTML(html: html)
    }
}

struct HTML: ResponseGenerator {
    let html: String
    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

enum Pages {
    /// A plain error page, built without templates so it renders even when they fail.
    static func errorPage(status: HTTPResponse.Status, message: String) -> String {
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(status.code) · Candor</title></head>
        <body style="font-family:system-ui,sans-serif;max-width:700px;margin:3rem auto">
        <h1>\(status.code) \(escape(status.reasonPhrase))</h1><p>\(escape(message))</p><p><a href="/accounts">Accounts</a></p>
        </body></html>
        """
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
