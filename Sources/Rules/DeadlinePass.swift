import CaseModel
import FinnishCalendar

/// The deadline family (rules.md, "Deadline rules" and the backlog): referrals
/// and assessments of one case.
extension EvaluationPass {
    /// `LSL26-screening-7wd` in every service; `LSL26-urgency` in `lastensuojelu` cases only.
    /// A referral received after T does not exist yet; one received outside the period is in no table.
    mutating func addReferrals(of c: Case, index: Int, region r: Int) {
        let s = c.service.index
        for ref in c.referrals where ref.received <= t && period.contains(ref.received) {
            if ref.kind == .lastensuojeluilmoitus || ref.kind == .pyyntoArvioida {
                record(
                    .screening, service: s, region: r, caseIndex: index, clockStart: ref.received,
                    deadline: calendar.addingWorkingDays(7, to: ref.received), done: seen(ref.decided))
            }
            if c.service == .lastensuojelu && ref.urgent {
                // Calendar days, even onto a holiday (rules.md, Decisions).
                record(
                    .urgency, service: s, region: r, caseIndex: index, clockStart: ref.received,
                    deadline: ref.received.adding(days: settings.urgencyDays), done: seen(ref.urgencyAssessed))
            }
        }
    }

    /// The SHL36 population is decided by the case: `lastensuojelu`, or
    /// `lapsiperheet` with `specialSupport`. Every assessment record counts
    /// (several of one referral each count, whatever the referral's outcome).
    static func inSHL36Population(_ c: Case) -> Bool {
        c.service == .lastensuojelu || (c.service == .lapsiperheet && c.specialSupport)
    }

    /// `SHL36-start-7wd`, `SHL36-complete-3m`, the durations and the backlog.
    /// The clock is the referral's `received` (vireilletulo), never the start decision.
    /// An assessment whose referral is not in its case (the linker rejects those) counts nowhere.
    mutating func addAssessments(of c: Case, index: Int, region r: Int) {
        guard !c.assessments.isEmpty else { return }
        let s = c.service.index
        let shl36 = Self.inSHL36Population(c)
        for a in c.assessments {
            guard let ref = c.referrals.first(where: { $0.id == a.referral }), ref.received <= t else { continue }
            let received = ref.received
            let completed = seen(a.completed)
            let inPeriod = period.contains(received)
            if inPeriod, let completed {
                // Durations: every service; a negative duration is counted as it is.
                regions[r].durations[s].append(completed.days(since: received))
            }
            guard shl36 else { continue }
            let started = seen(a.started)
            let threeMonths = calendar.addingMonths(3, to: received)
            if inPeriod {
                record(
                    .start, service: s, region: r, caseIndex: index, clockStart: received,
                    deadline: calendar.addingWorkingDays(7, to: received), done: started)
                record(
                    .complete, service: s, region: r, caseIndex: index, clockStart: received,
                    deadline: threeMonths, done: completed)
            }
            if completed == nil {
                regions[r].backlog[s].open += 1
                if started == nil { regions[r].backlog[s].notStarted += 1 }
                if threeMonths < t { regions[r].backlog[s].overdue += 1 }
                regions[r].backlog[s].earliestReceived = min(regions[r].backlog[s].earliestReceived, received.dayNumber)
            }
        }
    }
}
