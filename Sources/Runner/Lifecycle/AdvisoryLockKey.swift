/// The advisory-lock key of a job: FNV-1a 64 of `cronjob:<name>`, stable across builds and machines
/// (Swift's `hashValue` is seeded per process, so it cannot be used).
public enum AdvisoryLockKey {
    public static func forJob(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "cronjob:\(name)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
