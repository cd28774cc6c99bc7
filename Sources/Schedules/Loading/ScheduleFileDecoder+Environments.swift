import Yams

/// An environment as decoded, with where its name and values were written.
struct DecodedEnvironment {
    var environment: DeploymentEnvironment
    var nameLocation: SourceLocation
    var fields: Fields?
    var secretLocations: [String: SourceLocation] = [:]
    var variableLocations: [String: SourceLocation] = [:]
}

extension ScheduleFileDecoder {
    static let environmentKeys = [
        "account", "region", "cluster", "image", "subnets", "security_groups", "assign_public_ip", "secrets",
        "log_group", "log_retention_days", "alarm_topic", "variables", "platform_version", "time_zone", "tags",
    ]
    /// What `cronjob compile` cannot do without.
    static let requiredEnvironmentKeys = [
        "account", "region", "cluster", "image", "subnets", "security_groups", "log_group", "alarm_topic",
    ]

    func decodeEnvironments(_ node: Node) -> [DecodedEnvironment]? {
        let path = FieldPath.root.appending("environments")
        guard let entries = reader.entries(of: node, at: path, noun: "environment") else { return nil }
        if case .mapping(let mapping) = node, mapping.isEmpty {
            log.error("\(path): at least one environment is required (for example staging and production)", at: node.location)
        }
        return entries.map(decodeEnvironment)
    }

    private func decodeEnvironment(_ entry: MappingEntry) -> DecodedEnvironment {
        let path = FieldPath.root.appending("environments").appending(entry.key)
        if !Naming.isKebabCase(entry.key, maximumLength: 32) {
            log.error("environments: environment name '\(entry.key.replacingNewlines)' must be kebab-case "
                      + "(lowercase letters, digits and single hyphens, at most 32 characters)", at: entry.keyLocation)
        }
        var decoded = DecodedEnvironment(
            environment: DeploymentEnvironment(name: entry.key), nameLocation: entry.keyLocation, fields: nil
        )
        guard let fields = reader.fields(
            of: entry.value, at: path, known: Self.environmentKeys, required: Self.requiredEnvironmentKeys,
            location: entry.keyLocation
        ) else { return decoded }
        decoded.fields = fields
        var environment = decoded.environment
        environment.account = checked(fields, "account", AWSIdentifierShapes.isAccountID, "is not an AWS account ID (12 digits)")
        environment.region = checked(fields, "region", AWSIdentifierShapes.isRegion, "is not an AWS region (like us-east-1)")
        environment.cluster = checked(fields, "cluster", AWSIdentifierShapes.isCluster,
                                      "is not an ECS cluster name (letters, digits, - and _) or cluster ARN")
        environment.image = checked(fields, "image", AWSIdentifierShapes.isImage,
                                    "is not a container image reference (like ACCOUNT.dkr.ecr.REGION.amazonaws.com/cronjob:1.2.0)")
        environment.subnets = resourceIDs(fields, "subnets", prefix: "subnet-", maximum: 16)
        environment.securityGroups = resourceIDs(fields, "security_groups", prefix: "sg-", maximum: 5)
        if let node = fields["assign_public_ip"] {
            environment.assignPublicIp = reader.boolean(node, at: path.appending("assign_public_ip")) ?? false
        }
        if let node = fields["secrets"] {
            (environment.secrets, decoded.secretLocations) = secrets(node, at: path.appending("secrets"))
        }
        environment.logGroup = checked(fields, "log_group", AWSIdentifierShapes.isLogGroup,
                                       "is not a CloudWatch log group name (letters, digits and . _ - / #, not starting with aws/)")
        if let node = fields["log_retention_days"] {
            environment.logRetentionDays = logRetention(node, at: path.appending("log_retention_days"))
        }
        environment.alarmTopic = checked(fields, "alarm_topic", AWSIdentifierShapes.isTopicARN,
                                         "is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)")
        if let node = fields["variables"] {
            (environment.variables, decoded.variableLocations) = variables(node, at: path.appending("variables"))
        }
        environment.platformVersion = checked(fields, "platform_version", AWSIdentifierShapes.isPlatformVersion,
                                              "is not a Fargate platform version (LATEST or like 1.4.0)")
        if let version = environment.platformVersion, !AWSIdentifierShapes.platformVersion(version, isAtLeast: [1, 3, 0]) {
            log.error("\(path.appending("platform_version")): \(version) is too old; the stop timeout needs 1.3.0 or later",
                      at: fields.location(of: "platform_version"))
        }
        environment.timeZone = checked(fields, "time_zone", AWSIdentifierShapes.isTimeZone,
                                       "is not an IANA time zone (like America/Montevideo or UTC)")
        if let node = fields["tags"] { environment.tags = tags(node, at: path.appending("tags")) }
        decoded.environment = environment
        return decoded
    }

