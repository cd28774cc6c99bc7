import Yams

/// Decodes and validates schedules.yaml from its YAML tree, collecting every problem with its position.
/// One instance per file; `decode` returns the model only when no error was found.
final class ScheduleFileDecoder {
    static let topLevelKeys = ["defaults", "environments", "jobs", "watchdog"]

    let path: String
    let registeredJobs: [String]?
    let log: DiagnosticLog
    let duplicates = DuplicateKeys()
    let reader: NodeReader

    init(path: String, registeredJobs: [String]?) {
        self.path = path
        self.registeredJobs = registeredJobs
        log = DiagnosticLog(file: path)
        reader = NodeReader(log: log, duplicates: duplicates)
    }

    func decode(_ text: String) -> ScheduleFile? {
        guard let document = YAMLComposer.compose(text, log: log, duplicates: duplicates) else { return nil }
        let file = decodeDocument(document.root)
        for duplicate in duplicates.unreported {
            log.error("duplicate key '\(duplicate.key)' (first defined at line \(duplicate.first.line))", at: duplicate.location)
        }
        return log.hasErrors ? nil : file
    }

    private func decodeDocument(_ root: Node?) -> ScheduleFile? {
        guard let root, !root.isNull else {
            log.error("the file is empty; expected the keys defaults, environments and jobs", at: .start)
            return nil
        }
        guard let top = reader.fields(
            of: root, at: .root, known: Self.topLevelKeys, required: ["environments", "jobs"], location: .start,
            ignoring: { $0.hasPrefix("x-") }
        ) else { return nil }

        var defaults = DecodedSettings()
        // `defaults:` with every line under it commented out is an empty mapping, not a mistake.
        if let node = top["defaults"], !node.isNull {
            let path = FieldPath.root.appending("defaults")
            if let fields = reader.fields(of: node, at: path, known: Self.settingKeys, location: node.location) {
                defaults = decodeSettings(fields)
            }
        }
        let environments = top["environments"].flatMap(decodeEnvironments) ?? []
        let environmentNames = top["environments"] == nil ? nil : environments.map(\.environment.name)
        let jobsLocation = top.entry("jobs")?.keyLocation ?? .start
        let decodedJobs = top["jobs"].flatMap { decodeJobs($0, environmentNames: environmentNames) }
        let jobs = decodedJobs ?? []

        let watchdog = top["watchdog"].flatMap { decodeWatchdog($0, environmentNames: environmentNames, jobs: jobs) }

        checkTaskSizes(defaults: defaults, jobs: jobs, environments: environments)
        checkVariableNames(defaults: defaults, jobs: jobs, environments: environments)
        checkTimeouts(defaults: defaults, jobs: jobs)
        if decodedJobs != nil { checkRegistry(jobs: jobs, jobsLocation: jobsLocation) }

        return ScheduleFile(
            path: path, defaults: defaults.settings,
            environments: environments.map(\.environment), jobs: jobs.compactMap(\.job), watchdog: watchdog
        )
    }
}
