import Yams

/// The composed YAML tree; `root` is nil for a document with no content.
struct ComposedDocument {
    var root: Node?
}

/// Turns the text into a Yams `Node` tree (which carries line/column marks), or says where the syntax breaks.
///
/// Yams refuses a mapping with a repeated key as a whole. To still report every other problem, the
/// repeat is found in the text, renamed to a same-width placeholder (columns stay right), and the text is
/// composed again; the decoder then reports each placeholder as a duplicate at the repeat's position.
enum YAMLComposer {
    /// More duplicate keys than this and the file is not worth recovering.
    static let maximumRecoveries = 100

    /// Repeated keys found on the way are recorded in `duplicates`.
    static func compose(_ original: String, log: DiagnosticLog, duplicates: DuplicateKeys) -> ComposedDocument? {
        var text = original
        for _ in 0...maximumRecoveries {
            do {
                let root = try Yams.compose(yaml: text)
                return ComposedDocument(root: root)
            } catch let YamlError.duplicatedKeysInMapping(keys, context) {
                let first = SourceLocation(context.mark)
                guard let key = keys.first,
                      let repeated = DuplicateKeyLocator.findRepeat(of: key, after: first, in: text),
                      let placeholder = DuplicateKeyLocator.placeholder(width: repeated.width, index: duplicates.count),
                      let renamed = DuplicateKeyLocator.replace(at: repeated.location, width: repeated.width, with: placeholder, in: text)
                else {
                    let names = keys.map { "'\($0)'" }.joined(separator: ", ")
                    log.error("duplicate key \(names) in the same mapping (the first one is here)", at: first)
                    return nil
                }
                duplicates.add(placeholder: placeholder, key: key, location: repeated.location, first: first)
                text = renamed
            } catch let error as YamlError {
                let (message, location) = describe(error, in: text)
                log.error(message, at: location)
                return nil
            } catch {
                log.error("invalid YAML: \(error)", at: .start)
                return nil
            }
        }
        log.error("more than \(maximumRecoveries) duplicate keys; fix those first", at: .start)
        return nil
    }

    /// A one-line message and the position of a YAML syntax error.
    static func describe(_ error: YamlError, in text: String) -> (String, SourceLocation) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // libyaml's own wording names a C function; say what it means instead.
            if problem.contains("Maximum nesting level") {
                return ("invalid YAML: nested more than 1000 levels deep", SourceLocation(mark))
            }
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return (message, SourceLocation(mark))
        case let .reader(problem, offset, _, _):
            return ("invalid YAML: \(problem)", location(ofCharacterOffset: offset, in: text))
        case .duplicatedKeysInMapping(let keys, let context):
            return ("duplicate key \(keys.map { "'\($0)'" }.joined(separator: ", "))", SourceLocation(context.mark))
        default:
            return ("invalid YAML: \(error)", .start)
        }
    }

    /// Yams reports reader errors as an offset in Characters; turn it into a line and a column in scalars.
    static func location(ofCharacterOffset offset: Int?, in text: String) -> SourceLocation {
        guard let offset, offset >= 0,
              let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return .start }
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars[..<index] {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }
}

/// Keys that appeared twice in one mapping, by the placeholder that replaced the repeat.
final class DuplicateKeys {
    struct Entry {
        var key: String
        var location: SourceLocation
        var first: SourceLocation
    }

    private var entries: [String: Entry] = [:]
    private var reported: Set<String> = []

    var count: Int { entries.count }

    func add(placeholder: String, key: String, location: SourceLocation, first: SourceLocation) {
        entries[placeholder] = Entry(key: key, location: location, first: first)
    }

    /// The duplicate this key stands for, if it is a placeholder; marks it as reported.
    func claim(_ key: String) -> Entry? {
        guard let entry = entries[key] else { return nil }
        reported.insert(key)
        return entry
    }

    /// Duplicates in parts of the file the decoder never read (ignored `x-` keys, unknown keys).
    var unreported: [Entry] {
        entries.filter { !reported.contains($0.key) }.map(\.value).sorted { $0.location < $1.location }
    }
}
