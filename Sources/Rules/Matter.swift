import CaseModel

/// One referral of a case, or one assessment with its referral, as the rules
/// of rules.md Version 2 see it: its dates, whether it is a child welfare
/// matter (lastensuojeluasia), whether it concerns a child in need of special
/// support, and the service it counts under. Plain values only (no strings),
/// so handing it to every rule costs no reference counting.
struct Matter {
    /// The referral's `received` (vireilletulo): every deadline's clock.
    let received: CalendarDate
    let urgent: Bool
    let urgencyAssessed: CalendarDate?
    let decided: CalendarDate?
    /// True for an assessment-level matter; the two dates below are then the assessment's.
    let isAssessment: Bool
    let started: CalendarDate?
    let completed: CalendarDate?
    /// The referral's kind is in `childWelfareKinds`, or it carries `childWelfare=true`.
    let isChildWelfare: Bool
    /// The assessment's own `specialSupport` when given, else its case's (false for a referral).
    let hasSpecialSupport: Bool
    /// The case's service today.
    let caseService: Service

    /// A child welfare matter counts under `lastensuojelu` whatever the case's
    /// service is now; any other matter under its case's service.
    var service: Service { isChildWelfare ? .lastensuojelu : caseService }

    /// The SHL 36 § population (SHL 36 §, LSL 27 §; THL: "lastensuojeluasiana
    /// tai erityistä tukea tarvitsevan lapsen asiassa vireille tulleet"): the
    /// two deadline rules and the backlog.
    /// rules.md "Every service": an assessment of a `tyoikaiset` case (its current service)
    /// enters them only as a child welfare matter; 7 working days and 3 months are for children.
    var isInSHL36Population: Bool {
        isAssessment && (isChildWelfare || (hasSpecialSupport && caseService != .tyoikaiset))
    }

    static func referral(_ r: Referral, of c: Case, childWelfare: Bool) -> Matter {
        Matter(
            received: r.received, urgent: r.urgent, urgencyAssessed: r.urgencyAssessed, decided: r.decided,
            isAssessment: false, started: nil, completed: nil, isChildWelfare: childWelfare,
            hasSpecialSupport: false, caseService: c.service)
    }

    static func assessment(_ a: Assessment, of r: Referral, in c: Case, childWelfare: Bool) -> Matter {
        Matter(
            received: r.received, urgent: r.urgent, urgencyAssessed: r.urgencyAssessed, decided: r.decided,
            isAssessment: true, started: a.started, completed: a.completed, isChildWelfare: childWelfare,
            hasSpecialSupport: a.specialSupport ?? c.specialSupport, caseService: c.service)
    }
}
