import Yams

extension ScheduleFileDecoder {
    static let watchdogKeys = ["schedule", "timeout", "enabled"]
    /// The status check reads a few rows per job: minutes are plenty.
    static let watchdogTimeoutRange = 10...3_600

    /// `watchdog:` (empty: every default), or a mapping of `schedule`, `timeout` and `enabled`.
    func decodeWatchdog(_ node: Node, environmentNames: [String]?, jobs: [DecodedJob]) -> WatchdogSettings? {
        let path = FieldPath.root.appending("watchdog")
        for job in jobs where job.name == WatchdogSettings.name {
            log.error("jobs: '\(WatchdogSettings.name)' is reserved for the watchdog schedule; rename the job", at: job.nameLocation)
        }
        // The default expression is a constant that parses; `try?` only guards a typo in it.
        guard let defaultSchedule = try? ScheduleExpression(parsing: WatchdogSettings.defaultSchedule) else { return nil }
        var settings = WatchdogSettings(schedule: defaultSchedule)
        if node.isNull { return settings }
        guard let fields = reader.fields(of: node, at: path, known: Self.watchdogKeys, location: node.location) else {
            return nil
        }
        if let value = fields["schedule"] {
            guard let expression = schedule(value, at: path.appending("schedule")) else { return nil }
            settings.schedule = expression
        }
        if let value = fields["timeout"] {
            guard let seconds = reader.duration(value, at: path.appending("timeout"), in: Self.watchdogTimeoutRange) else {
                return nil
            }
            settings.timeoutSeconds = seconds
        }
        if let value = fields["enabled"] {
            (settings.enabledByDefault, settings.enabledIn) = enabled(
                value, at: path.appending("enabled"), environmentNames: environmentNames)
        }
        return settings
    }
}