    /// A string field that must pass `isValid`; nil (and an error) when absent is handled by `required`.
    private func checked(_ fields: Fields, _ key: String, _ isValid: (String) -> Bool, _ problem: String) -> String? {
        guard let node = fields[key] else { return nil }
        let path = fields.path.appending(key)
        guard let value = reader.string(node, at: path) else { return nil }
        guard isValid(value) else {
            log.error("\(path): '\(value.replacingNewlines)' \(problem)", at: node.location)
            return nil
        }
        return value
    }

    private func resourceIDs(_ fields: Fields, _ key: String, prefix: String, maximum: Int) -> [String] {
        guard let node = fields[key] else { return [] }
        let path = fields.path.appending(key)
        guard let items = reader.stringList(node, at: path) else { return [] }
        if items.isEmpty { log.error("\(path): at least one is required", at: node.location) }
        if items.count > maximum { log.error("\(path): ECS accepts at most \(maximum), found \(items.count)", at: node.location) }
        var seen: Set<String> = []
        var result: [String] = []
        for item in items {
            guard AWSIdentifierShapes.isResourceID(item.value, prefix: prefix) else {
                log.error("\(path): '\(item.value.replacingNewlines)' is not a valid ID "
                          + "(\(prefix) followed by 8 or 17 lowercase hex digits)", at: item.location)
                continue
            }
            guard seen.insert(item.value).inserted else {
                log.error("\(path): '\(item.value)' is listed twice", at: item.location)
                continue
            }
            result.append(item.value)
        }
        return result
    }

    private func secrets(_ node: Node, at path: FieldPath) -> ([SecretReference], [String: SourceLocation]) {
        var secrets: [SecretReference] = []
        var locations: [String: SourceLocation] = [:]
        for (entry, arn) in reader.stringMap(node, at: path, noun: "secret") ?? [] {
            var valid = true
            if !AWSIdentifierShapes.isEnvironmentVariableName(entry.key) {
                log.error("\(path): secret name '\(entry.key.replacingNewlines)' is not a valid environment variable name "
                          + "(letters, digits and _, not starting with a digit)", at: entry.keyLocation)
                valid = false
            }
            if !AWSIdentifierShapes.isSecretARN(arn) {
                log.error("\(path.appending(entry.key)): '\(arn.replacingNewlines)' is not a Secrets Manager secret ARN "
                          + "(arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME) or SSM parameter ARN "
                          + "(arn:aws:ssm:REGION:ACCOUNT:parameter/NAME)", at: entry.value.location)
                valid = false
            }
            guard valid else { continue }
            secrets.append(SecretReference(name: entry.key, arn: arn))
            locations[entry.key] = entry.keyLocation
        }
        return (secrets, locations)
    }

    private func logRetention(_ node: Node, at path: FieldPath) -> Int? {
        reader.integer(node, at: path, oneOf: AWSIdentifierShapes.logRetentionDays) {
            "CloudWatch Logs does not accept \($0) days; expected one of \($1)"
        }
    }

    private func tags(_ node: Node, at path: FieldPath) -> [String: String] {
        var tags: [String: String] = [:]
        let entries = reader.stringMap(node, at: path, noun: "tag") ?? []
        if entries.count > 50 { log.error("\(path): AWS allows at most 50 tags, found \(entries.count)", at: node.location) }
        for (entry, value) in entries {
            if let problem = AWSIdentifierShapes.tagProblem(key: entry.key, value: value) {
                log.error("\(path.appending(entry.key)): \(problem)", at: entry.keyLocation)
                continue
            }
            tags[entry.key] = value
        }
        return tags
    }
}
