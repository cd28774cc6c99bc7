import Testing

/// One invalid schedules.yaml and every error it must produce, exactly, in file order.
struct InvalidScheduleFile: CustomTestStringConvertible, Sendable {
    let name: String
    let yaml: String
    let expected: [String]
    var testDescription: String { name }

    init(_ name: String, _ yaml: String, _ expected: String...) {
        self.name = name
        self.yaml = yaml
        self.expected = expected.map { "schedules.yaml:" + $0 }
    }
}

extension InvalidScheduleFile {
    private static let valid = ScheduleFileFixtures.valid

    static let structure: [InvalidScheduleFile] = [
        .init("empty file", "", "1:1: error: the file is empty; expected the keys defaults, environments and jobs"),
        .init("comments only", "# nothing here\n", "1:1: error: the file is empty; expected the keys defaults, environments and jobs"),
        .init("top level is a list", "- jobs\n", "1:1: error: schedule file: expected a mapping, found a list"),
        .init("misspelled top-level key", valid.replacingLine(21, with: "job:"),
              "1:1: error: schedule file: missing required key 'jobs'",
              "21:1: error: schedule file: unknown key 'job'; did you mean 'jobs'?"),
        .init("unknown top-level key without a near match", valid.insertingLines(after: 0, "version: 2"),
              "1:1: error: schedule file: unknown key 'version'; expected one of: defaults, environments, jobs, watchdog"),
        .init("no environments", valid.replacingLine(5, with: "environments: {}").replacingLine(6, with: "x-unused:"),
              "5:15: error: environments: at least one environment is required (for example staging and production)"),
        .init("jobs is a list", valid.keepingLines(1...20) + "jobs:\n  - sync-payments\n",
              "22:3: error: jobs: expected a mapping, found a list"),
        .init("job with no settings", valid.replacingLine(26, with: "  check-payout:").replacingLine(27, with: nil)
                .replacingLine(27, with: nil),
              "26:16: error: jobs.check-payout: expected a mapping, found nothing"),
        .init("YAML syntax: unclosed flow list", valid.replacingLine(11, with: "    subnets: [subnet-0a1b2c3d4e5f60718"),
              "12:20: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 11, column 14)"),
        .init("YAML syntax: tab indentation", valid.replacingLine(25, with: "\ttimeout: 4m"),
              "25:1: error: invalid YAML: found a tab character that violates indentation (while scanning a plain scalar at line 24, column 18)"),
        .init("YAML syntax: second document", valid + "---\njobs: {}\n",
              "29:1: error: invalid YAML: but found another document (expected a single document in the stream at line 1, column 1)"),
    ]

    static let keys: [InvalidScheduleFile] = [
        .init("misspelled job key", valid.replacingLine(23, with: "    scheudle: rate(5 minutes)"),
              "22:3: error: jobs.sync-payments: missing required key 'schedule'",
              "23:5: error: jobs.sync-payments: unknown key 'scheudle'; did you mean 'schedule'?"),
        .init("camelCase environment key", valid.replacingLine(12, with: "    securityGroups: [sg-0a1b2c3d4e5f60718]"),
              "6:3: error: environments.staging: missing required key 'security_groups'",
              "12:5: error: environments.staging: unknown key 'securityGroups'; did you mean 'security_groups'?"),
        .init("misspelled defaults key", valid.replacingLine(3, with: "  memmory: 512"),
              "3:3: error: defaults: unknown key 'memmory'; did you mean 'memory'?"),
        .init("missing description", valid.replacingLine(28, with: nil),
              "26:3: error: jobs.check-payout: missing required key 'description'"),
        .init("missing settings compile needs", valid.replacingLine(18, with: nil).replacingLine(9, with: nil),
              "6:3: error: environments.staging: missing required key 'cluster'",
              "6:3: error: environments.staging: missing required key 'alarm_topic'"),
        .init("duplicate job name", valid + "  sync-payments:\n    schedule: rate(1 hour)\n    description: Again.\n",
              "29:3: error: jobs: duplicate job 'sync-payments' (first defined at line 22)"),
        .init("duplicate key in an environment", valid.insertingLines(after: 8, "    region: us-east-1"),
              "9:5: error: environments.staging: duplicate key 'region' (first defined at line 8)"),
        .init("duplicate key in a flow mapping", valid.replacingLine(25, with: "    environment: {A: x, A: y}"),
              "25:25: error: jobs.sync-payments.environment: duplicate variable 'A' (first defined at line 25)"),
        .init("job name not kebab-case", valid.replacingLine(26, with: "  CheckPayout:"),
              "26:3: error: jobs: job name 'CheckPayout' must be kebab-case like sync-payments (lowercase letters, digits and single hyphens, at most 64 characters)"),
        .init("environment name not kebab-case", valid.replacingLine(6, with: "  Staging_1:"),
              "6:3: error: environments: environment name 'Staging_1' must be kebab-case (lowercase letters, digits and single hyphens, at most 32 characters)"),
    ]

    static let types: [InvalidScheduleFile] = [
        .init("quoted cpu", valid.replacingLine(2, with: "  cpu: \"256\""),
              "2:8: error: defaults.cpu: expected an integer, found the string \"256\" (remove the quotes)"),
        .init("schedule is a list", valid.replacingLine(23, with: "    schedule: [rate(5 minutes)]"),
              "23:15: error: jobs.sync-payments.schedule: expected a string, found a list"),
        .init("timeout without a unit", valid.replacingLine(25, with: "    timeout: 240"),
              "25:14: error: jobs.sync-payments.timeout: '240' is not a duration; add a unit: 240s, 240m or 240h"),
        .init("timeout in words", valid.replacingLine(25, with: "    timeout: 4 minutes"),
              "25:14: error: jobs.sync-payments.timeout: '4 minutes' is not a duration; write it like 90s, 4m, 1h or 1h30m"),
        .init("enabled is yes", valid.insertingLines(after: 25, "    enabled: yes"),
              "26:14: error: jobs.sync-payments.enabled: expected true or false, found the string \"yes\""),
        .init("assign_public_ip is a string", valid.replacingLine(13, with: "    assign_public_ip: ENABLED"),
              "13:23: error: environments.staging.assign_public_ip: expected true or false, found the string \"ENABLED\""),
        .init("security_groups is a string", valid.replacingLine(12, with: "    security_groups: sg-0a1b2c3d4e5f60718"),
              "12:22: error: environments.staging.security_groups: expected a list, found the string \"sg-0a1b2c3d4e5f60718\""),
        .init("variable without a value", valid.replacingLine(20, with: "      CRONJOB_ENV:"),
              "20:19: error: environments.staging.variables.CRONJOB_ENV: expected a string, found nothing (write \"\" for an empty value)"),
        .init("memory in words", valid.replacingLine(3, with: "  memory: lots"),
              "3:11: error: defaults.memory: expected memory in MiB (like 512) or GB (like 2GB), found the string \"lots\""),
    ]
}
