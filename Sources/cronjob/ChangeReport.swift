import AWS
import Foundation

/// A change set grouped by job (its rule or schedule and task definition), then IAM, alarms, the log group and
/// the rest, with what changes in each modified resource.
struct ChangeReport: Encodable {
    struct Change: Encodable {
        var logicalId: String
        var resourceType: String
        /// `added`, `removed`, `modified`, `replaced`.
        var action: String
        var kind: String
        var details: [String]
    }

    struct Group: Encodable {
        var name: String
        var job: String?
        var changes: [Change]
    }

    var stack: String
    var changeSetType: String
    var changed: Bool
    var groups: [Group]

    init(stack: String, type: String, changes: [ResourceChange], template: StackTemplate, deployed: String?) {
        self.stack = stack
        changeSetType = type
        changed = !changes.isEmpty
        let comparison = TemplateComparison(deployed: deployed, proposed: template.body)
        let jobs = template.jobsByPascalName
        var grouped: [String: Group] = [:]
        for change in changes {
            let (name, job, kind) = Self.classify(change, jobs: jobs, comparison: comparison, environment: template.plan.environment)
            var details = change.targets.isEmpty ? [] : ["CloudFormation: \(change.targets.joined(separator: ", "))"]
            if change.action == "Modify" {
                let compared = comparison.details(for: change.logicalResourceId)
                details = compared.isEmpty ? details : compared
                if details.isEmpty { details = ["follows a replaced resource"] }
            }
            let entry = Change(
                logicalId: change.logicalResourceId, resourceType: change.resourceType,
                action: Self.action(change), kind: kind, details: details)
            grouped[name, default: Group(name: name, job: job, changes: [])].changes.append(entry)
        }
        groups = grouped.values
            .map { group in
                var group = group
                group.changes.sort { $0.logicalId < $1.logicalId }
                return group
            }
            .sorted { Self.order($0) < Self.order($1) }
    }

    static func order(_ group: Group) -> (Int, String) {
        if group.job != nil { return (0, group.name) }
        return (["IAM": 1, "alarms": 2, "log group": 3].first { $0.key == group.name }?.value ?? 4, group.name)
    }

    static func action(_ change: ResourceChange) -> String {
        switch change.action {
        case "Add": return "added"
        case "Remove": return "removed"
        case "Modify":
            return change.replacement == "True" || change.resourceType == "AWS::ECS::TaskDefinition" ? "replaced" : "modified"
        default: return change.action.lowercased()
        }
    }

    /// The group (a job, IAM, alarms, log group, other) and the resource's kind, from the compiler's logical ids.
    static func classify(
        _ change: ResourceChange, jobs: [String: String], comparison: TemplateComparison, environment: String
    ) -> (group: String, job: String?, kind: String) {
        let id = change.logicalResourceId
        for (prefix, kind) in [("TaskDefinition", "task definition"), ("Rule", "rule"), ("Schedule", "schedule")]
        where id.hasPrefix(prefix) && id.count > prefix.count && id != "ScheduleGroup" {
            let pascal = String(id.dropFirst(prefix.count))
            let job = jobs[pascal] ?? jobName(pascal: pascal, logicalId: id, comparison: comparison, environment: environment)
            return ("job \(job)", job, kind)
        }
        if change.resourceType.hasPrefix("AWS::IAM::") { return ("IAM", nil, "role") }
        if id == "TaskFailureRule" { return ("alarms", nil, "rule") }
        if change.resourceType == "AWS::Logs::LogGroup" { return ("log group", nil, "log group") }
        return ("other", nil, change.resourceType)
    }

    /// A removed job's name: from its deployed task definition family (`cronjob-ENV-JOB`), else from the id.
    static func jobName(pascal: String, logicalId: String, comparison: TemplateComparison, environment: String) -> String {
        let familyPrefix = "cronjob-\(environment)-"
        if let family = comparison.deployedProperty("TaskDefinition\(pascal)", "Family"), family.hasPrefix(familyPrefix) {
            return String(family.dropFirst(familyPrefix.count))
        }
        var name = ""
        for character in pascal {
            if character.isUppercase, !name.isEmpty { name += "-" }
            name += character.lowercased()
        }
        return name
    }

    /// The report as printed by `cronjob diff`.
    var text: String {
        guard changed else { return "\(stack): no changes" }
        let count = groups.reduce(0) { $0 + $1.changes.count }
        var lines = ["\(stack): \(count) resource\(count == 1 ? "" : "s") change (\(changeSetType == "CREATE" ? "new stack" : "update"))"]
        for group in groups {
            lines.append(group.name)
            for change in group.changes {
                let mark = ["added": "+", "removed": "-"][change.action] ?? "~"
                var line = "  \(mark) \(change.kind) \(change.logicalId) \(change.action)"
                if !change.details.isEmpty { line += ": " + change.details.joined(separator: "; ") }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
