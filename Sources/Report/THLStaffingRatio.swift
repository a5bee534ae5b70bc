import CaseModel
import Rules

/// THL's mitoitus collection as data (issue 17; docs/thl.md): each field's id,
/// its words, its definition and the findings figure it is, read from the
/// LSL 13 b § rules (`ResponsibleWorkerRule`, `CaseloadRule`) on the counting day.
extension THLCollection {
    /// Lastensuojelun henkilöstömitoitus: the situation on the counting day T (the
    /// second Tuesday of April or October), totals only.
    public static let mitoitus = THLCollection(
        kind: .mitoitus,
        name: THLText(
            fi: "Lastensuojelun sosiaalityön henkilöstömitoitus",
            sv: "Personaldimensioneringen inom barnskyddets sociala arbete",
            en: "Child welfare social work staffing ratio"),
        summary: THLText(
            fi: "THL:n tiedonkeruu huhtikuun ja lokakuun toisen tiistain tilanteesta: lastensuojelun asiakasmäärä, "
                + "vastuusosiaalityöntekijöiden määrä ja niiden määrä, joiden asiakasmäärä ylittää lastensuojelulain "
                + "13 b §:n rajan; kokonaismäärinä, ei työntekijöittäin.",
            sv: "THL:s datainsamling om läget den andra tisdagen i april och i oktober: antalet klienter inom "
                + "barnskyddet, antalet ansvariga socialarbetare och antalet av dem vars klientantal överskrider "
                + "gränsen i 13 b § barnskyddslagen; som totaler, inte per anställd.",
            en: "THL's collection on the situation on the second Tuesday of April and of October: the number of "
                + "child welfare clients, of responsible social workers, and of those whose caseload is over the "
                + "limit of section 13 b of the Child Welfare Act; totals only, not per worker."),
        scopes: [], fields: StaffingMeasure.fields,
        reasonRules: [.caseload, .assigned, .qualified],
        withheld: { _ in nil })
}

/// The fields of the mitoitus collection: the LSL 13 b § rules' figures on the counting day.
private enum StaffingMeasure {
    static let noLimit = THLText(
        fi: "Laskentapäivänä ei ollut voimassa lakisääteistä enimmäismäärää (se on ollut voimassa 1.1.2022 alkaen).",
        sv: "På räknedagen fanns inget lagstadgat högsta antal (det har gällt sedan 1.1.2022).",
        en: "No statutory limit was in force on the counting day (there has been one since 1 January 2022).")

    static func field(
        _ id: String, _ status: THLFormStatus, source: String, label: THLText, definition: THLText,
        figure: @escaping @Sendable (Evaluation) -> THLValue
    ) -> THLField {
        THLField(
            id: id, measure: id, measureLabel: label, scope: nil, measureDefinition: definition, measureSource: source,
            status: status, figure: figure)
    }

