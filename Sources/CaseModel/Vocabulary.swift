/// The export's fixed vocabularies (case-export.md, "Vocabulary"). Raw values
/// are the codes as they appear in the export.

/// palvelu: the service a case, clientship, worker or post belongs to.
///
/// Cases are declared in the alphabetical order of their codes, which is the
/// sort order of the findings JSON ("sorted by rule, service, region").
public enum Service: String, CaseIterable, Sendable, Comparable, Codable {
    /// lapsiperheiden sosiaalityö: family social work under sosiaalihuoltolaki.
    case lapsiperheet
    /// lastensuojelu: child welfare under lastensuojelulaki 417/2007.
    case lastensuojelu
    /// työikäisten sosiaalipalvelut: working-age adults' social services.
    case tyoikaiset

    public static func < (a: Service, b: Service) -> Bool { a.rawValue < b.rawValue }
}

/// A worker's or post's role.
public enum WorkerRole: String, CaseIterable, Sendable, Comparable, Codable {
    /// laillistettu sosiaalityöntekijä: licensed social worker.
    case sosiaalityontekija
    /// sosiaaliohjaaja: social instructor.
    case sosiaaliohjaaja
    /// johtava sosiaalityöntekijä: leading social worker / team manager (licensed).
    case johtava
    /// other staff.
    case muu

    /// Roles that may act as the child's responsible social worker (LSL 13 a §).
    public var isQualifiedSocialWorker: Bool { self == .sosiaalityontekija || self == .johtava }

    public static func < (a: WorkerRole, b: WorkerRole) -> Bool { a.rawValue < b.rawValue }
}

/// vireilletulo: how a matter became pending.
public enum ReferralKind: String, CaseIterable, Sendable, Codable {
    /// lastensuojeluilmoitus, LSL 25 §.
    case lastensuojeluilmoitus
    /// pyyntö arvioida lastensuojelun tarve, LSL 25 c §.
    case pyyntoArvioida = "pyynto-arvioida"
    /// sosiaalihuoltoilmoitus, SHL 35 §.
    case sosiaalihuoltoilmoitus
    /// the client's own application.
    case hakemus
    /// other contact.
    case yhteydenotto
}

/// The screening decision on a referral.
public enum ScreeningOutcome: String, CaseIterable, Sendable, Codable {
    /// a service-needs assessment is started.
    case selvitys
    /// clearly needs no action.
    case eiToimenpiteita = "ei-toimenpiteita"
    /// already a client; handled in the existing client relationship.
    case joAsiakas = "jo-asiakas"
}

/// The result of a service-needs assessment.
public enum AssessmentResult: String, CaseIterable, Sendable, Codable {
    /// became a client.
    case asiakkuus
    /// did not become a client.
    case eiAsiakkuutta = "ei-asiakkuutta"
}
