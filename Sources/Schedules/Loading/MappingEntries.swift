import Yams

/// One `key: value` of a mapping, with the key's position.
struct MappingEntry {
    var key: String
    var keyNode: Node
    var value: Node
    var keyLocation: SourceLocation { keyNode.location }
}

/// The known keys of a mapping such as a job or an environment, after unknown and missing keys were reported.
struct Fields {
    var path: FieldPath
    var location: SourceLocation
    var entries: [MappingEntry]

    subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }

    func entry(_ key: String) -> MappingEntry? { entries.first { $0.key == key } }

    /// The value's position when the key is present, else the mapping's.
    func location(of key: String) -> SourceLocation { self[key]?.location ?? location }
}

extension NodeReader {
    /// The entries of a mapping in file order, `<<` merges applied; nil (and an error) when `node` is not a mapping.
    /// `noun` names what the keys are ("job", "environment") in duplicate messages.
    func entries(of node: Node, at path: FieldPath, noun: String = "key") -> [MappingEntry]? {
        guard case .mapping(let mapping) = node else {
            log.error("\(path): expected a mapping, found \(node.kindDescription)", at: node.location)
            return nil
        }
        return entries(of: mapping, at: path, noun: noun, depth: 0)
    }

    /// Reads a mapping whose keys are fixed: reports unknown keys (with a suggestion) and missing required keys.
    /// Keys for which `ignoring` returns true are dropped without a word (top-level `x-` keys hold YAML anchors).
    func fields(
        of node: Node, at path: FieldPath, known: [String], required: [String] = [], location: SourceLocation,
        ignoring: (String) -> Bool = { _ in false }
    ) -> Fields? {
        guard let all = entries(of: node, at: path) else { return nil }
        var kept: [MappingEntry] = []
        for entry in all where !ignoring(entry.key) {
            guard known.contains(entry.key) else {
                let hint = KeySuggestion.closest(to: entry.key, among: known).map { "; did you mean '\($0)'?" }
                    ?? "; expected one of: \(known.joined(separator: ", "))"
                log.error("\(path): unknown key '\(entry.key.replacingNewlines)'\(hint)", at: entry.keyLocation)
                continue
            }
            kept.append(entry)
        }
        let fields = Fields(path: path, location: location, entries: kept)
        for key in required where fields[key] == nil {
            log.error("\(path): missing required key '\(key)'", at: location)
        }
        return fields
    }

    private func entries(of mapping: Node.Mapping, at path: FieldPath, noun: String, depth: Int) -> [MappingEntry] {
        var result: [MappingEntry] = []
        var merged: [MappingEntry] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                log.error("\(path): a key must be a plain string, found \(keyNode.kindDescription)", at: keyNode.location)
                continue
            }
            if let duplicate = duplicates.claim(scalar.string) {
                let what = noun == "key" ? "key '\(duplicate.key)'" : "\(noun) '\(duplicate.key)'"
                log.error("\(path): duplicate \(what) (first defined at line \(duplicate.first.line))", at: duplicate.location)
                continue
            }
            if scalar.string == "<<", keyNode.plainText != nil {
                merged += mergeSources(value, at: path, noun: noun, depth: depth)
                continue
            }
            result.append(MappingEntry(key: scalar.string, keyNode: keyNode, value: value))
        }
        // Explicit keys win over merged ones; among merged ones, the first source wins (YAML merge key rules).
        var present = Set(result.map(\.key))
        for entry in merged where present.insert(entry.key).inserted {
            result.append(entry)
        }
        return result
    }

    private func mergeSources(_ value: Node, at path: FieldPath, noun: String, depth: Int) -> [MappingEntry] {
        guard depth < 8 else {
            log.error("\(path): '<<' merges nest too deeply", at: value.location)
            return []
        }
        switch value {
        case .mapping(let mapping):
            return entries(of: mapping, at: path, noun: noun, depth: depth + 1)
        case .sequence(let sequence):
            var result: [MappingEntry] = []
            var present: Set<String> = []
            for item in sequence {
                guard case .mapping(let mapping) = item else {
                    log.error("\(path): '<<' takes a mapping or a list of mappings, found \(item.kindDescription)", at: item.location)
                    continue
                }
                for entry in entries(of: mapping, at: path, noun: noun, depth: depth + 1)
                where present.insert(entry.key).inserted {
                    result.append(entry)
                }
            }
            return result
        default:
            log.error("\(path): '<<' takes a mapping or a list of mappings, found \(value.kindDescription)", at: value.location)
            return []
        }
    }
}
