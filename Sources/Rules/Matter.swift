import CaseModel

/// One referral of a case, or one assessment with its referral, as the rules
/// of rules.md Version 2 see it: whether it is a child welfare matter
/// (lastensuojeluasia), whether it concerns a child in need of special support,
/// and the service it counts under.
struct Matter {
    let referral: Referral
    /// nil for a referral-level matter (screening, urgency).
    let assessment: Assessment?
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
    var isInSHL36Population: Bool { assessment != nil && (isChildWelfare || hasSpecialSupport) }

    static func referral(_ r: Referral, of c: Case, childWelfare: Bool) -> Matter {
        Matter(referral: r, assessment: nil, isChildWelfare: childWelfare, hasSpecialSupport: false, caseService: c.service)
    }

    static func assessment(_ a: Assessment, of r: Referral, in c: Case, childWelfare: Bool) -> Matter {
        Matter(
            referral: r, assessment: a, isChildWelfare: childWelfare,
            hasSpecialSupport: a.specialSupport ?? c.specialSupport, caseService: c.service)
    }
}
