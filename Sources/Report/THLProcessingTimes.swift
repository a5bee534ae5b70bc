import CaseModel
import Rules

/// THL's käsittelyajat collection as data (issue 17; docs/thl.md): each
/// field's id, its words, its definition and the findings figure it is. The
/// figures are the rules' (`Evaluation.findings`, `valvonta-findings/2`).
extension THLCollection {
    /// Lastensuojelun käsittelyajat: of the half-year (`2026H1` = 1.10.2025–31.3.2026,
    /// `2026H2` = 1.4.–30.9.2026), seen on T, for the whole organisation (`*` rows),
    /// split as THL splits child welfare matters from children in need of special support.
    public static let kasittelyajat: THLCollection = {
        let scopes = [THLScope.all, .childWelfare, .specialSupport]
        var fields: [THLField] = []
        for measure in DeadlineMeasure.assessments {
            fields += scopes.map { measure.field($0) }
        }
        fields += DeadlineMeasure.screening.map { $0.field(nil) }
        return THLCollection(
            kind: .kasittelyajat,
            name: THLText(
                fi: "Lastensuojelun käsittelyajat", sv: "Behandlingstider inom barnskyddet",
                en: "Child welfare processing times"),
            summary: THLText(
                fi: "THL:n tiedonkeruu lastensuojelun määräaikojen toteutumisesta puolivuotisjaksoilta 1.10.–31.3. "
                    + "ja 1.4.–30.9. (toimitettava 17.4. ja 17.10. mennessä), hyvinvointialueen kokonaismäärinä.",
                sv: "THL:s datainsamling om hur tidsfristerna inom barnskyddet har hållits under halvårsperioderna "
                    + "1.10–31.3 och 1.4–30.9 (lämnas senast 17.4 och 17.10), som totaler för välfärdsområdet.",
                en: "THL's collection on how the child welfare time limits were kept in the half-years 1 October–31 "
                    + "March and 1 April–30 September (due by 17 April and 17 October), as totals for the wellbeing "
                    + "services county."),
            scopes: scopes, fields: fields,
            reasonRules: [.assessmentStart, .assessmentCompletion, .screening],
            withheld: { e in
                guard e.asOf < e.periodStart else { return nil }
                return THLText(
                    fi: "Puolivuotisjakso ei ollut alkanut tilannepäivänä, joten sen lukuja ei ole.",
                    sv: "Halvårsperioden hade inte börjat på dagen för läget, så den har inga siffror.",
                    en: "The half-year had not begun on the as-of date, so it has no figures.")
            })
    }()
}

extension THLScope {
    static let all = THLScope(
        id: "all", label: THLText(fi: "Yhteensä", sv: "Totalt", en: "Total"),
        definition: THLText(
            fi: "Lastensuojeluasiana ja erityistä tukea tarvitsevan lapsen asiana vireille tulleet yhteensä.",
            sv: "Ärenden som inletts som barnskyddsärende och som ärende som gäller ett barn i behov av särskilt "
                + "stöd, sammanlagt.",
            en: "Matters that became pending as a child welfare matter and as the matter of a child in need of "
                + "special support, together."),
        service: nil)

    static let childWelfare = THLScope(
        id: "childWelfare",
        label: THLText(fi: "Lastensuojeluasiat", sv: "Barnskyddsärenden", en: "Child welfare matters"),
        definition: THLText(
            fi: "Lastensuojeluasiana vireille tulleet: vireilletulo on lastensuojeluilmoitus tai pyyntö "
                + "lastensuojelun tarpeen arvioimiseksi (asetus childWelfareKinds) tai lastensuojeluasiaksi "
                + "merkitty yhteydenotto, asiakkuuden nykyisestä palvelusta riippumatta; lisäksi erityistä tukea "
                + "tarvitsevan lapsen muut arvioinnit, kun lapsen asiakkuus on lastensuojelussa (löydökset "
                + "laskevat ne lastensuojeluun).",
            sv: "Ärenden som inletts som barnskyddsärende: en barnskyddsanmälan eller en begäran om bedömning av "
                + "behovet av barnskydd (inställningen childWelfareKinds) eller en kontakt som markerats som "
                + "barnskyddsärende, oberoende av klientens nuvarande tjänst; därtill andra bedömningar av ett barn "
                + "i behov av särskilt stöd vars klientförhållande hör till barnskyddet (fynden räknar dem dit).",
            en: "Matters that became pending as a child welfare matter: a child welfare notification or a request "
                + "to assess the need for child welfare (setting childWelfareKinds), or a contact marked as a child "
                + "welfare matter, whatever the case's service now; and the other assessments of a child in need "
                + "of special support whose case is in child welfare (the findings count them there)."),
        service: .lastensuojelu)

