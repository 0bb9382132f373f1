import CandorCore
import CandorStore
import Foundation

/// The collections routes in the OpenAPI document (merged into `OpenAPIDocument.paths`).
extension OpenAPIDocument {
    static var collectionsPaths: [String: Any] {
        let boolean: [String: Any] = ["type": "boolean"]
        let instant: [String: Any] = ["type": "string", "format": "date-time"]
        func list(_ item: [String: Any]) -> [String: Any] { ["type": "object", "properties": ["items": ["type": "array", "items": item]]] }
        let budget: [String: Any] = ["type": "object", "required": ["monthly_income_cents"], "properties": [
            "monthly_income_cents": cents, "housing_cents": cents, "utilities_cents": cents, "food_cents": cents,
            "transport_cents": cents, "medical_cents": cents, "other_cents": cents]]
        let frequency: [String: Any] = ["type": "string", "enum": InstallmentFrequency.allCases.map(\.rawValue), "default": "monthly"]
        let collector = "Collector or above; the account must be one of the user's clients (else 404)"
        return [
            "/api/accounts/{id}/dispositions": [
                "post": ["summary": "Record what happened on a contact: writes the contact attempt the compliance engine counts, sets the flag a cease/attorney/bankruptcy/deceased/dispute sets (who and when), opts out a wrong number, saves a promise. \(collector)",
                         "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["disposition"], "properties": [
                            "disposition": ["type": "string", "enum": Disposition.allCases.map(\.rawValue)],
                            "phone": ["type": "string", "description": "the number dialed; a wrong number is never dialed again"],
                            "direction": ["type": "string", "enum": ["outbound", "inbound"]],
                            "callback_at": ["type": "string", "format": "date-time", "description": "required for callback_requested"],
                            "promise_amount_cents": cents, "promise_due_date": date,
                            "budget": budget, "note": string,
                            "also_discussed": ["type": "array", "items": string, "description": "other accounts of the same consumer discussed"]]])],
                         "responses": ["201": ok("recorded", ref("Disposition")), "400": errorResponse, "404": errorResponse,
                                       "422": ["description": "a promise over the balance or in the past, a missing promise/callback/budget", "content": json(ref("Error"))]]],
                "get": ["summary": "The account's dispositions, newest first. \(collector)", "parameters": [idParameter],
                        "responses": ["200": ok("dispositions", list(ref("Disposition"))), "404": errorResponse]],
            ],
            "/api/accounts/{id}/dispositions/{disposition}/review": [
                "post": ["summary": "Mark a disposition that needed review as reviewed. Supervisor or above",
                         "parameters": [idParameter, ["name": "disposition", "in": "path", "required": true, "schema": string]],
                         "responses": ["200": ok("reviewed", ref("Disposition")), "400": errorResponse, "403": errorResponse, "404": errorResponse]],
            ],
            "/api/accounts/{id}/promises": [
                "get": ["summary": "Promises to pay and their status (pending, kept, partially_kept, broken), re-decided on every payment and reversal and daily. \(collector)",
                        "parameters": [idParameter],
                        "responses": ["200": ok("promises", list(["type": "object", "properties": [
                            "id": string, "amount_cents": cents, "due_date": date, "made_on": date, "made_by": string, "deadline": date,
                            "status": string, "paid_cents": cents]])), "404": errorResponse]],
            ],
            "/api/accounts/{id}/plan-proposals": [
                "post": ["summary": "What the consumer can afford: options from their budget within the client's rules (pay in full, installments, settlements, or a hardship review with counseling referral). Writes nothing. \(collector)",
                         "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["budget", "first_due_date"], "properties": [
                            "budget": budget, "lump_sum_cents": cents, "frequency": frequency, "first_due_date": date]])],
                         "responses": ["200": ok("options", ["type": "object", "properties": [
                            "balance_cents": cents, "disposable_income_cents": cents, "affordable_monthly_cents": cents,
                            "affordability_share_basis_points": integer, "settlement_floor_cents": cents,
                            "options": ["type": "array", "items": ["type": "object", "properties": [
                                "kind": string, "total_cents": cents, "installment_cents": cents, "installments": integer, "first_due_date": date,
                                "frequency": string, "discount_cents": cents, "requires_approval": string, "hardship_reason": string,
                                "counseling_referral": boolean]]]]]),
                                       "400": errorResponse, "404": errorResponse, "422": errorResponse]],
            ],
            "/api/accounts/{id}/plans": [
                "post": ["summary": "Agree a plan or settlement: `total_cents` in installments of `installment_cents`. Below the client's settlement floor, below its minimum installment or beyond its term only with `approve` by a user of the client's approval role. Replaces the active plan. \(collector)",
                         "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["total_cents", "installment_cents", "first_due_date"], "properties": [
                            "total_cents": cents, "installment_cents": cents, "frequency": frequency, "first_due_date": date, "approve": boolean]])],
                         "responses": ["201": ok("agreed", ref("Plan")), "400": errorResponse, "404": errorResponse,
                                       "422": ["description": "outside the client's rules without approval, over the balance, a date in the past", "content": json(ref("Error"))]]],
                "get": ["summary": "The account's plans and settlements with their state. \(collector)", "parameters": [idParameter],
                        "responses": ["200": ok("plans", list(ref("Plan"))), "404": errorResponse]],
            ],
            "/api/accounts/{id}/notes": [
                "post": ["summary": "Add a note (at most 4000 characters). \(collector)", "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["note"], "properties": ["note": string]])],
                         "responses": ["201": ok("added", ref("Note")), "400": errorResponse, "404": errorResponse]],
                "get": ["summary": "The account's notes, newest first. \(collector)", "parameters": [idParameter],
                        "responses": ["200": ok("notes", list(ref("Note"))), "404": errorResponse]],
            ],
            "/api/queue": [
                "get": ["summary": "The signed-in collector's next accounts that may be called now (assigned ones and the clients' pool), by priority: callback due, promise due, promise broken, plan at risk, then balance. A supervisor may ask for a collector's queue with `user`",
                        "parameters": [query("user", "a collector's username (supervisor or above)"), query("limit", "1–200, default 25", type: "integer")],
                        "responses": ["200": ok("queue", ["type": "object", "properties": [
                            "items": ["type": "array", "items": ["type": "object", "properties": [
                                "account_id": string, "client": string, "client_account_number": string, "consumer_name": string,
                                "balance_cents": cents, "reason": ["type": "string", "enum": QueueReason.allCases.map(\.rawValue)],
                                "assigned_to": string, "callable_now": ["type": "array", "items": string]]]],
                            "not_callable_now": integer, "generated_at": instant]]), "400": errorResponse, "403": errorResponse, "404": errorResponse]],
            ],
            "/api/assignments": [
                "post": ["summary": "Assign accounts to a collector, or back to the pool with `user` null. Supervisor or above",
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["accounts"], "properties": [
                            "accounts": ["type": "array", "items": string], "user": string]])],
                         "responses": ["200": ok("assigned", ["type": "object", "properties": ["assigned": integer, "user": string]]),
                                       "400": errorResponse, "403": errorResponse, "404": errorResponse, "422": errorResponse]],
            ],
            "/api/supervisor": [
                "get": ["summary": "The supervisor's board for their clients: the team's day, promises due today, broken promises, plans at risk, dispositions to review. Supervisor or above",
                        "responses": ["200": ok("board", ["type": "object", "properties": [
                            "today": date, "team": ["type": "array", "items": ["type": "object"]],
                            "promises_due_today": ["type": "array", "items": ["type": "object"]],
                            "broken_promises": ["type": "array", "items": ["type": "object"]],
                            "plans_at_risk": ["type": "array", "items": ["type": "object"]],
                            "to_review": ["type": "array", "items": ["type": "object"]]]]), "403": errorResponse]],
            ],
            "/api/clients/{code}/rules": [
                "get": ["summary": "The client's collection rules. Supervisor or above, of that client",
                        "parameters": [["name": "code", "in": "path", "required": true, "schema": string]],
                        "responses": ["200": ok("rules", ref("ClientRules")), "403": errorResponse, "404": errorResponse]],
                "put": ["summary": "Replace the client's collection rules (audited). Admin",
                        "parameters": [["name": "code", "in": "path", "required": true, "schema": string]],
                        "requestBody": ["required": true, "content": json(ref("ClientRules"))],
                        "responses": ["200": ok("rules", ref("ClientRules")), "400": errorResponse, "403": errorResponse, "404": errorResponse]],
            ],
        ]
    }

    static var collectionsSchemas: [String: Any] {
        [
            "Disposition": ["type": "object", "properties": [
                "id": string, "account_id": string, "attempt_id": string, "disposition": string, "label": string, "at": string,
                "recorded_by": string, "callback_at": string, "note": string, "needs_review": ["type": "boolean"],
                "reviewed_at": string, "reviewed_by": string, "flags_set": ["type": "array", "items": string], "promise_id": string]],
            "Plan": ["type": "object", "properties": [
                "id": string, "settlement": ["type": "boolean"], "balance_cents": cents, "total_cents": cents, "frequency": string,
                "installments": ["type": "array", "items": ["type": "object", "properties": ["number": integer, "due_date": date, "amount_cents": cents]]],
                "agreed_on": date, "agreed_by": string, "approved_by": string, "approved_role": string,
                "state": ["type": "string", "enum": ["current", "at_risk", "missed_installment", "defaulted", "completed", "cancelled"]]]],
            "Note": ["type": "object", "properties": ["id": string, "body": string, "created_by": string, "created_at": string]],
            "ClientRules": ["type": "object", "properties": [
                "minimum_installment_cents": cents, "maximum_term_months": integer, "settlement_allowed": ["type": "boolean"],
                "settlement_floor_basis_points": integer, "maximum_settlement_months": integer,
                "approval_role": ["type": "string", "enum": StaffRole.allCases.map(\.rawValue)],
                "affordability_share_basis_points": integer, "default_after_misses": integer, "grace_days": integer,
                "waterfall": ["type": "array", "items": ["type": "string", "enum": ["fees", "interest", "principal"]]]]],
        ]
    }
}
