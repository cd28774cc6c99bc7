import Foundation
import Runner
import Schedules

/// Every job's status in one environment at one moment: what `cronjob status` prints as text or JSON.
struct StatusReport {
    struct Entry {
        var spec: StatusJobSpec
        var status: JobStatus
    }

    var environment: String
    var at: Date
    var timeZone: String
    var jobs: [Entry]

    /// Marks dead `running` rows `lost` (the one rule of `RunStaleness`), then reads and evaluates each job.
    static func build(
        spec: StatusSpec, environment: String, evaluator: StatusEvaluator, drainGrace: Duration, history: RunHistory
    ) throws -> StatusReport {
        let at = evaluator.at
        var entries: [Entry] = []
        for job in spec.jobs {
            let staleness = RunStaleness(fallbackTimeout: .seconds(job.timeoutSeconds), drainGrace: drainGrace)
            try history.markLost(job: job.name, environment: environment, staleness: staleness, at: at)
            let runs = try history.runs(job: job.name, environment: environment, from: evaluator.historyStart(for: job), through: at)
            let observed = JobHistory(
                runs: runs.map(observe),
                firstScheduledAt: try history.firstScheduledAt(job: job.name, environment: environment),
                lastSuccess: try history.lastRun(job: job.name, environment: environment, through: at, status: .succeeded).map(observe),
                lastRun: try history.lastRun(job: job.name, environment: environment, through: at).map(observe),
                recentOutcomes: try history.recentOutcomes(
                    job: job.name, environment: environment, through: at, limit: max(job.failureThreshold, 20)).map(observe)
            )
            entries.append(Entry(spec: job, status: evaluator.evaluate(job, history: observed)))
        }
        return StatusReport(environment: environment, at: at, timeZone: spec.timeZone, jobs: entries)
    }

    static func observe(_ record: RunRecord) -> ObservedRun {
        ObservedRun(status: record.status.rawValue, isManual: record.trigger == "manual", scheduledAt: record.scheduledAt, startedAt: record.startedAt)
    }

    var summary: String {
        let counts = JobStatus.State.allCases.compactMap { state -> String? in
            let count = jobs.filter { $0.status.state == state }.count
            return count == 0 ? nil : "\(count) \(state.rawValue)"
        }
        return counts.joined(separator: ", ")
    }
}
