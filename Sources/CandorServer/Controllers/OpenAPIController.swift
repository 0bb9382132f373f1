import Foundation
import Hummingbird

/// `GET /openapi.json`: the OpenAPI 3 description of the JSON API. A test checks that it
/// lists exactly the routes the router serves.
struct OpenAPIController {
    func addRoutes(to router: Router<CandorRequestContext>) {
        router.get("openapi.json") { _, _ -> Response in
            let data = try JSONSerialization.data(withJSONObject: OpenAPIDocument.document, options: [.sortedKeys, .prettyPrinted])
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}

public enum OpenAPIDocument {
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func json(_ schema: [String: Any]) -> [String: Any] { ["application/json": ["schema": schema]] }
    static func ok(_ description: String, _ schema: [String: Any]) -> [String: Any] {
        ["description": description, "content": json(schema)]
    }
    static var errorResponse: [String: Any] { ["description": "the request is wrong; the body says which field", "content": json(ref("Error"))] }
    static func query(_ name: String, _ description: String, type: String = "string", required: Bool = false) -> [String: Any] {
        ["name": name, "in": "query", "required": required, "description": description, "schema": ["type": type]]
    }
    static var idParameter: [String: Any] { ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]] }

    public static var document: [String: Any] {
        [
            "openapi": "3.0.3",
            "info": ["title": "Candor API", "version": "0.1.0",
                     "description": "Debt collection with care. Money is integer cents; instants are UTC ISO-8601; dates YYYY-MM-DD."],
            "paths": paths.merging(campaignPaths) { a, _ in a }.merging(paymentPaths) { a, _ in a }
                .merging(collectionsPaths) { a, _ in a }.merging(speechPaths) { a, _ in a },
            "components": ["schemas": schemas.merging(campaignSchemas) { a, _ in a }.merging(paymentSchemas) { a, _ in a }
                .merging(collectionsSchemas) { a, _ in a }.merging(speechSchemas) { a, _ in a }],
        ]
    }