    static let specialSupport = THLScope(
        id: "specialSupport",
        label: THLText(
            fi: "Erityistä tukea tarvitsevat lapset", sv: "Barn i behov av särskilt stöd",
            en: "Children in need of special support"),
        definition: THLText(
            fi: "Erityistä tukea tarvitsevan lapsen asiana vireille tulleet lapsiperheiden sosiaalipalveluissa: "
                + "arvioinnissa (tai sen puuttuessa asiakkuudessa) on merkitty erityisen tuen tarve, eikä "
                + "vireilletulo ollut lastensuojeluasia.",
            sv: "Ärenden som gäller ett barn i behov av särskilt stöd inom socialservicen för barnfamiljer: "
                + "bedömningen (eller, utan egen uppgift, klientens ärende) är markerad med behov av särskilt stöd, "
                + "och ärendet inleddes inte som barnskyddsärende.",
            en: "Matters of a child in need of special support in family social services: the assessment (or, "
                + "without a mark of its own, the case) is marked as needing special support, and the referral was "
                + "not a child welfare matter."),
        service: .lapsiperheet)
}

/// A measure of the käsittelyajat collection: which outcomes of which deadline rule it adds up.
private struct DeadlineMeasure {
    enum Part {
        case met, lateOrOverdue, late, overdue, pending

        func of(_ o: OutcomeCounts) -> Int {
            switch self {
            case .met: return o.met
            case .lateOrOverdue: return o.late + o.overdue
            case .late: return o.late
            case .overdue: return o.overdue
            case .pending: return o.pending
            }
        }

        var keys: String {
            switch self {
            case .met: return "met"
            case .lateOrOverdue: return "late + overdue"
            case .late: return "late"
            case .overdue: return "overdue"
            case .pending: return "pending"
            }
        }
    }

    var id: String
    var rule: RuleID
    var part: Part
    var status: THLFormStatus
    var label: THLText
    var definition: THLText

    func field(_ scope: THLScope?) -> THLField {
        let rule = self.rule
        let part = self.part
        let service = scope?.service
        return THLField(
            id: scope.map { "\(id).\($0.id)" } ?? id, measure: id, measureLabel: label, scope: scope,
            measureDefinition: definition,
            measureSource: "deadlines[rule=\(rule.rawValue), region=*]"
                + (scope == nil ? " (every service summed)" : "")
                + ": " + part.keys,
            status: status, figure: { .count(part.of($0.findings.organisationOutcomes(rule, service: service))) })
    }

