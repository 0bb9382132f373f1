import Foundation
import CandorStore

/// The payment and audit routes in the OpenAPI document (merged into `OpenAPIDocument.paths`).
extension OpenAPIDocument {
    static var paymentPaths: [String: Any] {
        let idempotencyKey: [String: Any] = ["name": "Idempotency-Key", "in": "header", "required": true,
            "description": "unique per payment; resending the same key returns the same payment (200), never a second one",
            "schema": ["type": "string", "maxLength": 200]]
        let bank: [String: Any] = ["type": "object", "required": ["holder_name", "routing_number", "account_number", "sec_code", "debit_date"],
            "properties": ["holder_name": string, "routing_number": string, "account_number": string,
                           "account_type": ["type": "string", "enum": ["checking", "savings"]],
                           "sec_code": ["type": "string", "enum": ["PPD", "WEB", "TEL"]],
                           "recording_reference": ["type": "string", "description": "TEL: required, the recorded authorization"],
                           "debit_date": date]]
        return [
            "/api/accounts/{id}/payments": [
                "post": ["summary": "Take a payment (card through the payment processor, or a scheduled bank debit for the NACHA file); allocated fees → interest → principal",
                         "parameters": [idParameter, idempotencyKey],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["amount_cents", "method"], "properties": [
                            "amount_cents": cents, "method": ["type": "string", "enum": ["card", "bank"]], "card_token": string, "bank": bank]])],
                         "responses": ["201": ok("posted", ref("Payment")), "200": ok("the same key again: the original payment", ref("Payment")),
                                       "400": errorResponse, "402": errorResponse, "404": errorResponse,
                                       "409": ["description": "the key was used for a different payment", "content": json(ref("Error"))],
                                       "422": ["description": "more than the balance, or a bank account whose authorization the consumer revoked (field bank.account_number)", "content": json(ref("Error"))]]],
            ],
            "/api/payments/{id}/reversal": [
                "post": ["summary": "Reverse a payment (returned ACH, chargeback, cancelled debit): undoes exactly its allocation. Supervisor or above",
                         "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["reason"], "properties": [
                            "reason": ["type": "string", "enum": ["returned_ach", "chargeback", "cancelled"]], "note": string]])],
                         "responses": ["200": ok("reversed", ref("Payment")), "400": errorResponse, "403": errorResponse,
                                       "404": errorResponse, "409": errorResponse]],
            ],
            "/api/accounts/{id}/bank-authorizations": [
                "post": ["summary": "Record the consumer's new authorization for a bank account whose authorization an ACH return revoked (R05, R07, R10, R29, R51), lifting the block on debits from it. Supervisor or above",
                         "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["routing_number", "account_number", "sec_code", "reference"], "properties": [
                            "routing_number": string, "account_number": string,
                            "sec_code": ["type": "string", "enum": ["PPD", "WEB", "TEL"], "description": "how the new authorization was given"],
                            "reference": ["type": "string", "maxLength": 100, "description": "where it is kept: the recording reference of the call (TEL), the online or signed form (WEB, PPD)"]]])],
                         "responses": ["200": ok("the revocations lifted (an empty list: the account was not blocked, nothing recorded)", ["type": "object", "properties": [
                            "routing_number": string, "bank_account": ["type": "string", "description": "masked: ****1234"],
                            "lifted": ["type": "array", "items": ["type": "object", "properties": ["reason_code": string, "reason": string, "revoked_at": string]]]]]),
                                       "400": errorResponse, "403": errorResponse, "404": errorResponse]],
            ],
            "/api/accounts/{id}/bank-authorizations/revocations": [
                "post": ["summary": "Record the consumer's own revocation of the authorization to debit a bank account (told on a call, in a letter, an email or in person): debits still scheduled from it, on any account, are cancelled and no new one is taken until a new authorization is recorded. A bank account already revoked answers 200 with that revocation and writes nothing. Collector or above",
                         "parameters": [idParameter],
                         "requestBody": ["required": true, "content": json(["type": "object", "required": ["routing_number", "channel", "reference"], "properties": [
                            "routing_number": string,
                            "account_number": ["type": "string", "description": "the full number; or give account_last4"],
                            "account_last4": ["type": "string", "description": "the last four of a bank account this account's payments came from"],
                            "channel": ["type": "string", "enum": RevocationChannel.allCases.map(\.rawValue), "description": "how the consumer told us"],
                            "reference": ["type": "string", "maxLength": 100, "description": "where the notice is kept: the call's recording reference, the letter's scan, the email"]]])],
                         "responses": ["201": ok("recorded", revocationResponse), "200": ok("already revoked: nothing written", revocationResponse),
                                       "400": errorResponse, "403": errorResponse, "404": errorResponse]],
            ],
            "/api/accounts/{id}/audit": [
                "get": ["summary": "The account's audit trail (views, payments, reversals), hash-chained. Supervisor or above",
                        "parameters": [idParameter],
                        "responses": ["200": ok("entries, oldest first", ["type": "object", "properties": ["entries": ["type": "array", "items": [
                            "type": "object", "properties": ["sequence": integer, "at": string, "actor": string, "action": string, "subject": string,
                                                             "details": string, "previous_hash": string, "hash": string]]]]]),
                                      "403": errorResponse, "404": errorResponse]],
            ],
        ]
    }

    static var revocationResponse: [String: Any] {
        ["type": "object", "properties": [
            "revocation_id": string, "routing_number": string, "bank_account": ["type": "string", "description": "masked: ****1234"],
            "reason": string, "revoked_at": string, "already_revoked": ["type": "boolean"],
            "cancelled": ["type": "array", "items": ["type": "object", "properties": ["payment_id": string, "amount_cents": cents, "scheduled_date": string]]]]]
    }

    static var paymentSchemas: [String: Any] {
        ["Payment": ["type": "object", "properties": [
            "id": string, "account_id": string, "method": string, "amount_cents": cents,
            "status": ["type": "string", "enum": ["posted", "scheduled", "exported", "reversed"]],
            "effective_date": date, "ledger_entry_id": string, "reversal_entry_id": string, "processor_reference": string,
            "bank_account": ["type": "string", "description": "masked: ****1234"], "sec_code": string, "scheduled_date": date,
            "exported_in_nacha_file": string, "created_at": string, "created_by": string, "replayed": ["type": "boolean"]]]]
    }
}
