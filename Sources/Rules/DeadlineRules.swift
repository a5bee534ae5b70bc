import CaseModel

/// `LSL26-urgency`: urgent child welfare need assessed "välittömästi"
/// (immediately), read as the day of receipt or the next calendar day.
/// Who: referrals with `urgent=true` of `lastensuojelu` cases. Clock:
/// `received`. Done: `urgencyAssessed`. Deadline: received + `urgencyDays`
/// calendar days, even onto a holiday.
public enum UrgencyAssessmentRule: Rule {
    public static let definition = RuleDescription(
        id: "LSL26-urgency", reference: "LSL 26 § (lastensuojelulaki 417/2007)",
        name: [
            "fi": "Kiireellisen lastensuojelun tarpeen arviointi",
            "sv": "Bedömning av behovet av brådskande barnskydd",
            "en": "Assessment of an urgent need for child welfare",
        ],
        statement: [
            "fi": "Lapsen mahdollinen kiireellinen lastensuojelun tarve on arvioitava välittömästi; "
                + "välittömäksi luetaan tässä vastaanottopäivä tai sitä seuraava kalenteripäivä.",
            "sv": "Barnets eventuella behov av brådskande barnskydd ska bedömas omedelbart; "
                + "här räknas mottagningsdagen eller följande kalenderdag som omedelbart.",
            "en": "A child's possible need for urgent child welfare must be assessed immediately, "
                + "read here as the day of receipt or the next calendar day.",
        ],
        isPolicy: true)

    public static func tally(_ evaluation: Evaluation) -> RuleTally { deadlineTally(evaluation, definition.id) }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "received on Good Friday, assessed on Saturday: the next calendar day is in time",
                Ex.export(
                    [
                        Ex.child(
                            "C1",
                            referrals: [
                                Ex.referral(received: "2024-03-29", urgent: true, urgencyAssessed: "2024-03-30")
                            ]),
                        // Not urgent, and an urgent referral of a family case: neither counts.
                        Ex.child("C2", referrals: [Ex.referral(received: "2024-03-29", urgencyAssessed: "2024-04-30")]),
                        Ex.child("C3", .lapsiperheet, referrals: [Ex.referral(received: "2024-03-01", urgent: true)]),
                    ], generated: "2024-05-31"),
                expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "assessed two days after receipt is late; never assessed is overdue",
                Ex.export(
                    [
                        Ex.child(
                            "C1",
                            referrals: [
                                Ex.referral(received: "2024-01-03", urgent: true, urgencyAssessed: "2024-01-05")
                            ]),
                        Ex.child("C2", referrals: [Ex.referral(received: "2024-05-29", urgent: true)]),
                    ], generated: "2024-05-31"),
                expected: RuleTally(counted: 2, failing: 2)),
        ]
    }
}

