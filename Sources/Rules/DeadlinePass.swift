import CaseModel
import FinnishCalendar

/// The referrals and assessments of one case, handed to every deadline rule
/// (`DeadlineRule.all`), to the processing times and to the backlog.
extension EvaluationPass {
    mutating func addReferrals(of c: Case, index: Int, region r: Int) {
        for ref in c.referrals where ref.received <= t {
            let matter = Matter.referral(ref, of: c, childWelfare: isChildWelfareMatter(ref))
            for k in referralRules { count(k, matter, region: r, caseIndex: index) }
            InflowMeasure.add(matter, kind: ref.kind, to: &regions[r], period: period)
        }
    }

    /// Every assessment record counts (several of one referral each count, whatever
    /// the referral's outcome). An assessment whose referral is not in its case (the
    /// linker rejects those) counts nowhere; one whose referral came after T does not exist yet.
    mutating func addAssessments(of c: Case, index: Int, region r: Int) {
        guard !c.assessments.isEmpty else { return }
        for a in c.assessments {
            guard let ref = c.referrals.first(where: { $0.id == a.referral }), ref.received <= t else { continue }
            let matter = Matter.assessment(a, of: ref, in: c, childWelfare: isChildWelfareMatter(ref))
            for k in assessmentRules { count(k, matter, region: r, caseIndex: index) }
            ProcessingTimeMeasure.add(matter, to: &regions[r], asOf: t, period: period)
            AssessmentBacklogRule.add(matter, to: &regions[r], asOf: t, calendar: calendar)
            BacklogForecastMeasure.add(matter, to: &regions[r], asOf: t)
            if matter.hasSpecialSupport {
                let role = a.worker.flatMap { workerIndex[$0] }.map { export.workers[$0].role }
                AssessorRule.add(matter, hasWorker: a.worker != nil, role: role, to: &regions[r], asOf: t, period: period)
            }
        }
    }
}
