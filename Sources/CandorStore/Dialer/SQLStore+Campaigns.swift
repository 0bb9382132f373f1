import CandorCore
import CandorDialer
import Foundation
import SQLKit

extension SQLStore {
    public func createCampaign(_ draft: CampaignDraft) async throws -> StoredCampaign {
        let campaign = try draft.validated(id: Self.newID())
        guard try await client(code: campaign.clientCode) != nil else { throw CampaignError.unknownClient(campaign.clientCode) }
        try await sql.insert(into: "campaigns")
            .columns("id", "name", "client_code", "mode", "priority", "hours_start_minute", "hours_end_minute",
                     "abandon_cap", "max_lines_per_agent", "status", "created_at")
            .values(campaign.id, campaign.name, campaign.clientCode, campaign.mode.rawValue, campaign.priority.rawValue,
                    campaign.hoursStartMinute, campaign.hoursEndMinute, campaign.abandonCap, campaign.maxLinesPerAgent,
                    campaign.status.rawValue, Timestamp.format(clock()))
            .run()
        return campaign
    }

    public func campaigns() async throws -> [StoredCampaign] {
        try await sql.raw("SELECT * FROM campaigns ORDER BY created_at, id").all().map(Self.campaign(from:))
    }

    public func campaign(id: String) async throws -> StoredCampaign? {
        try await sql.raw("SELECT * FROM campaigns WHERE id = \(bind: id)").first().map(Self.campaign(from:))
    }

    public func setCampaignStatus(_ id: String, _ status: StoredCampaign.Status) async throws {
        try await sql.raw("UPDATE campaigns SET status = \(bind: status.rawValue) WHERE id = \(bind: id)").run()
    }

    /// Saves a day's counts (absolute values: the floor's ledger for that day).
    public func saveCampaignDay(_ id: String, day: Int, counts: AbandonCounts) async throws {
        try await sql.raw("""
            INSERT INTO campaign_days (campaign_id, day, live_answers, abandoned)
            VALUES (\(bind: id), \(bind: day), \(bind: counts.liveAnswers), \(bind: counts.abandoned))
            ON CONFLICT (campaign_id, day) DO UPDATE SET live_answers = excluded.live_answers, abandoned = excluded.abandoned
            """).run()
    }

    /// The abandon ledger for `day` (days since the epoch, UTC): the previous 29 days and
    /// what `day` already holds (a restart within a shift resumes its counts).
    public func campaignLedger(_ id: String, day: Int) async throws -> AbandonLedger {
        var daily: [Int: AbandonCounts] = [:]
        for r in try await sql.raw("""
            SELECT day, live_answers, abandoned FROM campaign_days
            WHERE campaign_id = \(bind: id) AND day > \(bind: day - 30) AND day <= \(bind: day)
            """).all() {
            daily[try r.decode(column: "day", as: Int.self)] = AbandonCounts(
                liveAnswers: try r.decode(column: "live_answers", as: Int.self),
                abandoned: try r.decode(column: "abandoned", as: Int.self))
        }
        var ledger = AbandonLedger(daily: daily, today: day)
        ledger.today = daily[day] ?? AbandonCounts()
        return ledger
    }

    static func campaign(from r: any SQLRow) throws -> StoredCampaign {
        StoredCampaign(
            id: try r.decode(column: "id", as: String.self),
            name: try r.decode(column: "name", as: String.self),
            clientCode: try r.decode(column: "client_code", as: String.self),
            mode: CandorDialer.DialingMode(rawValue: try r.decode(column: "mode", as: String.self)) ?? .progressive,
            priority: EligibleNowRequest.Priority(rawValue: try r.decode(column: "priority", as: String.self)) ?? .balanceDescending,
            hoursStartMinute: try r.decode(column: "hours_start_minute", as: Int.self),
            hoursEndMinute: try r.decode(column: "hours_end_minute", as: Int.self),
            abandonCap: try r.decode(column: "abandon_cap", as: Double.self),
            maxLinesPerAgent: try r.decode(column: "max_lines_per_agent", as: Double.self),
            status: StoredCampaign.Status(rawValue: try r.decode(column: "status", as: String.self)) ?? .stopped)
    }
}
