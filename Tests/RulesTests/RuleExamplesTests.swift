import CaseModel
import Testing

@testable import Rules

/// The one shared helper that runs every rule's examples: a rule without a
/// compliant and a non-compliant example (or, for a measure, one counted and
/// one left-out example) fails here.
@Suite struct RuleExamplesTests {
    static var ruleIds: [String] { RuleCatalog.all.map { $0.definition.id } }

    @Test(arguments: ruleIds)
    func examplesHold(id: String) throws {
        let rule = try #require(RuleCatalog.rule(id: id))
        let examples = rule.examples
        #expect(!examples.isEmpty, "\(id) has no examples")
        if rule.hasFailingState {
            #expect(examples.contains { $0.isCompliant }, "\(id) needs a compliant example")
            #expect(examples.contains { $0.expected.failing > 0 }, "\(id) needs a non-compliant example")
            // A deadline rule shows every outcome somewhere among its examples.
            let outcomes = examples.compactMap(\.expected.outcomes)
            if !outcomes.isEmpty {
                #expect(outcomes.contains { $0.met > 0 }, "\(id) needs a met example")
                #expect(outcomes.contains { $0.late > 0 }, "\(id) needs a late example")
                #expect(outcomes.contains { $0.overdue > 0 }, "\(id) needs an overdue example")
                #expect(outcomes.contains { $0.pending > 0 }, "\(id) needs a pending example")
            }
        } else {
            #expect(examples.contains { $0.expected.counted > 0 }, "\(id) needs an example that is counted")
            #expect(examples.contains { $0.expected.counted == 0 }, "\(id) needs an example that is left out")
        }
        for example in examples {
            let evaluation = evaluate(
                example.export, asOf: example.asOf, period: example.period,
                settings: example.settings)
            let place = "\(example.file):\(example.line)"
            #expect(rule.tally(evaluation) == example.expected, "\(id): \(example.title) (\(place))")
            // A deadline rule's example names each case's outcomes: late is told apart from overdue.
            if let outcomes = example.expected.outcomes {
                var byCase: [String: [DeadlineOutcome]] = [:]
                for item in evaluation.items where item.rule == id {
                    byCase[item.caseId, default: []].append(item.outcome)
                }
                #expect(byCase == example.cases, "\(id): \(example.title) (\(place))")
                #expect(
                    byCase.values.joined().count == outcomes.decided + outcomes.pending,
                    "\(id): every item of the example is named (\(place))")
            }
        }
    }

    @Test func catalogueIdsAreUniqueAndFullyDescribed() {
        let ids = Self.ruleIds
        #expect(Set(ids).count == ids.count)
        #expect(ids.count == 23)
        // Every typed id has its rule, and the other way round.
        #expect(Set(ids) == Set(RuleID.allCases.map(\.rawValue)))
        for d in RuleCatalog.descriptions {
            for lang in ["fi", "sv", "en"] {
                #expect(!(d.name[lang] ?? "").isEmpty, "\(d.id) name \(lang)")
                #expect(!(d.statement[lang] ?? "").isEmpty, "\(d.id) statement \(lang)")
            }
            #expect(!d.reference.isEmpty)
        }
        #expect(RuleCatalog.rule(id: "LSL29-meeting")?.definition.isPolicy == true)
        #expect(RuleCatalog.rule(id: "LSL13b-caseload")?.definition.isPolicy == false)
    }
}