/// `LSL26-screening-7wd`: the screening decision by the 7th working day.
/// Who: referrals of kind `lastensuojeluilmoitus` or `pyynto-arvioida`, in
/// every service (also when decided `ei-toimenpiteita`/`jo-asiakas`).
/// Clock: `received`. Done: `decided`. Deadline: 7 working days.
public enum ScreeningDecisionRule: Rule {
    public static let definition = RuleDescription(
        id: "LSL26-screening-7wd", reference: "LSL 26 § (lastensuojelulaki 417/2007)",
        name: [
            "fi": "Ratkaisu jatkotoimista 7 arkipäivässä",
            "sv": "Beslut om fortsatta åtgärder inom 7 vardagar",
            "en": "Screening decision within 7 working days",
        ],
        statement: [
            "fi": "Lastensuojeluilmoituksen tai lastensuojelutarpeen arviointipyynnön johdosta on viimeistään "
                + "seitsemäntenä arkipäivänä ratkaistava, ryhdytäänkö toimenpiteisiin, aloitetaanko palvelutarpeen "
                + "arviointi vai onko asia selvästi sellainen, ettei toimenpiteisiin tarvitse ryhtyä.",
            "sv": "Efter en barnskyddsanmälan eller en begäran om bedömning av behovet av barnskydd ska det senast "
                + "den sjunde vardagen avgöras om åtgärder vidtas, om en bedömning av servicebehovet inleds eller om "
                + "ärendet uppenbart inte kräver åtgärder.",
            "en": "By the seventh working day after a child welfare notification or a request to assess the need "
                + "for child welfare, it must be decided whether to act, to start a service-needs assessment, or "
                + "that the matter clearly needs no action.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally { deadlineTally(evaluation, definition.id) }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "decided on the 7th working day (Epiphany on a Saturday; Easter) is in time, in any service",
                Ex.export(
                    [
                        Ex.child(
                            "C1",
                            referrals: [Ex.referral(received: "2024-01-03", decided: "2024-01-12", outcome: .selvitys)]),
                        Ex.child(
                            "C2", .tyoikaiset,
                            referrals: [
                                Ex.referral(
                                    .pyyntoArvioida, received: "2024-03-27", decided: "2024-04-09",
                                    outcome: .eiToimenpiteita),
                                // An application is not in this rule.
                                Ex.referral(.hakemus, id: "R2", received: "2024-03-27"),
                            ]),
                    ], generated: "2024-05-31"),
                expected: RuleTally(counted: 2, failing: 0)),
            RuleExample(
                "undecided past the deadline, and decided only after T, are both overdue on T",
                Ex.export(
                    [
                        Ex.child("C1", referrals: [Ex.referral(received: "2024-05-20")]),
                        Ex.child(
                            "C2", .lapsiperheet, referrals: [Ex.referral(received: "2024-05-17", decided: "2024-06-03")]
                        ),
                    ], generated: "2024-06-30", period: ("2024-01-01", "2024-05-31")),
                asOf: Ex.d("2024-05-31"),
                expected: RuleTally(counted: 2, failing: 2)),
        ]
    }
}

