/// Tables for `DemoPlacementGenerator`. Cities carry real ZIP codes and area codes of the
/// same place, so time zones derived from either agree (Pensacola and El Paso are in the
/// table on purpose: their time zone differs from most of their state).
enum DemoPlacementData {
    struct City: Sendable {
        let name: String, state: String, zips: [String], areaCodes: [String]
    }

    static let cities: [City] = [
        City(name: "Boston", state: "MA", zips: ["02108", "02115", "02118"], areaCodes: ["617", "857"]),
        City(name: "Cambridge", state: "MA", zips: ["02139", "02140"], areaCodes: ["617"]),
        City(name: "Worcester", state: "MA", zips: ["01608", "01609"], areaCodes: ["508", "774"]),
        City(name: "Providence", state: "RI", zips: ["02903", "02906"], areaCodes: ["401"]),
        City(name: "Hartford", state: "CT", zips: ["06103", "06106"], areaCodes: ["860"]),
        City(name: "New York", state: "NY", zips: ["10001", "10027", "10463"], areaCodes: ["212", "646", "917"]),
        City(name: "Brooklyn", state: "NY", zips: ["11201", "11215", "11226"], areaCodes: ["718", "347"]),
        City(name: "Buffalo", state: "NY", zips: ["14202", "14215"], areaCodes: ["716"]),
        City(name: "Newark", state: "NJ", zips: ["07102", "07105"], areaCodes: ["973", "862"]),
        City(name: "Philadelphia", state: "PA", zips: ["19103", "19104", "19134"], areaCodes: ["215", "267"]),
        City(name: "Pittsburgh", state: "PA", zips: ["15213", "15222"], areaCodes: ["412"]),
        City(name: "Baltimore", state: "MD", zips: ["21201", "21218"], areaCodes: ["410", "443"]),
        City(name: "Washington", state: "DC", zips: ["20001", "20011"], areaCodes: ["202"]),
        City(name: "Richmond", state: "VA", zips: ["23219", "23220"], areaCodes: ["804"]),
        City(name: "Charlotte", state: "NC", zips: ["28202", "28205"], areaCodes: ["704", "980"]),
        City(name: "Raleigh", state: "NC", zips: ["27601", "27610"], areaCodes: ["919"]),
        City(name: "Atlanta", state: "GA", zips: ["30303", "30310"], areaCodes: ["404", "678"]),
        City(name: "Miami", state: "FL", zips: ["33130", "33135", "33145"], areaCodes: ["305", "786"]),
        City(name: "Orlando", state: "FL", zips: ["32801", "32805"], areaCodes: ["407", "321"]),
        City(name: "Tampa", state: "FL", zips: ["33602", "33610"], areaCodes: ["813"]),
        City(name: "Pensacola", state: "FL", zips: ["32501", "32505"], areaCodes: ["850"]),
        City(name: "Nashville", state: "TN", zips: ["37203", "37208"], areaCodes: ["615", "629"]),
        City(name: "Memphis", state: "TN", zips: ["38103", "38106"], areaCodes: ["901"]),
        City(name: "Louisville", state: "KY", zips: ["40202", "40211"], areaCodes: ["502"]),
        City(name: "Detroit", state: "MI", zips: ["48226", "48204"], areaCodes: ["313"]),
        City(name: "Chicago", state: "IL", zips: ["60601", "60614", "60623"], areaCodes: ["312", "773", "872"]),
        City(name: "Milwaukee", state: "WI", zips: ["53202", "53204"], areaCodes: ["414"]),
        City(name: "Minneapolis", state: "MN", zips: ["55401", "55407"], areaCodes: ["612"]),
        City(name: "Indianapolis", state: "IN", zips: ["46204", "46218"], areaCodes: ["317"]),
        City(name: "Columbus", state: "OH", zips: ["43215", "43205"], areaCodes: ["614"]),
        City(name: "Cleveland", state: "OH", zips: ["44113", "44102"], areaCodes: ["216"]),
        City(name: "St. Louis", state: "MO", zips: ["63101", "63118"], areaCodes: ["314"]),
        City(name: "Kansas City", state: "MO", zips: ["64106", "64109"], areaCodes: ["816"]),
        City(name: "New Orleans", state: "LA", zips: ["70112", "70119"], areaCodes: ["504"]),
        City(name: "Houston", state: "TX", zips: ["77002", "77011", "77036"], areaCodes: ["713", "281", "832"]),
        City(name: "Dallas", state: "TX", zips: ["75201", "75211"], areaCodes: ["214", "469", "972"]),
        City(name: "San Antonio", state: "TX", zips: ["78205", "78207"], areaCodes: ["210"]),
        City(name: "Austin", state: "TX", zips: ["78701", "78741"], areaCodes: ["512", "737"]),
        City(name: "El Paso", state: "TX", zips: ["79901", "79905"], areaCodes: ["915"]),
        City(name: "Oklahoma City", state: "OK", zips: ["73102", "73109"], areaCodes: ["405"]),
        City(name: "Denver", state: "CO", zips: ["80202", "80219"], areaCodes: ["303", "720"]),
        City(name: "Albuquerque", state: "NM", zips: ["87102", "87105"], areaCodes: ["505"]),
        City(name: "Phoenix", state: "AZ", zips: ["85004", "85009"], areaCodes: ["602", "480"]),
        City(name: "Salt Lake City", state: "UT", zips: ["84111", "84104"], areaCodes: ["801"]),
        City(name: "Boise", state: "ID", zips: ["83702", "83706"], areaCodes: ["208"]),
        City(name: "Las Vegas", state: "NV", zips: ["89101", "89110"], areaCodes: ["702"]),
        City(name: "Los Angeles", state: "CA", zips: ["90012", "90011", "90026"], areaCodes: ["213", "323"]),
        City(name: "San Diego", state: "CA", zips: ["92101", "92113"], areaCodes: ["619"]),
        City(name: "San Francisco", state: "CA", zips: ["94103", "94110"], areaCodes: ["415"]),
        City(name: "Sacramento", state: "CA", zips: ["95814", "95820"], areaCodes: ["916"]),
        City(name: "Portland", state: "OR", zips: ["97204", "97266"], areaCodes: ["503", "971"]),
        City(name: "Seattle", state: "WA", zips: ["98101", "98118"], areaCodes: ["206"]),
        City(name: "Anchorage", state: "AK", zips: ["99501", "99504"], areaCodes: ["907"]),
        City(name: "Honolulu", state: "HI", zips: ["96813", "96817"], areaCodes: ["808"]),
        City(name: "San Juan", state: "PR", zips: ["00901", "00907"], areaCodes: ["787", "939"]),
    ]

