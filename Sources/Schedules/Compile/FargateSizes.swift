/// The CPU/memory pairs Fargate accepts (Linux), from the ECS task definition documentation.
public enum FargateSizes {
    /// Memory choices in MiB for each CPU value.
    public static let memoryByCPU: [Int: [Int]] = [
        256: [512, 1024, 2048],
        512: Array(stride(from: 1024, through: 4096, by: 1024)),
        1024: Array(stride(from: 2048, through: 8192, by: 1024)),
        2048: Array(stride(from: 4096, through: 16384, by: 1024)),
        4096: Array(stride(from: 8192, through: 30720, by: 1024)),
        8192: Array(stride(from: 16384, through: 61440, by: 4096)),
        16384: Array(stride(from: 32768, through: 122_880, by: 8192)),
    ]

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