    static let assessments: [DeadlineMeasure] = [
        DeadlineMeasure(
            id: "start.inTime", rule: .assessmentStart, part: .met, status: .form,
            label: THLText(
                fi: "Palvelutarpeen arviointi aloitettu viimeistään 7. arkipäivänä",
                sv: "Bedömningen av servicebehovet inledd senast den 7:e vardagen",
                en: "Assessment started by the 7th working day"),
            definition: THLText(
                fi: "Jaksolla vireille tulleet palvelutarpeen arvioinnit, jotka aloitettiin viimeistään "
                    + "seitsemäntenä arkipäivänä vireilletulosta (vireilletulopäivää ei lasketa; arkipäiviä eivät "
                    + "ole arkipyhät, lauantait eivätkä juhannus- ja jouluaatto).",
                sv: "Bedömningar av servicebehovet i ärenden som inletts under perioden och som inleddes senast den "
                    + "sjunde vardagen efter att ärendet inletts (den dagen räknas inte; helgdagar, lördagar, "
                    + "midsommarafton och julafton är inte vardagar).",
                en: "Service-needs assessments of matters that became pending in the period and were started by "
                    + "the seventh working day after (that day not counted; public holidays, Saturdays, Midsummer "
                    + "Eve and Christmas Eve are not working days).")),
        DeadlineMeasure(
            id: "start.later", rule: .assessmentStart, part: .lateOrOverdue, status: .form,
            label: THLText(
                fi: "Palvelutarpeen arviointi aloitettu myöhemmin", sv: "Bedömningen av servicebehovet inledd senare",
                en: "Assessment started later"),
            definition: THLText(
                fi: "Jaksolla vireille tulleet arvioinnit, jotka aloitettiin seitsemännen arkipäivän jälkeen "
                    + "(viimeistään tilannepäivänä) tai joita ei ollut aloitettu tilannepäivänä, vaikka määräaika oli "
                    + "kulunut; myös arvioinnit, joilta puuttuu aloituspäivä.",
                sv: "Bedömningar i ärenden som inletts under perioden och som inleddes efter den sjunde vardagen "
                    + "(senast på dagen för läget) eller inte hade inletts på dagen för läget fast tidsfristen hade "
                    + "gått ut; också bedömningar utan datum för när de inleddes.",
                en: "Assessments of matters that became pending in the period that were started after the seventh "
                    + "working day (by the as-of date), or had not been started on the as-of date though the time "
                    + "limit had passed; assessments with no start date recorded included.")),
        DeadlineMeasure(
            id: "start.pending", rule: .assessmentStart, part: .pending, status: .noted,
            label: THLText(
                fi: "Ei vielä aloitettu, määräaika kulumatta", sv: "Ännu inte inledd, tidsfristen löper",
                en: "Not yet started, time limit not passed"),
            definition: THLText(
                fi: "Jaksolla vireille tulleet arvioinnit, joita ei ollut aloitettu tilannepäivänä ja joiden "
                    + "seitsemäs arkipäivä on tilannepäivänä tai myöhemmin; lomakkeen kumpaankaan kenttään niitä ei "
                    + "vielä voi lukea.",
                sv: "Bedömningar i ärenden som inletts under perioden, inte inledda på dagen för läget, vars sjunde "
                    + "vardag infaller den dagen eller senare; de kan ännu inte räknas till något av blankettens fält.",
                en: "Assessments of matters that became pending in the period, not started on the as-of date, whose "
                    + "seventh working day is on or after it; they cannot yet be put in either field of the form.")),
        DeadlineMeasure(
            id: "complete.inTime", rule: .assessmentCompletion, part: .met, status: .form,
            label: THLText(
                fi: "Palvelutarpeen arviointi valmistunut 3 kuukauden kuluessa",
                sv: "Bedömningen av servicebehovet slutförd inom 3 månader", en: "Assessment completed within 3 months"
            ),
            definition: THLText(
                fi: "Jaksolla (ja viimeistään tilannepäivänä) valmistuneet arvioinnit, jotka valmistuivat "
                    + "viimeistään kolmen kuukauden kuluttua vireilletulosta, vireilletulon ajankohdasta riippumatta "
                    + "(THL:n valmistumisperuste). Kolme kuukautta: sama päivä kolmen kuukauden kuluttua tai sen "
                    + "kuukauden viimeinen päivä; jos se ei ole arkipäivä, seuraava arkipäivä.",
                sv: "Bedömningar som slutförts under perioden (och senast på dagen för läget) inom tre månader efter "
                    + "att ärendet inletts, oberoende av när det inleddes (THL:s grund: slutförandet). Tre månader: "
                    + "samma dag tre månader senare eller den månadens sista dag; om den inte är en vardag, nästa "
                    + "vardag.",
                en: "Assessments completed in the period (and by the as-of date) within three months of the matter "
                    + "becoming pending, whenever it became pending (THL's completion basis). Three months: the same "
                    + "day three months later or that month's last day; if not a working day, the next working day.")
        ),
        DeadlineMeasure(
            id: "complete.later", rule: .assessmentCompletion, part: .late, status: .form,
            label: THLText(
                fi: "Palvelutarpeen arviointi valmistunut yli 3 kuukauden kuluttua",
                sv: "Bedömningen av servicebehovet slutförd efter mer än 3 månader",
                en: "Assessment completed after more than 3 months"),
            definition: THLText(
                fi: "Jaksolla (ja viimeistään tilannepäivänä) valmistuneet arvioinnit, jotka valmistuivat kolmen "
                    + "kuukauden määräajan jälkeen, vireilletulon ajankohdasta riippumatta.",
                sv: "Bedömningar som slutförts under perioden (och senast på dagen för läget) efter "
                    + "tremånadersfristen, oberoende av när ärendet inleddes.",
                en: "Assessments completed in the period (and by the as-of date) after the three-month limit, "
                    + "whenever the matter became pending.")),
        DeadlineMeasure(
            id: "complete.overdueOpen", rule: .assessmentCompletion, part: .overdue, status: .noted,
            label: THLText(
                fi: "Kesken, 3 kuukauden määräaika päättyi jaksolla",
                sv: "Pågående, tremånadersfristen gick ut under perioden",
                en: "Open, 3-month limit passed in the period"),
            definition: THLText(
                fi: "Arvioinnit, jotka eivät olleet valmiita tilannepäivänä ja joiden kolmen kuukauden määräaika "
                    + "päättyi jaksolla ennen tilannepäivää. Lomake kysyy valmistuneita: nämä tulevat sille myöhässä "
                    + "valmistuneina sillä jaksolla, jolla ne valmistuvat.",
                sv: "Bedömningar som inte var slutförda på dagen för läget och vars tremånadersfrist gick ut under "
                    + "perioden före den dagen. Blanketten frågar efter slutförda: dessa kommer med som försenade "
                    + "under den period då de slutförs.",
                en: "Assessments not completed on the as-of date whose three-month limit passed in the period before "
                    + "it. The form asks about completed ones: these reach it as completed late in the half-year "
                    + "they are completed in.")),
        DeadlineMeasure(
            id: "complete.pendingOpen", rule: .assessmentCompletion, part: .pending, status: .noted,
            label: THLText(
                fi: "Kesken, määräaika kulumatta", sv: "Pågående, tidsfristen löper", en: "Open, time limit not passed"
            ),
            definition: THLText(
                fi: "Jaksolla vireille tulleet arvioinnit, jotka eivät olleet valmiita tilannepäivänä ja joiden "
                    + "kolmen kuukauden määräaika on tilannepäivänä tai myöhemmin.",
                sv: "Bedömningar i ärenden som inletts under perioden, inte slutförda på dagen för läget, vars "
                    + "tremånadersfrist infaller den dagen eller senare.",
                en: "Assessments of matters that became pending in the period, not completed on the as-of date, "
                    + "whose three-month limit is on or after it.")),
    ]

