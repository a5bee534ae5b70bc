import CaseModel
import Rules

/// Words in the three report languages, written beside the data they
/// describe, as a rule's name and statement are (`RuleDescription`).
public struct THLText: Sendable, Equatable {
    public let fi: String
    public let sv: String
    public let en: String

    public init(fi: String, sv: String, en: String) {
        self.fi = fi
        self.sv = sv
        self.en = en
    }

    public subscript(_ language: ReportLanguage) -> String {
        switch language {
        case .fi: return fi
        case .sv: return sv
        case .en: return en
        }
    }

    /// Two texts one after the other, language by language, with `separator` between.
    func joined(_ other: THLText, separator: String) -> THLText {
        THLText(fi: fi + separator + other.fi, sv: sv + separator + other.sv, en: en + separator + other.en)
    }
}

/// Where a field stands on THL's form.
public enum THLFormStatus: String, Sendable {
    /// A field of the current form.
    case form
    /// Asked by earlier forms of the collection.
    case earlierForm = "earlier-form"
    /// Not on the form: printed beside its fields, so that they can be checked and explained.
    case noted
}

/// A field's figure: an exact count, or why the data cannot give it (never a guess).
public enum THLValue: Sendable, Equatable {
    case count(Int)
    case unavailable(THLText)

    public var count: Int? {
        if case .count(let n) = self { return n }
        return nil
    }
}

/// A column of a collection that THL splits by whom the matter concerns: the
/// findings' service of its rows, or every service together.
public struct THLScope: Sendable {
    public let id: String
    public let label: THLText
    public let definition: THLText
    /// The findings rows' service; nil: the rows of every service, summed.
    public let service: Service?

    /// Which findings rows the column reads, in the terms of findings JSON.
    public var source: String { service.map { "service=\($0.rawValue)" } ?? "every service summed" }
}

/// One figure of a collection: its id, its words, where it stands on THL's
/// form and which figure of the findings it is. `value` only reads the
/// evaluation's findings (or a rule's tally of them): nothing is counted here.
public struct THLField: Sendable {
    public let id: String
    /// The measure the field gives (its row on screen); the scope is its column.
    public let measure: String
    public let measureLabel: THLText
    public let scope: THLScope?
    /// The measure's definition (the scope's follows it in `definition`).
    public let measureDefinition: THLText
    /// The findings figure of the measure, in the terms of findings JSON (`valvonta-findings/2`);
    /// the scope's rows are named in `source`.
    public let measureSource: String
    public let status: THLFormStatus
    let figure: @Sendable (Evaluation) -> THLValue

    /// The measure and, for a split collection, the column: "… – Lastensuojeluasiat".
    public var label: THLText { scope.map { measureLabel.joined($0.label, separator: " – ") } ?? measureLabel }

    /// The measure's definition, then the scope's.
    public var definition: THLText {
        scope.map { measureDefinition.joined($0.definition, separator: " ") } ?? measureDefinition
    }

    /// The findings figure with the scope's rows: `deadlines[rule=…, region=*] (service=lastensuojelu): met`.
    public var source: String {
        guard let scope, let colon = measureSource.range(of: ": ") else { return measureSource }
        return measureSource[..<colon.lowerBound] + " (" + scope.source + ")" + measureSource[colon.lowerBound...]
    }

    public func value(in evaluation: Evaluation) -> THLValue { figure(evaluation) }
}

/// One of THL's national collections as data: its fields in the form's order,
/// the rules whose reasons (metadata `reasons:`) belong in its comment, and
/// when its figures cannot be given at all. The two values are
/// `THLProcessingTimes.swift` and `THLStaffingRatio.swift`, one file each, as the rules are.
public struct THLCollection: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Lastensuojelun käsittelyajat: the half-year's deadlines.
        case kasittelyajat
        /// Lastensuojelun henkilöstömitoitus: the situation on one counting day.
        case mitoitus
    }

    public let kind: Kind
    public let name: THLText
    /// What THL collects and when, in a sentence.
    public let summary: THLText
    /// The columns on screen (empty: one column).
    public let scopes: [THLScope]
    public let fields: [THLField]
    /// The rules whose reasons in the metadata go into the comment draft, in this order.
    public let reasonRules: [RuleID]
    /// Why none of the figures can be given for this evaluation (nil: they can).
    let withheld: @Sendable (Evaluation) -> THLText?

    public static func named(_ kind: Kind) -> THLCollection {
        switch kind {
        case .kasittelyajat: return .kasittelyajat
        case .mitoitus: return .mitoitus
        }
    }

    /// Every field's value on the evaluation, in the order of `fields`.
    public func values(in evaluation: Evaluation) -> [THLValue] {
        if let reason = withheld(evaluation) { return fields.map { _ in .unavailable(reason) } }
        return fields.map { $0.value(in: evaluation) }
    }
}

extension Findings {
    /// The organisation-wide (`*`) outcomes of a deadline rule: one service's row, or every service's summed.
    func organisationOutcomes(_ rule: RuleID, service: Service?) -> OutcomeCounts {
        deadlines.filter {
            $0.rule == rule.rawValue && $0.region == Findings.allRegions
                && (service == nil || $0.service == service?.rawValue)
        }.reduce(OutcomeCounts.zero) { $0 + $1.counts }
    }
}
