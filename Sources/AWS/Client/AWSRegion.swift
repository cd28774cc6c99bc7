/// Region resolution in the CLI's order: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`,
/// then the caller's fallback (for `cronjob`, the environment's `region` in schedules.yaml).
public enum AWSRegion {
    public static func resolve(
        flag: String?, variables: [String: String], profile: [String: String]?, fallback: String?
    ) throws(AWSError) -> String {
        let candidates: [(String?, String)] = [
            (flag, "--region"), (variables["AWS_REGION"], "AWS_REGION"), (variables["AWS_DEFAULT_REGION"], "AWS_DEFAULT_REGION"),
            (profile?["region"], "the profile's region"), (fallback, "schedules.yaml"),
        ]
        for (value, origin) in candidates {
            guard let value, !value.isEmpty else { continue }
            guard isValid(value) else {
                throw AWSError(.configuration, message: "region '\(value)' from \(origin) is not a region name like us-east-1")
            }
            return value
        }
        throw AWSError(.configuration, message: "no AWS region: pass --region, set AWS_REGION, or set region in the environment of schedules.yaml")
    }

    /// Lower-case letters, digits and dashes (what a host label allows): `us-east-1`, `cn-north-1`, `us-gov-west-1`.
    static func isValid(_ region: String) -> Bool {
        !region.isEmpty && region.count <= 32 && region.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-")
        }
    }
}
