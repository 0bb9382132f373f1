import CandorCore
import CandorStore
import Foundation
import Hummingbird
import Mustache

/// `GET/POST /sign-in`, `POST /sign-out` (pages) and `POST /api/sessions` (JSON clients).
///
/// The sign-in form is itself protected against login CSRF (a foreign page signing the
/// browser into someone else's account) by a double-submit token: `GET /sign-in` sets a
/// random `candor_signin` cookie and puts the same value in the form; the post must match.
struct SignInController {
    let authenticator: Authenticator
    let templates: MustacheLibrary
    let settings: AuthSettings
    static let formCookie = "candor_signin"

    struct SessionRequest: Decodable { let username: String; let password: String }
    struct SessionResponse: ResponseEncodable {
        struct User: Encodable { let username: String; let displayName: String; let role: String; let clients: [String] }
        let token: String
        let csrfToken: String
        let expiresAt: Date
        let user: User
    }

    func addRoutes(to router: Router<CandorRequestContext>) {
        router.get("sign-in") { request, _ -> Response in
            let next = Self.safeNext(request.uri.queryParameters["next"].map(String.init))
            return try page(error: nil, username: "", next: next, status: .ok, reusing: request.cookies[Self.formCookie]?.value)
        }
        router.post("sign-in") { request, context -> Response in
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 64 * 1024))
            func field(_ name: String) -> String { SessionMiddleware.formField(name, in: body) ?? "" }
            let next = Self.safeNext(field("next"))
            guard let cookie = request.cookies[Self.formCookie]?.value, !cookie.isEmpty,
                  SessionToken.constantTimeEqual(cookie, field("csrf_token")) else {
                return try page(error: SessionMiddleware.csrfMessage, username: field("username"), next: next, status: .forbidden)
            }
            switch try await authenticator.signIn(username: field("username"), password: field("password")) {
            case .refused:
                return try page(error: Authenticator.refusedMessage, username: field("username"), next: next, status: .unauthorized)
            case .locked(let until):
                return try page(error: Authenticator.lockedMessage(until), username: field("username"), next: next, status: .tooManyRequests)
            case .signedIn(let session, _):
                var response = Response(status: .seeOther, headers: [.location: next])
                response.setCookie(SessionMiddleware.cookie(session.token, maxAge: Int(SignInPolicy.absoluteLifetime), secure: settings.secureCookies))
                response.setCookie(Cookie(name: Self.formCookie, value: "", maxAge: 0, path: "/sign-in", secure: settings.secureCookies, httpOnly: true, sameSite: .lax))
                return response
            }
        }
        router.post("sign-out") { request, context -> Response in
            if let (token, _) = SessionMiddleware.token(in: request) { try await authenticator.store.deleteSession(token: token) }
            var response = Response(status: .seeOther, headers: [.location: "/sign-in"])
            response.setCookie(SessionMiddleware.cookie("", maxAge: 0, secure: settings.secureCookies))
            return response
        }
        router.post("api/sessions") { request, context -> EditedResponse<SessionResponse> in
            var request = request
            let body = try await request.decodeJSON(as: SessionRequest.self, context: context)
            switch try await authenticator.signIn(username: body.username, password: body.password) {
            case .refused: throw APIError(.unauthorized, Authenticator.refusedMessage)
            case .locked(let until): throw APIError(.tooManyRequests, Authenticator.lockedMessage(until))
            case .signedIn(let session, let user):
                return EditedResponse(status: .created, response: SessionResponse(
                    token: session.token, csrfToken: session.csrfToken, expiresAt: session.expiresAt,
                    user: .init(username: user.username, displayName: user.displayName, role: user.role.rawValue, clients: user.clientCodes)))
            }
        }
    }

    /// The form, with a double-submit token in a cookie scoped to `/sign-in`. A token the
    /// browser already holds is kept: browsers fetch other things while a page is open (a
    /// favicon that redirects here, a second tab), and a new token on each of those would
    /// make the open form stale.
    func page(error: String?, username: String, next: String, status: HTTPResponse.Status, reusing held: String? = nil) throws -> Response {
        let token = held.flatMap { $0.count >= 32 && $0.count <= 64 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } ? $0 : nil }
            ?? SessionToken.generate()
        var context: [String: Any] = ["title": "Sign in", "formToken": token, "next": next, "username": username]
        if let error { context["error"] = error }
        guard let html = templates.render(context, withTemplate: "sign_in") else {
            throw APIError(.internalServerError, "template sign_in is missing")
        }
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
        response.setCookie(Cookie(name: Self.formCookie, value: token, maxAge: 3600, path: "/sign-in",
                                  secure: settings.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    /// Only a local path may follow sign-in (no open redirect to another site).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\") else { return "/accounts" }
        return next
    }
}