    static let englishFirstNames = [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony", "Sandra", "Mark", "Ashley",
        "Donald", "Kimberly", "Steven", "Emily", "Andrew", "Donna", "Kenneth", "Michelle", "Joshua", "Carol",
        "Kevin", "Amanda", "Brian", "Melissa", "Tyrone", "Latoya", "DeShawn", "Keisha", "Zoë", "Chloé",
    ]
    static let englishLastNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
        "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
        "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams",
        "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "O'Neil", "O'Brien", "McDonald", "Washington", "Kowalski",
    ]
    static let spanishFirstNames = [
        "José", "María", "Juan", "Guadalupe", "Luis", "Ana", "Carlos", "Rosa", "Jesús", "Carmen",
        "Miguel", "Lucía", "Alejandro", "Sofía", "Jorge", "Isabel", "Raúl", "Verónica", "Andrés", "Mónica",
        "Héctor", "Beatriz", "Ramón", "Inés", "Iván", "Yolanda", "Rubén", "Adriana", "Óscar", "Marisol",
    ]
    static let spanishLastNames = [
        "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres",
        "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Reyes", "Gutiérrez", "Ortiz", "Chávez",
        "Ruiz", "Jiménez", "Muñoz", "Peña", "Castillo", "Vázquez", "Ibáñez", "García-López", "De la Cruz", "Núñez",
    ]
    static let asianFirstNames = ["Wei", "Li", "Mei", "Jun", "Minh", "Linh", "Thanh", "Hoa", "Jin", "Hyun"]
    static let asianLastNames = ["Chen", "Wang", "Zhang", "Liu", "Nguyen", "Tran", "Le", "Pham", "Kim", "Park"]

    static let streets = [
        "Main", "Elm", "Oak", "Maple", "Cedar", "Pine", "Washington", "Lincoln", "Jefferson", "Park",
        "Lake", "Hill", "Church", "Mill", "River", "Sunset", "Highland", "Ocean", "Spring", "Franklin",
        "Martin Luther King Jr", "César Chávez", "Dolores", "Alameda", "Magnolia", "Bayou", "Mesa", "Juniper",
    ]
    static let streetSuffixes = ["St", "Ave", "Rd", "Blvd", "Dr", "Ln", "Ct", "Way", "Pl", "Ter"]
    static let units = ["Apt", "Unit", "Apt", "Ste", "#"]

    struct ProductProfile: Sendable {
        let product: Account.Product
        let creditors: [String]
        let dateTypes: [Itemization.DateType]
        let cents: ClosedRange<Int64>
        let interest: Bool
    }

    static let products: [ProductProfile] = [
        ProductProfile(product: .creditCard, creditors: ["First Harbor Bank", "Summit Card Services", "Lakeside Credit Union", "Bluestem Bank, N.A."],
                       dateTypes: [.chargeOff, .chargeOff, .chargeOff, .lastStatement], cents: 30_000...1_500_000, interest: true),
        ProductProfile(product: .medical, creditors: ["Harbor Medical Group", "St. Anne's Hospital", "Valley Radiology, P.C.", "Clínica del Valle"],
                       dateTypes: [.lastStatement, .lastStatement, .transaction], cents: 5_000...500_000, interest: false),
        ProductProfile(product: .auto, creditors: ["Redline Auto Finance", "Prairie Motor Credit"],
                       dateTypes: [.chargeOff, .lastPayment, .judgment], cents: 100_000...2_000_000, interest: true),
        ProductProfile(product: .utility, creditors: ["Metro Power & Light", "Tri-County Water"],
                       dateTypes: [.lastStatement, .lastPayment], cents: 5_000...150_000, interest: false),
        ProductProfile(product: .telecom, creditors: ["Northwind Wireless", "Beacon Cable \"Plus\""],
                       dateTypes: [.lastStatement, .chargeOff], cents: 5_000...120_000, interest: false),
        ProductProfile(product: .studentLoan, creditors: ["Cardinal Student Lending"],
                       dateTypes: [.chargeOff, .lastPayment, .judgment], cents: 200_000...4_000_000, interest: true),
        ProductProfile(product: .other, creditors: ["Peak Fitness Club", "Sunrise Property Management"],
                       dateTypes: [.transaction, .lastStatement], cents: 5_000...300_000, interest: false),
    ]
    /// Debt buyers that own some accounts now.
    static let debtBuyers = ["Granite Recovery Fund LLC", "Meridian Receivables, LLC", "Oakline Portfolio Partners"]

    static let emailDomains = ["example.com", "example.org", "example.net", "mail.example.com"]

    /// For email local parts: accented Latin letters to ASCII.
    static func ascii(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "á", "à", "ä", "â": out.append("a")
            case "é", "è", "ë", "ê": out.append("e")
            case "í", "ì", "ï", "î": out.append("i")
            case "ó", "ò", "ö", "ô": out.append("o")
            case "ú", "ù", "ü", "û": out.append("u")
            case "ñ": out.append("n")
            case "ç": out.append("c")
            case "a"..."z", "0"..."9": out.unicodeScalars.append(scalar)
            default: continue  // spaces, apostrophes, hyphens
            }
        }
        return out
    }
}
