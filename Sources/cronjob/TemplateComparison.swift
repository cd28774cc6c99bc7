import Foundation

/// What changed in one resource between the deployed template and the new one, property by property, for when
/// the change set's own detail is thin. Values are shown only for properties that hold no secrets (schedule
/// expression, state, time zone, cpu, memory, image); environment variables and secrets are named, never valued.
struct TemplateComparison {
    let deployed: [String: Any]
    let proposed: [String: Any]

    init(deployed: String?, proposed: String) {
        self.deployed = Self.resources(deployed)
        self.proposed = Self.resources(proposed)
    }

    static func resources(_ text: String?) -> [String: Any] {
        guard let text, let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object["Resources"] as? [String: Any] ?? [:]
    }

    static let shownValues: Set<String> = ["ScheduleExpression", "State", "ScheduleExpressionTimezone", "Cpu", "Memory", "Image"]

    /// The deployed `Family` of a task definition (to name the job of a removed resource).
    func deployedProperty(_ logicalId: String, _ name: String) -> String? {
        ((deployed[logicalId] as? [String: Any])?["Properties"] as? [String: Any])?[name] as? String
    }

    /// Lines like `ScheduleExpression: rate(5 minutes) -> rate(10 minutes)` or `Environment: BATCH_SIZE changed`.
    func details(for logicalId: String) -> [String] {
        guard let old = (deployed[logicalId] as? [String: Any])?["Properties"] as? [String: Any],
              let new = (proposed[logicalId] as? [String: Any])?["Properties"] as? [String: Any]
        else { return [] }
        return Self.compare(old, new, prefix: "").sorted()
    }

    static func compare(_ old: [String: Any], _ new: [String: Any], prefix: String) -> [String] {
        var lines: [String] = []
        for key in Set(old.keys).union(new.keys).sorted() {
            let before = old[key], after = new[key]
            guard !same(before, after) else { continue }
            let path = prefix + key
            switch key {
            case "Environment", "Secrets":
                lines.append("\(path): " + namedChanges(before, after))
            case "ContainerDefinitions", "Targets":
                // One container per task definition, one target per rule: compare their fields.
                let first = (before as? [Any])?.first as? [String: Any] ?? [:]
                let second = (after as? [Any])?.first as? [String: Any] ?? [:]
                lines += compare(first, second, prefix: key == "Targets" ? "Target." : "")
            case "Target":
                lines += compare(before as? [String: Any] ?? [:], after as? [String: Any] ?? [:], prefix: "Target.")
            default:
                if shownValues.contains(key) {
                    lines.append("\(path): \(scalar(before)) -> \(scalar(after))")
                } else {
                    lines.append("\(path) changed")
                }
            }
        }
        return lines
    }

    /// `A added, B removed, C changed` for a list of `{Name, Value|ValueFrom}`: names only.
    static func namedChanges(_ before: Any?, _ after: Any?) -> String {
        func byName(_ value: Any?) -> [String: Any] {
            var result: [String: Any] = [:]
            for item in value as? [Any] ?? [] {
                guard let entry = item as? [String: Any], let name = entry["Name"] as? String else { continue }
                result[name] = entry
            }
            return result
        }
        let old = byName(before), new = byName(after)
        var parts: [String] = []
        for name in Set(old.keys).union(new.keys).sorted() {
            switch (old[name], new[name]) {
            case (nil, _): parts.append("\(name) added")
            case (_, nil): parts.append("\(name) removed")
            case let (left, right) where !same(left, right): parts.append("\(name) changed")
            default: break
            }
        }
        return parts.isEmpty ? "reordered" : parts.joined(separator: ", ")
    }

    static func scalar(_ value: Any?) -> String {
        switch value {
        case nil: return "(none)"
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return "(structure)"
        }
    }

    static func same(_ left: Any?, _ right: Any?) -> Bool {
        switch (left, right) {
        case (nil, nil): return true
        case let (left as NSObject, right as NSObject): return left.isEqual(right)
        default: return false
        }
    }
}