    private static let screeningMatters = THLText(
        fi: "Jaksolla vireille tulleet lastensuojeluasiat (lastensuojeluilmoitukset, pyynnöt lastensuojelun tarpeen "
            + "arvioimiseksi ja lastensuojeluasiaksi merkityt yhteydenotot, kaikissa palveluissa), ",
        sv: "Barnskyddsärenden som inletts under perioden (barnskyddsanmälningar, begäranden om bedömning av "
            + "behovet av barnskydd och kontakter som markerats som barnskyddsärende, i alla tjänster), ",
        en: "Child welfare matters that became pending in the period (child welfare notifications, requests to "
            + "assess the need for child welfare and contacts marked as child welfare matters, in every service), ")

    static let screening: [DeadlineMeasure] = [
        DeadlineMeasure(
            id: "screening.inTime", rule: .screening, part: .met, status: .earlierForm,
            label: THLText(
                fi: "Lastensuojeluasia ratkaistu 7 arkipäivän kuluessa",
                sv: "Barnskyddsärendet avgjort inom 7 vardagar",
                en: "Child welfare matter decided within 7 working days"),
            definition: screeningMatters.joined(
                THLText(
                    fi: "joissa ratkaistiin viimeistään seitsemäntenä arkipäivänä, ryhdytäänkö toimenpiteisiin "
                        + "(LSL 26 § 2 mom.).",
                    sv:
                        "där det senast den sjunde vardagen avgjordes om åtgärder vidtas (26 § 2 mom. barnskyddslagen).",
                    en: "in which it was decided by the seventh working day whether to act (LSL 26 § 2 mom.)."),
                separator: "")),
        DeadlineMeasure(
            id: "screening.later", rule: .screening, part: .lateOrOverdue, status: .earlierForm,
            label: THLText(
                fi: "Lastensuojeluasia ratkaistu myöhemmin", sv: "Barnskyddsärendet avgjort senare",
                en: "Child welfare matter decided later"),
            definition: screeningMatters.joined(
                THLText(
                    fi: "joissa ratkaisu tehtiin seitsemännen arkipäivän jälkeen tai sitä ei ollut tehty "
                        + "tilannepäivänä, vaikka määräaika oli kulunut.",
                    sv: "där beslutet fattades efter den sjunde vardagen eller inte hade fattats på dagen för läget "
                        + "fast tidsfristen hade gått ut.",
                    en: "decided after the seventh working day, or not decided on the as-of date though the time "
                        + "limit had passed."),
                separator: "")),
        DeadlineMeasure(
            id: "screening.pending", rule: .screening, part: .pending, status: .noted,
            label: THLText(
                fi: "Lastensuojeluasia ratkaisematta, määräaika kulumatta",
                sv: "Barnskyddsärendet oavgjort, tidsfristen löper",
                en: "Child welfare matter undecided, time limit not passed"),
            definition: screeningMatters.joined(
                THLText(
                    fi: "joita ei ollut ratkaistu tilannepäivänä ja joiden seitsemäs arkipäivä on tilannepäivänä tai "
                        + "myöhemmin.",
                    sv: "som inte hade avgjorts på dagen för läget och vars sjunde vardag infaller den dagen eller "
                        + "senare.",
                    en: "not decided on the as-of date, whose seventh working day is on or after it."),
                separator: "")),
    ]
}
