/// The areas of the sample organisation: the 22 municipalities of the
/// Keski-Suomi wellbeing region, largest services first, with their
/// approximate population (2023), which sets each area's share of the cases.
struct Municipality: Sendable {
    var code: String
    var name: String
    var population: Int
}

enum Municipalities {
    static let organisation = "Keski-Suomen hyvinvointialue"

    static let all: [Municipality] = [
        Municipality(code: "JKL", name: "Jyväskylä", population: 146_000),
        Municipality(code: "AANE", name: "Äänekoski", population: 18_500),
        Municipality(code: "JAMS", name: "Jämsä", population: 19_700),
        Municipality(code: "KEUR", name: "Keuruu", population: 9_400),
        Municipality(code: "SAAR", name: "Saarijärvi", population: 9_300),
        Municipality(code: "VIIT", name: "Viitasaari", population: 6_100),
        Municipality(code: "LAUK", name: "Laukaa", population: 19_000),
        Municipality(code: "MUUR", name: "Muurame", population: 10_400),
        Municipality(code: "HANK", name: "Hankasalmi", population: 4_700),
        Municipality(code: "JOUT", name: "Joutsa", population: 4_300),
        Municipality(code: "KARS", name: "Karstula", population: 3_900),
        Municipality(code: "PETA", name: "Petäjävesi", population: 3_800),
        Municipality(code: "PIHT", name: "Pihtipudas", population: 3_800),
        Municipality(code: "UURA", name: "Uurainen", population: 3_700),
        Municipality(code: "KONN", name: "Konnevesi", population: 2_600),
        Municipality(code: "TOIV", name: "Toivakka", population: 2_400),
        Municipality(code: "MULT", name: "Multia", population: 1_600),
        Municipality(code: "KINN", name: "Kinnula", population: 1_600),
        Municipality(code: "KANN", name: "Kannonkoski", population: 1_300),
        Municipality(code: "KYYJ", name: "Kyyjärvi", population: 1_300),
        Municipality(code: "KIVI", name: "Kivijärvi", population: 1_100),
        Municipality(code: "LUHA", name: "Luhanka", population: 700),
    ]
}
