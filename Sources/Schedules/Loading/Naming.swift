/// Names that end up in AWS resource names and on the command line.
enum Naming {
    /// `sync-payments`: lowercase letters and digits in words joined by single hyphens, starting with a letter.
    static func isKebabCase(_ text: String, maximumLength: Int) -> Bool {
        guard (1...maximumLength).contains(text.count), let first = text.first, first.isASCII, first.isLowercase,
              !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }
}
