/// The CPU/memory pairs Fargate accepts, as the compiler checks them (the table itself is `FargateTaskSize`).
public enum FargateSizes {
    /// Memory choices in MiB for each CPU value.
    public static let memoryByCPU: [Int: [Int]] = Dictionary(
        uniqueKeysWithValues: FargateTaskSize.cpuValues.map { ($0, FargateTaskSize.memoryValues(forCPU: $0)) }
    )

    public static func isValid(cpu: Int, memory: Int) -> Bool {
        memoryByCPU[cpu]?.contains(memory) ?? false
    }

    /// "512, 1024 or 2048" for a valid CPU; the CPU list otherwise. Used in error messages.
    public static func choices(cpu: Int) -> String {
        guard let memories = memoryByCPU[cpu] else {
            return "cpu must be one of " + memoryByCPU.keys.sorted().map(String.init).joined(separator: ", ")
        }
        let first = memories[0], last = memories[memories.count - 1]
        let step = memories.count > 1 ? memories[1] - memories[0] : 0
        return memories.count <= 3
            ? "memory for cpu \(cpu) must be " + memories.map(String.init).joined(separator: ", ")
            : "memory for cpu \(cpu) must be \(first) to \(last) in steps of \(step)"
    }
}
