import CandorCore
import Foundation
import Testing

/// The area-code / ZIP / state tables and the offset tables built from them.
@Suite("Time-zone data")
struct ComplianceTimeZoneDataTests {
    let directory = ComplianceEngine.standard.zones

    func names(_ set: ZoneSet) -> [String] { directory.names(of: set).sorted() }
    func zip(_ text: String) -> [String] { names(directory.zones(zip: ZIPCode(text)!)) }
    func state(_ code: String) -> [String] { names(directory.zones(state: USStateCode(code)!)) }
    func area(_ npa: Int) -> [String] { names(directory.zones(areaCode: npa)) }

    @Test("the tables load from the bundle")
    func loads() {
        #expect(directory.loadProblem == nil)
        #expect(directory.knownAreaCodes.count > 400)
    }

    @Test("split states list all their zones", arguments: [
        ("FL", ["America/Chicago", "America/New_York"]), ("TN", ["America/Chicago", "America/New_York"]),
        ("TX", ["America/Chicago", "America/Denver"]), ("ID", ["America/Boise", "America/Los_Angeles"]),
        ("OR", ["America/Boise", "America/Los_Angeles"]), ("KS", ["America/Chicago", "America/Denver"]),
        ("NE", ["America/Chicago", "America/Denver"]), ("SD", ["America/Chicago", "America/Denver"]),
        ("MI", ["America/Detroit", "America/Menominee"]), ("AZ", ["America/Denver", "America/Phoenix"]),
        ("MA", ["America/New_York"]), ("HI", ["Pacific/Honolulu"]), ("PR", ["America/Puerto_Rico"]),
        ("GU", ["Pacific/Guam"]), ("VI", ["America/St_Thomas"]), ("AS", ["Pacific/Pago_Pago"]),
    ])
    func splitStates(_ entry: (String, [String])) {
        #expect(state(entry.0) == entry.1)
    }

    @Test("Indiana, Kentucky, North Dakota and Alaska carry their sub-zones")
    func subZones() {
        #expect(state("IN").contains("America/Indiana/Knox") && state("IN").contains("America/Chicago"))
        #expect(state("KY").contains("America/Kentucky/Louisville") && state("KY").contains("America/Chicago"))
        #expect(state("ND").contains("America/North_Dakota/Center") && state("ND").contains("America/Denver"))
        #expect(state("AK").contains("America/Adak") && state("AK").contains("America/Anchorage"))
    }

    @Test("ZIP codes settle split states")
    func zips() {
        #expect(zip("32501") == ["America/Chicago"])        // Pensacola, FL panhandle
        #expect(zip("32301") == ["America/New_York"])       // Tallahassee
        #expect(zip("79901") == ["America/Denver"])         // El Paso
        #expect(zip("75201") == ["America/Chicago"])        // Dallas
        #expect(zip("83702") == ["America/Boise"])          // Boise
        #expect(zip("83814") == ["America/Los_Angeles"])    // Coeur d'Alene
        #expect(zip("37902") == ["America/New_York"])       // Knoxville
        #expect(zip("38103") == ["America/Chicago"])        // Memphis
        #expect(zip("85004") == ["America/Phoenix"])
        #expect(zip("02139") == ["America/New_York"])
        #expect(zip("02139-4307") == ["America/New_York"])
    }

    @Test("an unlisted ZIP falls back to its 3-digit prefix")
    func prefixFallback() {
        #expect(zip("02199") == ["America/New_York"])       // prefix 021
        #expect(zip("00000").isEmpty)
    }

    @Test("area codes map to their zones; unknown ones contribute none")
    func areaCodes() {
        #expect(area(212) == ["America/New_York"])
        #expect(area(303) == ["America/Denver"])
        #expect(area(808) == ["Pacific/Honolulu"])
        #expect(area(787) == ["America/Puerto_Rico"])
        #expect(area(850).contains("America/Chicago") && area(850).contains("America/New_York"))
        #expect(area(915) == ["America/Denver"])
        #expect(area(928).contains("America/Phoenix"))
        #expect(area(999).isEmpty)
        #expect(area(123).isEmpty)
    }

    @Test("precomputed offsets equal Foundation's at random instants 1971-2099")
    func offsetsMatchFoundation() {
        var rng = SeededGenerator(seed: 5)
        for zone in directory.allZones {
            let tz = TimeZone(identifier: directory.name(of: zone))!
            for _ in 0..<300 {
                let date = Date(timeIntervalSince1970: Double(Int.random(in: 31_536_000..<4_070_908_800, using: &rng)))
                #expect(directory.utcOffset(of: zone, at: date) == tz.secondsFromGMT(for: date),
                        "\(directory.name(of: zone)) at \(date)")
            }
        }
    }

    @Test("Arizona keeps standard time all year; New York springs forward at 02:00 local")
    func daylightSaving() {
        let phoenix = directory.zone(named: "America/Phoenix")!
        let newYork = directory.zone(named: "America/New_York")!
        #expect(directory.utcOffset(of: phoenix, at: Fixture.at("2026-07-01T12:00:00Z")) == -7 * 3600)
        #expect(directory.utcOffset(of: newYork, at: Fixture.at("2026-03-08T06:59:59Z")) == -5 * 3600)
        #expect(directory.utcOffset(of: newYork, at: Fixture.at("2026-03-08T07:00:00Z")) == -4 * 3600)
        #expect(directory.utcOffset(of: newYork, at: Fixture.at("2026-11-01T05:59:59Z")) == -4 * 3600)
        #expect(directory.utcOffset(of: newYork, at: Fixture.at("2026-11-01T06:00:00Z")) == -5 * 3600)
    }
}
