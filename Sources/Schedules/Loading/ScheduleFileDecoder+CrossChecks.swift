/// Checks that need more than one value: task sizes with defaults applied, names used twice, timeouts
/// against the schedule, and the schedule against the jobs compiled into the binary.
extension ScheduleFileDecoder {
    func checkTaskSizes(defaults: DecodedSettings, jobs: [DecodedJob], environments: [DecodedEnvironment]) {
        let builtIn = ScheduleFile.builtInDefaults
        // A value written but invalid was already reported: nil here, so that nothing is guessed around it.
        func effective(_ key: String, _ value: Int?, in settings: DecodedSettings, fallback: Int?) -> Int? {
            if let value { return value }
            return settings.locations[key] == nil ? fallback : nil
        }
        let defaultCPU = effective("cpu", defaults.settings.cpu, in: defaults, fallback: builtIn.cpu)
        let defaultMemory = effective("memory", defaults.settings.memory, in: defaults, fallback: builtIn.memory)
        if defaults.locations["cpu"] != nil || defaults.locations["memory"] != nil,
           let cpu = defaultCPU, let memory = defaultMemory {
            checkPair(cpu: cpu, memory: memory, settings: defaults, path: FieldPath.root.appending("defaults"),
                      memorySource: defaults.settings.memory == nil ? " (the built-in default)" : "")
        }
        for job in jobs {
            guard let cpu = effective("cpu", job.settings.settings.cpu, in: job.settings, fallback: defaultCPU),
                  let memory = effective("memory", job.settings.settings.memory, in: job.settings, fallback: defaultMemory)
            else { continue }
            if job.settings.locations["cpu"] != nil || job.settings.locations["memory"] != nil {
                checkPair(cpu: cpu, memory: memory, settings: job.settings,
                          path: FieldPath.root.appending("jobs").appending(job.name),
                          memorySource: job.settings.settings.memory == nil ? " (from defaults)" : "")
            }
            guard FargateTaskSize.requiresPlatform140(cpu: cpu) else { continue }
            for environment in environments {
                guard let version = environment.environment.platformVersion,
                      !AWSIdentifierShapes.platformVersion(version, isAtLeast: [1, 4, 0]) else { continue }
                let path = FieldPath.root.appending("environments").appending(environment.environment.name)
                log.error("\(path.appending("platform_version")): job '\(job.name)' has \(cpu) CPU units, "
                          + "which needs platform version 1.4.0 or later, not \(version)",
                          at: environment.fields?.location(of: "platform_version") ?? environment.nameLocation)
            }
        }
    }

    private func checkPair(cpu: Int, memory: Int, settings: DecodedSettings, path: FieldPath, memorySource: String) {
        guard !FargateTaskSize.isValid(cpu: cpu, memory: memory) else { return }
        let allowed = "Fargate allows \(FargateTaskSize.memoryDescription(forCPU: cpu)) MiB with cpu \(cpu)"
        if let location = settings.locations["memory"] {
            log.error("\(path.appending("memory")): \(memory) MiB is not valid with cpu \(cpu); \(allowed)", at: location)
        } else if let location = settings.locations["cpu"] {
            log.error("\(path.appending("cpu")): cpu \(cpu) does not fit memory \(memory) MiB\(memorySource); \(allowed)",
                      at: location)
        }
    }

    /// A name is either a plain variable or a secret; both would leave it to ECS which one the job sees.
    func checkVariableNames(defaults: DecodedSettings, jobs: [DecodedJob], environments: [DecodedEnvironment]) {
        let secretOwners = Dictionary(grouping: environments.flatMap { environment in
            environment.environment.secrets.map { ($0.name, environment.environment.name) }
        }, by: \.0).mapValues { $0.map(\.1) }

        func report(_ locations: [String: SourceLocation], path: FieldPath, only environment: String? = nil) {
            for (name, location) in locations.sorted(by: { $0.value < $1.value }) {
                guard let owners = secretOwners[name] else { continue }
                let matching = environment.map { owners.contains($0) ? [$0] : [] } ?? owners
                guard let first = matching.first else { continue }
                log.error("\(path.appending(name)): '\(name)' is also a secret in environment '\(first)'; "
                          + "a name comes from variables or from secrets, not both", at: location)
            }
        }
        for environment in environments {
            let path = FieldPath.root.appending("environments").appending(environment.environment.name).appending("variables")
            report(environment.variableLocations, path: path, only: environment.environment.name)
        }
        report(defaults.variableLocations, path: FieldPath.root.appending("defaults").appending("environment"))
        for job in jobs {
            report(job.settings.variableLocations,
                   path: FieldPath.root.appending("jobs").appending(job.name).appending("environment"))
        }
    }

    /// Under `forbid`, a run that outlives the interval makes the next firing skip: legal, but worth a warning.
    func checkTimeouts(defaults: DecodedSettings, jobs: [DecodedJob]) {
        let builtIn = ScheduleFile.builtInDefaults
        for job in jobs {
            guard let schedule = job.schedule, let interval = schedule.minimumInterval, interval > 0,
                  let timeout = job.settings.settings.timeoutSeconds ?? defaults.settings.timeoutSeconds ?? builtIn.timeoutSeconds,
                  let concurrency = job.settings.settings.concurrency ?? defaults.settings.concurrency ?? builtIn.concurrency
            else { continue }
            guard let message = Self.timeoutWarning(timeoutSeconds: timeout, interval: interval, concurrency: concurrency)
            else { continue }
            let path = FieldPath.root.appending("jobs").appending(job.name).appending("timeout")
            let location = job.settings.locations["timeout"] ?? defaults.locations["timeout"] ?? job.nameLocation
            log.warning("\(path): \(message)", at: location)
        }
    }

    /// The warning for a deadline longer than the shortest gap between firings, or nil.
    static func timeoutWarning(timeoutSeconds: Int, interval: Double, concurrency: ConcurrencyPolicy) -> String? {
        guard concurrency == .forbid, Double(timeoutSeconds) > interval else { return nil }
        let gap = DurationText.format(Int(interval.rounded(.down)))
        return "\(DurationText.format(timeoutSeconds)) is longer than the \(gap) between firings under concurrency forbid; "
            + "a firing that comes while a run is still going is skipped"
    }

    /// `cronjob schedules --check`: every scheduled job exists in the binary and every job in it is scheduled.
    func checkRegistry(jobs: [DecodedJob], jobsLocation: SourceLocation) {
        guard let registered = registeredJobs else { return }
        let scheduled = Set(jobs.map(\.name))
        for job in jobs where !registered.contains(job.name) {
            let hint = KeySuggestion.closest(to: job.name, among: registered).map { "; did you mean '\($0)'?" }
                ?? (registered.isEmpty ? "" : "; registered: \(registered.joined(separator: ", "))")
            log.error("jobs.\(job.name): '\(job.name)' is scheduled but no job of that name is registered in this binary\(hint)",
                      at: job.nameLocation)
        }
        for name in registered where !scheduled.contains(name) {
            log.error("jobs: '\(name)' is registered but not scheduled; add an entry for it under jobs", at: jobsLocation)
        }
    }
}