/// `SHL36-start-7wd`: the service-needs assessment started by the 7th
/// working day. Who: assessment records of `lastensuojelu` cases and of
/// `lapsiperheet` cases with `specialSupport`. Clock: the referral's
/// `received` (vireilletulo, never the start decision). Done: `started`.
public enum AssessmentStartRule: Rule {
    public static let definition = RuleDescription(
        id: "SHL36-start-7wd", reference: "SHL 36 § (sosiaalihuoltolaki 1301/2014); LSL 27 §",
        name: [
            "fi": "Palvelutarpeen arvioinnin aloittaminen 7 arkipäivässä",
            "sv": "Bedömningen av servicebehovet inleds inom 7 vardagar",
            "en": "Service-needs assessment started within 7 working days",
        ],
        statement: [
            "fi": "Lastensuojelun asiakkaan ja erityistä tukea tarvitsevan lapsen palvelutarpeen arviointi on "
                + "aloitettava viimeistään seitsemäntenä arkipäivänä asian vireilletulosta.",
            "sv": "Bedömningen av servicebehovet för ett barn inom barnskyddet och för ett barn i behov av särskilt "
                + "stöd ska inledas senast den sjunde vardagen efter att ärendet inletts.",
            "en": "The service-needs assessment of a child welfare client or of a child in need of special support "
                + "must start by the seventh working day after the matter became pending.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally { deadlineTally(evaluation, definition.id) }

    public static var examples: [RuleExample] {
        let midsummer = Ex.export(
            [
                Ex.child(
                    "C1", referrals: [Ex.referral(received: "2024-06-19")],
                    assessments: [Ex.assessment(started: "2024-07-01")]),
                Ex.child(
                    "C2", .lapsiperheet, specialSupport: true, referrals: [Ex.referral(received: "2024-06-03")],
                    assessments: [Ex.assessment(started: "2024-06-03")]),
                // A family case without special support has no deadline in law.
                Ex.child(
                    "C3", .lapsiperheet, referrals: [Ex.referral(received: "2024-06-03")],
                    assessments: [Ex.assessment(started: "2024-07-30")]),
            ], generated: "2024-07-31", period: ("2024-06-01", "2024-07-31"))
        return [
            RuleExample(
                "started on the 7th working day after Midsummer Eve is in time", midsummer,
                expected: RuleTally(counted: 2, failing: 0)),
            RuleExample(
                "started one working day late",
                Ex.export(
                    [
                        Ex.child(
                            "C1", referrals: [Ex.referral(received: "2024-06-19")],
                            assessments: [Ex.assessment(started: "2024-07-02")])
                    ], generated: "2024-07-31", period: ("2024-06-01", "2024-07-31")),
                expected: RuleTally(counted: 1, failing: 1)),
            RuleExample(
                "when Midsummer Eve is a working day the same start is late", midsummer,
                settings: RuleSettings(evesAreHolidays: false), expected: RuleTally(counted: 2, failing: 1)),
        ]
    }
}

/// `SHL36-complete-3m`: the assessment completed within 3 months of the
/// referral's `received` (MLL month rule; a deadline on a non-working day
/// moves to the next working day). Same population as `SHL36-start-7wd`.
public enum AssessmentCompletionRule: Rule {
    public static let definition = RuleDescription(
        id: "SHL36-complete-3m", reference: "SHL 36 § (sosiaalihuoltolaki 1301/2014); LSL 27 §",
        name: [
            "fi": "Palvelutarpeen arvioinnin valmistuminen 3 kuukaudessa",
            "sv": "Bedömningen av servicebehovet färdig inom 3 månader",
            "en": "Service-needs assessment completed within 3 months",
        ],
        statement: [
            "fi": "Lastensuojelun asiakkaan ja erityistä tukea tarvitsevan lapsen palvelutarpeen arvioinnin on "
                + "valmistuttava viimeistään kolmen kuukauden kuluessa asian vireilletulosta.",
            "sv": "Bedömningen av servicebehovet för ett barn inom barnskyddet och för ett barn i behov av särskilt "
                + "stöd ska vara klar senast tre månader efter att ärendet inletts.",
            "en": "The service-needs assessment of a child welfare client or of a child in need of special support "
                + "must be completed within three months after the matter became pending.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally { deadlineTally(evaluation, definition.id) }

    public static var examples: [RuleExample] {
        let easter = Ex.export(
            [
                Ex.child(
                    "C1", referrals: [Ex.referral(received: "2024-03-31")],
                    assessments: [Ex.assessment(started: "2024-04-02", completed: "2024-07-01")])
            ], generated: "2024-07-31", period: ("2024-01-01", "2024-07-31"))
        return [
            RuleExample(
                "received on Easter Sunday 31.3.: 30.6. is a Sunday, so 1.7. is in time", easter,
                expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "without the working-day shift 1.7. is late", easter,
                settings: RuleSettings(monthDeadlineRolls: false), expected: RuleTally(counted: 1, failing: 1)),
            RuleExample(
                "30.11.2023 + 3 months is 29.2.2024: completed 1.3. is late; still open past 20.5. is overdue",
                Ex.export(
                    [
                        Ex.child(
                            "C1", referrals: [Ex.referral(received: "2023-11-30")],
                            assessments: [Ex.assessment(started: "2023-12-01", completed: "2024-03-01")]),
                        Ex.child(
                            "C2", .lapsiperheet, specialSupport: true, referrals: [Ex.referral(received: "2024-02-20")],
                            assessments: [Ex.assessment(started: "2024-02-21")]),
                    ], generated: "2024-05-31", period: ("2023-10-01", "2024-03-31")),
                expected: RuleTally(counted: 2, failing: 2)),
        ]
    }
}

/// `SHL36-backlog`: the queue on T, whatever the period: assessments of the
/// SHL36 population whose referral was received ≤ T and that are not
/// completed on T; overdue when the 3-month deadline < T.
public enum AssessmentBacklogRule: Rule {
    public static let definition = RuleDescription(
        id: "SHL36-backlog", reference: "SHL 36 § (sosiaalihuoltolaki 1301/2014); LSL 27 §",
        name: [
            "fi": "Keskeneräiset palvelutarpeen arvioinnit",
            "sv": "Pågående bedömningar av servicebehovet",
            "en": "Open service-needs assessments",
        ],
        statement: [
            "fi": "Tarkastelupäivänä keskeneräiset lastensuojelun ja erityistä tukea tarvitsevien lasten "
                + "palvelutarpeen arvioinnit: aloittamattomat ja kolmen kuukauden määräajan ylittäneet.",
            "sv": "Bedömningar av servicebehovet inom barnskyddet och för barn i behov av särskilt stöd som pågår "
                + "på granskningsdagen: de som inte inletts och de som överskridit tremånadersfristen.",
            "en": "Service-needs assessments of child welfare and of children in need of special support still open "
                + "on the review date: those not started and those past the three-month deadline.",
        ],
        isPolicy: false)

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        let rows = evaluation.findings.backlog.filter { $0.region == Findings.allRegions }
        return RuleTally(counted: rows.reduce(0) { $0 + $1.open }, failing: rows.reduce(0) { $0 + $1.overdue })
    }

    public static var examples: [RuleExample] {
        let open = Ex.child("C1", referrals: [Ex.referral(received: "2024-02-29")], assessments: [Ex.assessment()])
        return [
            RuleExample(
                "open, deadline 29.5. equal to T: not yet overdue; a completed one is not in the queue",
                Ex.export(
                    [
                        open,
                        Ex.child(
                            "C2", referrals: [Ex.referral(received: "2023-12-01")],
                            assessments: [Ex.assessment(started: "2023-12-04", completed: "2024-02-01")]),
                    ], generated: "2024-05-29"),
                expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "the same assessment one day later is overdue", Ex.export([open], generated: "2024-05-30"),
                expected: RuleTally(counted: 1, failing: 1)),
        ]
    }
}

/// Processing times (no deadline in law for working-age services and family
/// cases without special support: "viipymättä"): for completed assessments
/// of every service whose referral was received in the period, the count,
/// nearest-rank median and 90th percentile of calendar days received → completed.
public enum ProcessingTimeMeasure: Rule {
    public static let definition = RuleDescription(
        id: "SHL36-durations", reference: "SHL 36 § (sosiaalihuoltolaki 1301/2014)",
        name: [
            "fi": "Palvelutarpeen arviointien käsittelyajat",
            "sv": "Handläggningstider för bedömningar av servicebehovet",
            "en": "Processing times of service-needs assessments",
        ],
        statement: [
            "fi": "Arviointi on tehtävä viipymättä; valmistuneista arvioinneista raportoidaan käsittelyajan mediaani "
                + "ja 90. persentiili kalenteripäivinä vireilletulosta valmistumiseen.",
            "sv": "Bedömningen ska göras utan dröjsmål; för slutförda bedömningar rapporteras medianen och den 90:e "
                + "percentilen av handläggningstiden i kalenderdagar från att ärendet inletts tills bedömningen är klar.",
            "en": "Assessments must be made without delay; for completed assessments the median and 90th percentile "
                + "of calendar days from the matter becoming pending to completion are reported.",
        ],
        isPolicy: false)

    public static var hasFailingState: Bool { false }

    public static func tally(_ evaluation: Evaluation) -> RuleTally {
        RuleTally(
            counted: evaluation.findings.durations.filter { $0.region == Findings.allRegions }
                .reduce(0) { $0 + $1.completed }, failing: 0)
    }

    public static var examples: [RuleExample] {
        [
            RuleExample(
                "a working-age client's assessment completed in 30 days is counted",
                Ex.export(
                    [
                        Ex.child(
                            "C1", .tyoikaiset, referrals: [Ex.referral(.hakemus, received: "2024-02-01")],
                            assessments: [Ex.assessment(started: "2024-02-05", completed: "2024-03-02")])
                    ], generated: "2024-05-31"), expected: RuleTally(counted: 1, failing: 0)),
            RuleExample(
                "received before the period, or not completed on T: left out",
                Ex.export(
                    [
                        Ex.child(
                            "C1", .tyoikaiset, referrals: [Ex.referral(.hakemus, received: "2023-12-15")],
                            assessments: [Ex.assessment(started: "2023-12-20", completed: "2024-01-15")]),
                        Ex.child(
                            "C2", .lapsiperheet, referrals: [Ex.referral(.hakemus, received: "2024-05-02")],
                            assessments: [Ex.assessment(started: "2024-05-03", completed: "2024-06-03")]),
                    ], generated: "2024-06-30", period: ("2024-01-01", "2024-05-31")), asOf: Ex.d("2024-05-31"),
                expected: RuleTally(counted: 0, failing: 0)),
        ]
    }
}