    static var paths: [String: Any] {
        [
            "/health": ["get": ["summary": "Liveness and database check", "responses": ["200": ok("up", ref("Health"))]]],
            "/openapi.json": ["get": ["summary": "This document", "responses": ["200": ["description": "OpenAPI 3 document"]]]],
            "/api/sessions": [
                "post": ["summary": "Sign in: a session token to send as `Authorization: Bearer <token>` (every other /api route needs one, or the browser's session cookie)",
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["username", "password"],
                                                                          "properties": ["username": string, "password": string]])],
                         "responses": ["201": ok("signed in; the session idles out after 8 h and ends after 12 h", ["type": "object", "properties": [
                            "token": string, "csrf_token": string, "expires_at": string,
                            "user": ["type": "object", "properties": ["username": string, "display_name": string, "role": string,
                                                                     "clients": ["type": "array", "items": string]]]]]),
                                       "400": errorResponse, "401": errorResponse,
                                       "429": ["description": "locked for 15 minutes after 5 failed sign-ins", "content": json(ref("Error"))]]],
            ],
            "/api/clients": [
                "get": ["summary": "List clients", "responses": ["200": ok("clients", ["type": "object", "properties": ["clients": ["type": "array", "items": ref("Client")]]])]],
                "post": ["summary": "Add a client", "requestBody": ["required": true, "content": json(ref("NewClient"))],
                         "responses": ["201": ok("created", ref("Client")), "400": errorResponse, "409": errorResponse]],
            ],
            "/api/placements": [
                "get": ["summary": "List placements", "parameters": [query("client", "client code")],
                        "responses": ["200": ok("placements", ["type": "object", "properties": ["placements": ["type": "array", "items": ref("Placement")]]])]],
                "post": ["summary": "Import a placement file (the CSV is the body); same summary as `candor import placements`",
                         "parameters": [query("client", "client code", required: true), query("file_name", "name reported in the summary")],
                         "requestBody": ["required": true, "content": ["text/csv": ["schema": ["type": "string", "format": "binary"]]]],
                         "responses": ["201": ok("imported (rows may still be rejected, see errors)", ref("PlacementSummary")),
                                       "400": errorResponse, "404": errorResponse, "422": errorResponse]],
            ],
            "/api/accounts": [
                "get": ["summary": "List and search accounts",
                        "parameters": [query("q", "name, account number or phone"), query("client", "client code"),
                                       query("limit", "1–500, default 50", type: "integer"), query("offset", "default 0", type: "integer")],
                        "responses": ["200": ok("a page of accounts", ref("AccountPage")), "400": errorResponse]],
            ],
            "/api/compliance/decide": [
                "post": ["summary": "Decide contact scenarios (../shared/spec/contact-decisions.md): an array in, an array of decisions out; a malformed scenario gets an error object in its place",
                         "requestBody": ["required": true, "content": json(["oneOf": [["type": "array", "items": ["type": "object"]], ["type": "object"]]])],
                         "responses": ["200": ok("decisions, in input order", ["oneOf": [["type": "array", "items": ref("Decision")], ref("Decision")]]), "400": errorResponse]],
            ],
            "/api/compliance/eligible-now": [
                "get": ["summary": "Which numbers of a campaign's accounts may be called now, in priority order",
                        "parameters": [query("client", "client code"), query("dialing", "manual, preview, progressive, predictive (default)"),
                                       query("priority", "balance_desc (default), balance_asc, oldest_debt, least_recently_tried"),
                                       query("limit", "1–100000, default 1000", type: "integer")],
                        "responses": ["200": ok("the list", ref("EligibleNow")), "400": errorResponse]],
            ],
            "/api/accounts/{id}/contactability": [
                "get": ["summary": "For each contact point: allowed now, every reason with its citation, and when it becomes allowed",
                        "parameters": [idParameter], "responses": ["200": ok("contactability", ref("Contactability")), "404": errorResponse]],
            ],
            "/api/accounts/{id}/contact-attempts": [
                "post": ["summary": "Record a contact attempt and its outcome (every attempt counts for Reg F)", "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["channel", "outcome"], "properties": [
                            "channel": string, "outcome": string, "direction": string, "place": string, "address": string,
                            "at": ["type": "string", "format": "date-time"], "source": string, "also_about": ["type": "array", "items": string]]])],
                         "responses": ["201": ok("recorded", ref("Created")), "400": errorResponse, "404": errorResponse]],
            ],
            "/api/accounts/{id}/flags": [
                "post": ["summary": "Set a flag: cease, attorney, bankruptcy, deceased, dispute_pending (who and when are kept)", "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["flag"], "properties": ["flag": string, "reason": string, "by": string]])],
                         "responses": ["201": ok("set", ref("Created")), "400": errorResponse, "404": errorResponse]],
            ],
            "/api/accounts/{id}/opt-outs": [
                "post": ["summary": "The consumer opts out of a channel (address * = the whole channel)", "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["channel"], "properties": ["channel": string, "address": string, "source": string]])],
                         "responses": ["201": ok("recorded", ref("Created")), "400": errorResponse, "404": errorResponse]],
            ],
            "/api/accounts/{id}/inconvenient-times": [
                "post": ["summary": "A time the consumer said is inconvenient, in their local time", "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["days", "from", "to"], "properties": [
                            "days": ["type": "array", "items": string], "from": string, "to": string, "source": string]])],
                         "responses": ["201": ok("recorded", ref("Created")), "400": errorResponse, "404": errorResponse]],
            ],
            "/api/accounts/{id}/consent": [
                "post": ["summary": "Record a TCPA consent change for a number", "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["number", "consent"], "properties": [
                            "number": string, "consent": ["type": "boolean"], "source": string]])],
                         "responses": ["201": ok("recorded", ref("Created")), "400": errorResponse, "404": errorResponse]],
            ],
            "/api/accounts/{id}": [
                "get": ["summary": "One account: consumer, itemization, ledger", "parameters": [idParameter],
                        "responses": ["200": ok("the account", ref("AccountDetail")), "404": errorResponse]],
            ],
        ]
    }

    static var cents: [String: Any] { ["type": "integer", "format": "int64", "description": "integer cents"] }
    static var date: [String: Any] { ["type": "string", "format": "date"] }
    static var string: [String: Any] { ["type": "string"] }
    static var integer: [String: Any] { ["type": "integer"] }

    static var schemas: [String: Any] {
        [
            "Error": ["type": "object", "properties": ["error": ["type": "object", "properties": [
                "status": integer, "message": string, "field": ["type": "string", "nullable": true]]]]],
            "Created": ["type": "object", "properties": ["id": string]],
            "Decision": ["type": "object", "properties": ["id": string, "allowed": ["type": "boolean"], "reasons": ["type": "array", "items": string],
                                                          "next_allowed_at": ["type": "string", "format": "date-time", "nullable": true], "error": string]],
            "Contactability": ["type": "object", "properties": ["account_id": string, "at": string, "contact_points": ["type": "array", "items": [
                "type": "object", "properties": ["channel": string, "address": string, "line_type": string, "allowed": ["type": "boolean"],
                                                 "next_allowed_at": string, "plain_words": string,
                                                 "reasons": ["type": "array", "items": ["type": "object", "properties": ["code": string, "citation": string, "summary": string]]]]]]]],
            "EligibleNow": ["type": "object", "properties": ["accounts_considered": integer, "numbers_considered": integer,
                                                             "refused_by_reason": ["type": "object", "additionalProperties": integer],
                                                             "eligible": ["type": "array", "items": ["type": "object", "properties": [
                                                                "account_id": string, "number": string, "line_type": string, "balance_cents": cents]]]]],
            "Health": ["type": "object", "properties": ["status": string, "database": string, "schema_version": integer]],
            "NewClient": ["type": "object", "required": ["code", "name"], "properties": [
                "code": ["type": "string", "pattern": "^[A-Za-z0-9_-]{1,32}$"], "name": string]],
            "Client": ["type": "object", "properties": ["id": string, "code": string, "name": string]],
            "Placement": ["type": "object", "properties": ["id": string, "file_name": string, "status": string, "rows": integer,
                                                           "accepted": integer, "rejected": integer, "duplicates": integer]],
            "PlacementSummary": ["type": "object", "properties": [
                "file": string, "client": string, "placement_id": string, "rows": integer, "accepted": integer,
                "rejected": integer, "duplicates": integer, "errors_not_listed": integer,
                "ignored_columns": ["type": "array", "items": string],
                "errors": ["type": "array", "items": ["type": "object", "properties": ["line": integer, "column": string, "message": string]]]]],
            "AccountSummary": ["type": "object", "properties": [
                "id": string, "client_code": string, "client_account_number": string, "consumer_name": string,
                "state": string, "balance": cents, "status": string]],
            "AccountPage": ["type": "object", "properties": [
                "accounts": ["type": "array", "items": ref("AccountSummary")], "offset": integer, "limit": integer,
                "has_more": ["type": "boolean"]]],
            "AccountDetail": ["type": "object", "properties": [
                "id": string, "client": ref("Client"), "client_account_number": string, "status": string,
                "balance_cents": cents, "balance": ["type": "string", "description": "decimal, e.g. 1432.50"],
                "original_creditor": string, "current_creditor": string, "product": string,
                "itemization": ["type": "object", "properties": [
                    "date_type": string, "date": date, "amount_cents": cents, "interest_since_cents": cents,
                    "fees_since_cents": cents, "payments_since_cents": cents, "credits_since_cents": cents]],
                "charge_off_date": date, "last_payment_date": date, "delinquency_date": date, "open_date": date,
                "consumer": ["type": "object", "description": "names, masked SSN, addresses, phones (E.164), emails, language"],
                "ledger": ["type": "array", "items": ["type": "object", "properties": [
                    "id": string, "kind": string, "amount_cents": cents, "principal_cents": cents, "interest_cents": cents,
                    "fees_cents": cents, "effective_date": date, "memo": string, "reverses": string, "balance_after_cents": cents]]]]],
        ]
    }
}
