/// EventBridge separates the parts of an expression with white space; that is a space or a tab. A no-break space
/// or any other Unicode space would split the fields here and be refused at deploy, so it is refused here, by name.
enum ExpressionSpacing {
    /// Throws when `body` holds whitespace other than U+0020 and U+0009.
    static func requirePlainSpaces(_ body: Substring, kind: String) throws(ScheduleExpressionError) {
        guard let odd = body.unicodeScalars.first(where: { $0 != " " && $0 != "\t" && $0.properties.isWhitespace }) else { return }
        let code = String(odd.value, radix: 16, uppercase: true)
        let name = "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
        throw ScheduleExpressionError(message: "\(kind): separate the fields with plain spaces; found \(name)")
    }
}
