import Foundation
import Yams

/// A job as decoded, with where its name and settings were written.
struct DecodedJob {
    var name: String
    var nameLocation: SourceLocation
    var schedule: ScheduleExpression?
    var description = ""
    var enabledByDefault = true
    var enabledIn: [String: Bool] = [:]
    var settings = DecodedSettings()

    /// The model, once the schedule parsed (a file with errors never gets this far).
    var job: JobSchedule? {
        schedule.map {
            JobSchedule(
                name: name, schedule: $0, description: description, settings: settings.settings,
                enabledByDefault: enabledByDefault, enabledIn: enabledIn
            )
        }
    }
}

extension ScheduleFileDecoder {
    static let jobKeys = ["schedule", "description", "enabled"] + settingKeys
    /// EventBridge rule names are at most 64 characters; the job name is part of every one.
    static let maximumJobNameLength = 64
    /// EventBridge rule descriptions are at most 512 characters.
    static let maximumDescriptionLength = 512

    func decodeJobs(_ node: Node, environmentNames: [String]?) -> [DecodedJob]? {
        let path = FieldPath.root.appending("jobs")
        guard let entries = reader.entries(of: node, at: path, noun: "job") else { return nil }
        if case .mapping(let mapping) = node, mapping.isEmpty { log.error("\(path): no jobs are scheduled", at: node.location) }
        return entries.map { decodeJob($0, environmentNames: environmentNames) }
    }

    private func decodeJob(_ entry: MappingEntry, environmentNames: [String]?) -> DecodedJob {
        let path = FieldPath.root.appending("jobs").appending(entry.key)
        if !Naming.isKebabCase(entry.key, maximumLength: Self.maximumJobNameLength) {
            log.error("jobs: job name '\(entry.key.replacingNewlines)' must be kebab-case like sync-payments "
                      + "(lowercase letters, digits and single hyphens, at most \(Self.maximumJobNameLength) characters)",
                      at: entry.keyLocation)
        }
        var job = DecodedJob(name: entry.key, nameLocation: entry.keyLocation)
        guard let fields = reader.fields(
            of: entry.value, at: path, known: Self.jobKeys, required: ["schedule", "description"], location: entry.keyLocation
        ) else { return job }
        if let node = fields["schedule"] { job.schedule = schedule(node, at: path.appending("schedule")) }
        if let node = fields["description"] { job.description = description(node, at: path.appending("description")) ?? "" }
        if let node = fields["enabled"] {
            (job.enabledByDefault, job.enabledIn) = enabled(node, at: path.appending("enabled"), environmentNames: environmentNames)
        }
        job.settings = decodeSettings(fields)
        return job
    }

    func schedule(_ node: Node, at path: FieldPath) -> ScheduleExpression? {
        guard let text = reader.string(node, at: path) else { return nil }
        do {
            let expression = try ScheduleExpression(parsing: text)
            // One search on the common path; only an expression with no future date is searched again from 1970.
            if expression.nextFireTime(after: Date()) == nil {
                if expression.nextFireTime(after: Date(timeIntervalSince1970: 0)) == nil {
                    log.error("\(path): '\(text.replacingNewlines)' never fires (no date matches it); EventBridge would accept a rule that never runs",
                              at: node.location)
                } else {
                    log.warning("\(path): '\(text.replacingNewlines)' fires no more: every date it matches is in the past", at: node.location)
                }
            }
            return expression
        } catch {
            log.error("\(path): invalid expression '\(text.replacingNewlines)': \(error.description)", at: node.location)
            return nil
        }
    }

    private func description(_ node: Node, at path: FieldPath) -> String? {
        guard let text = reader.string(node, at: path)?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        if text.isEmpty {
            log.error("\(path): must not be empty; say what the job does in one line", at: node.location)
        } else if text.count > Self.maximumDescriptionLength {
            log.error("\(path): EventBridge accepts at most \(Self.maximumDescriptionLength) characters, found \(text.count)",
                      at: node.location)
        }
        return text
    }

    /// `enabled: false`, or `enabled: {staging: true, production: false}` (environments not listed stay enabled).
    func enabled(_ node: Node, at path: FieldPath, environmentNames: [String]?) -> (Bool, [String: Bool]) {
        guard case .mapping = node else { return (reader.boolean(node, at: path) ?? true, [:]) }
        var overrides: [String: Bool] = [:]
        for entry in reader.entries(of: node, at: path, noun: "environment") ?? [] {
            if let names = environmentNames, !names.contains(entry.key) {
                let known = names.isEmpty ? "none is defined" : "defined: \(names.joined(separator: ", "))"
                let hint = KeySuggestion.hint(for: entry.key, among: names)
                log.error("\(path): unknown environment '\(entry.key.replacingNewlines)'\(hint) (\(known))", at: entry.keyLocation)
                continue
            }
            if let value = reader.boolean(entry.value, at: path.appending(entry.key)) { overrides[entry.key] = value }
        }
        return (true, overrides)
    }
}
