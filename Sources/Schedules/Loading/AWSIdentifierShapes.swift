import Foundation

/// Shape checks for the AWS identifiers schedules.yaml holds. They catch typos before AWS does; they do not
/// prove a resource exists.
enum AWSIdentifierShapes {
    static func isAccountID(_ text: String) -> Bool {
        text.count == 12 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `us-east-1`, `sa-east-1`, `us-gov-west-1`, `ap-southeast-2`.
    static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let first = parts.first, let last = parts.last,
              first.count == 2, first.allSatisfy(isLowercaseLetter),
              !last.isEmpty, last.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return parts.dropFirst().dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy(isLowercaseLetter) }
    }

    /// `subnet-` or `sg-` followed by 8 or 17 lowercase hex digits.
    static func isResourceID(_ text: String, prefix: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let rest = text.dropFirst(prefix.count)
        return (rest.count == 8 || rest.count == 17) && rest.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// A cluster name, or a cluster ARN `arn:aws:ecs:REGION:ACCOUNT:cluster/NAME`.
    static func isCluster(_ text: String) -> Bool {
        if let arn = ARN(text) {
            return arn.service == "ecs" && arn.resource.hasPrefix("cluster/") && isClusterName(arn.resource.dropFirst("cluster/".count))
        }
        return isClusterName(Substring(text))
    }

    static func isClusterName(_ text: Substring) -> Bool {
        (1...255).contains(text.count) && text.allSatisfy { isASCIIAlphanumeric($0) || $0 == "-" || $0 == "_" }
    }

    /// ECS image reference: up to 255 letters, digits, `-_:./#@`.
    static func isImage(_ text: String) -> Bool {
        (1...255).contains(text.count) && text.allSatisfy { isASCIIAlphanumeric($0) || "-_:./#@".contains($0) }
    }

    /// CloudWatch log group name; `aws/` is reserved for AWS services.
    static func isLogGroup(_ text: String) -> Bool {
        (1...512).contains(text.count) && !text.hasPrefix("aws/")
            && text.allSatisfy { isASCIIAlphanumeric($0) || "._-/#".contains($0) }
    }

    /// Values CloudWatch Logs accepts for `retentionInDays`.
    static let logRetentionDays = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]

    /// A Secrets Manager secret ARN (optionally with ECS's `:json-key:version-stage:version-id` suffix)
    /// or an SSM Parameter Store parameter ARN.
    static func isSecretARN(_ text: String) -> Bool {
        guard let arn = ARN(text) else { return false }
        switch arn.service {
        case "secretsmanager":
            guard arn.resource.hasPrefix("secret:") else { return false }
            let name = arn.resource.dropFirst("secret:".count).split(separator: ":", omittingEmptySubsequences: false)
            guard let secretName = name.first, name.count <= 4, (1...512).contains(secretName.count) else { return false }
            return secretName.allSatisfy { isASCIIAlphanumeric($0) || "/_+=.@-".contains($0) }
        case "ssm":
            guard arn.resource.hasPrefix("parameter/") else { return false }
            let name = arn.resource.dropFirst("parameter/".count)
            return (1...2048).contains(name.count) && name.allSatisfy { isASCIIAlphanumeric($0) || "_.-/".contains($0) }
        default:
            return false
        }
    }

    /// `arn:aws:sns:REGION:ACCOUNT:TOPIC` (TOPIC: letters, digits, `-`, `_`, optionally `.fifo`).
    static func isTopicARN(_ text: String) -> Bool {
        guard let arn = ARN(text), arn.service == "sns" else { return false }
        let name = arn.resource.hasSuffix(".fifo") ? arn.resource.dropLast(".fifo".count) : Substring(arn.resource)
        return (1...256).contains(name.count) && name.allSatisfy { isASCIIAlphanumeric($0) || $0 == "-" || $0 == "_" }
    }

    /// A name a process can read from its environment: letters, digits and `_`, not starting with a digit.
    static func isEnvironmentVariableName(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { isASCIIAlphanumeric($0) || $0 == "_" }
    }

    /// `LATEST` or a version such as `1.4.0`.
    static func isPlatformVersion(_ text: String) -> Bool {
        if text == "LATEST" { return true }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// Whether `version` is at least `minimum`; `LATEST` always is.
    static func platformVersion(_ version: String, isAtLeast minimum: [Int]) -> Bool {
        guard version != "LATEST" else { return true }
        let parts = version.split(separator: ".").compactMap { Int($0) }
        return parts.lexicographicallyPrecedes(minimum) == false
    }

    static func isTimeZone(_ text: String) -> Bool {
        !text.isEmpty && TimeZone(identifier: text) != nil
    }

    /// AWS tag rules: key 1-128 characters, value up to 256, `aws:` reserved, letters/digits/spaces and `_.:/=+-@`.
    static func tagProblem(key: String, value: String) -> String? {
        func allowed(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == " " || "_.:/=+-@".contains(character)
        }
        if !(1...128).contains(key.count) { return "a tag key must have 1 to 128 characters" }
        if key.lowercased().hasPrefix("aws:") { return "tag keys starting with 'aws:' are reserved for AWS" }
        if value.count > 256 { return "a tag value must have at most 256 characters" }
        if !key.allSatisfy(allowed) || !value.allSatisfy(allowed) {
            return "tags may hold only letters, digits, spaces and _ . : / = + - @"
        }
        return nil
    }

    private static func isLowercaseLetter(_ character: Character) -> Bool {
        character.isASCII && character.isLowercase
    }

    private static func isASCIIAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }
}

/// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, with the partition, region and account checked.
struct ARN {
    var partition: String
    var service: String
    var region: String
    var account: String
    var resource: String

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[1] == "aws" || parts[1].hasPrefix("aws-"),
              !parts[2].isEmpty, parts[2].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }),
              AWSIdentifierShapes.isRegion(parts[3]), AWSIdentifierShapes.isAccountID(parts[4]), !parts[5].isEmpty else { return nil }
        (partition, service, region, account, resource) = (parts[1], parts[2], parts[3], parts[4], parts[5])
    }
}