    static let fields: [THLField] = [
        field(
            "clients", .form, source: "assignment[region=*]: active (LSL13b-assigned)",
            label: THLText(
                fi: "Lastensuojelun asiakkaiden määrä", sv: "Antal klienter inom barnskyddet",
                en: "Number of child welfare clients"),
            definition: THLText(
                fi: "Lapset ja nuoret, joilla on laskentapäivänä voimassa oleva lastensuojelun asiakkuus (alkanut "
                    + "viimeistään laskentapäivänä eikä päättynyt viimeistään sinä päivänä), kukin kerran; myös "
                    + "jälkihuollon nuoret ja asiakkaat, joille ei ole nimetty vastuusosiaalityöntekijää.",
                sv: "Barn och unga som på räknedagen har ett gällande klientförhållande inom barnskyddet (inlett "
                    + "senast räknedagen och inte avslutat senast den dagen), var och en en gång; också unga i "
                    + "eftervård och klienter utan utsedd ansvarig socialarbetare.",
                en: "Children and young people with a child welfare clientship in force on the counting day (started "
                    + "on or before it and not ended on or before it), each once; young people in aftercare and "
                    + "clients with no responsible social worker included."),
            figure: { .count(ResponsibleWorkerRule.tally($0).counted) }),
        field(
            "responsibleWorkers", .form, source: "caseload: number of rows (LSL13b-caseload)",
            label: THLText(
                fi: "Vastuusosiaalityöntekijöiden määrä", sv: "Antal ansvariga socialarbetare",
                en: "Number of responsible social workers"),
            definition: THLText(
                fi: "Työntekijät, jotka laskentapäivänä vastaavat vähintään yhden asiakasmäärään lasketun lapsen "
                    + "asioista (nimeäminen voimassa laskentapäivänä), kukin kerran ja ammattinimikkeestä "
                    + "riippumatta.",
                sv: "Anställda som på räknedagen ansvarar för minst ett barn som räknas in i klientantalet "
                    + "(utnämningen gäller på räknedagen), var och en en gång och oberoende av yrkesbenämning.",
                en: "Workers responsible on the counting day for at least one child counted in a caseload (the "
                    + "assignment in force that day), each once, whatever their job title."),
            figure: { .count(CaseloadRule.tally($0).counted) }),
        field(
            "overLimit", .form, source: "caseload: rows with children > limit (LSL13b-caseload)",
            label: THLText(
                fi: "Vastuusosiaalityöntekijät, joiden asiakasmäärä ylittää LSL 13 b §:n rajan",
                sv: "Ansvariga socialarbetare vars klientantal överskrider gränsen i 13 b § barnskyddslagen",
                en: "Responsible social workers over the limit of LSL 13 b §"),
            definition: THLText(
                fi: "Vastuusosiaalityöntekijät, joiden asiakasmäärään laskentapäivänä lasketaan enemmän lapsia kuin "
                    + "sinä päivänä voimassa oleva enimmäismäärä (kenttä limit); täsmälleen enimmäismäärä ei ylitä "
                    + "rajaa.",
                sv: "Ansvariga socialarbetare vars klientantal på räknedagen omfattar fler barn än det högsta antal "
                    + "som gäller den dagen (fältet limit); exakt det högsta antalet överskrider inte gränsen.",
                en: "Responsible social workers whose caseload on the counting day holds more children than the limit "
                    + "in force that day (field limit); exactly the limit is not over it."),
            figure: { e in
                e.caseloadLimit == nil ? .unavailable(noLimit) : .count(CaseloadRule.tally(e).failing)
            }),
        field(
            "limit", .noted, source: "caseload: limit (CaseloadLimit on T)",
            label: THLText(
                fi: "Voimassa oleva enimmäismäärä (lasta vastuusosiaalityöntekijää kohden)",
                sv: "Gällande högsta antal (barn per ansvarig socialarbetare)",
                en: "Limit in force (children per responsible social worker)"),
            definition: THLText(
                fi: "Lastensuojelulain 13 b §:n enimmäismäärä laskentapäivänä (HE 170/2021).",
                sv: "Det högsta antalet enligt 13 b § barnskyddslagen på räknedagen (RP 170/2021).",
                en: "The limit of section 13 b of the Child Welfare Act on the counting day (HE 170/2021)."),
            figure: { e in e.caseloadLimit.map { .count($0) } ?? .unavailable(noLimit) }),
        field(
            "childrenInCaseloads", .noted, source: "caseload: sum of children",
            label: THLText(
                fi: "Vastuusosiaalityöntekijöiden asiakasmääriin lasketut lapset yhteensä",
                sv: "Barn som räknas in i de ansvariga socialarbetarnas klientantal, sammanlagt",
                en: "Children counted in the responsible social workers' caseloads, summed"),
            definition: THLText(
                fi: "Asiakasmäärien summa: lapset, joilla on voimassa oleva lastensuojelun asiakkuus ja joiden "
                    + "asioista työntekijä vastaa laskentapäivänä; lapsi on laskentavuonna enintään 17-vuotias tai "
                    + "18-vuotias muu kuin jälkihuollon asiakas (ilman syntymävuotta: muu kuin jälkihuollon asiakas). "
                    + "Lapsi, jolla on useampi vastuutyöntekijä, lasketaan kullekin.",
                sv: "Summan av klientantalen: barn med ett gällande klientförhållande inom barnskyddet som den "
                    + "anställda ansvarar för på räknedagen; barnet fyller högst 17 år under räkneåret eller fyller 18 "
                    + "och är inte i eftervård (utan födelseår: inte i eftervård). Ett barn med flera ansvariga räknas "
                    + "för var och en.",
                en: "The caseloads summed: children with a child welfare clientship in force whom the worker is "
                    + "responsible for on the counting day; the child turns at most 17 in that year, or 18 and is not "
                    + "in aftercare (without a birth year: not in aftercare). A child with several responsible "
                    + "workers counts for each."),
            figure: { .count($0.findings.caseload.reduce(0) { $0 + $1.children }) }),
        field(
            "unassigned", .noted, source: "assignment[region=*]: unassigned (LSL13b-assigned)",
            label: THLText(
                fi: "Asiakkaat ilman vastuusosiaalityöntekijää", sv: "Klienter utan ansvarig socialarbetare",
                en: "Clients with no responsible social worker"),
            definition: THLText(
                fi: "Lastensuojelun asiakkaat (kuten asiakasmäärässä), joilla ei ole laskentapäivänä voimassa "
                    + "olevaa vastuutyöntekijän nimeämistä: he ovat asiakasmäärässä mutta eivät kenenkään "
                    + "asiakasmäärässä.",
                sv: "Klienter inom barnskyddet (som i antalet klienter) utan utnämning av en ansvarig anställd som "
                    + "gäller på räknedagen: de ingår i antalet klienter men i ingens klientantal.",
                en: "Child welfare clients (as in the number of clients) with no assignment of a responsible worker "
                    + "in force on the counting day: in the number of clients, in nobody's caseload."),
            figure: { .count(ResponsibleWorkerRule.tally($0).failing) }),
    ]
}
