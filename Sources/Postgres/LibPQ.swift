import CLibPQ

/// Thin helpers over libpq calls that do not need a connection.
enum LibPQ {
    /// Parses a URL or conninfo string into keywords; nil when libpq rejects it (its message may quote the input).
    static func parseConninfo(_ text: String) -> [String: String]? {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &errorMessage) else {
            if let errorMessage { PQfreemem(errorMessage) }
            return nil
        }
        defer { PQconninfoFree(options) }
        return collect(options)
    }

    /// libpq's defaults as they stand now: compiled-in values, PG* environment variables and the service file.
    static func defaults() -> [String: String] {
        guard let options = PQconndefaults() else { return [:] }
        defer { PQconninfoFree(options) }
        return collect(options)
    }

    /// Every connection keyword this libpq understands.
    static let knownKeywords: Set<String> = {
        guard let options = PQconndefaults() else { return [] }
        defer { PQconninfoFree(options) }
        var keywords = Set<String>()
        var option = options
        while let keyword = option.pointee.keyword {
            keywords.insert(String(cString: keyword))
            option += 1
        }
        return keywords
    }()

    private static func collect(_ options: UnsafeMutablePointer<PQconninfoOption>) -> [String: String] {
        var result: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { result[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        return result
    }

    // Error and notice field codes (PG_DIAG_* are character macros, which Swift does not import).
    static let fieldSeverity = Int32(UInt8(ascii: "V"))
    static let fieldSQLState = Int32(UInt8(ascii: "C"))
    static let fieldPrimaryMessage = Int32(UInt8(ascii: "M"))
    static let fieldTable = Int32(UInt8(ascii: "t"))
    static let fieldColumn = Int32(UInt8(ascii: "c"))
    static let fieldConstraint = Int32(UInt8(ascii: "n"))

    static func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        PQresultErrorField(result, code).map { String(cString: $0) }
    }
}
