/// The CPU and memory pairs Fargate accepts for a task (ECS developer guide, "Task CPU and memory").
public enum FargateTaskSize {
    /// Task CPU units: 1024 is one vCPU.
    public static let cpuValues = [256, 512, 1024, 2048, 4096, 8192, 16384]

    /// Memory (MiB) allowed with `cpu`, smallest first; empty for a CPU value Fargate does not offer.
    public static func memoryValues(forCPU cpu: Int) -> [Int] {
        switch cpu {
        case 256: return [512, 1024, 2048]
        case 512: return Array(stride(from: 1024, through: 4096, by: 1024))
        case 1024: return Array(stride(from: 2048, through: 8192, by: 1024))
        case 2048: return Array(stride(from: 4096, through: 16384, by: 1024))
        case 4096: return Array(stride(from: 8192, through: 30720, by: 1024))
        case 8192: return Array(stride(from: 16384, through: 61440, by: 4096))
        case 16384: return Array(stride(from: 32768, through: 122880, by: 8192))
        default: return []
        }
    }

    public static func isValid(cpu: Int, memory: Int) -> Bool {
        memoryValues(forCPU: cpu).contains(memory)
    }

    /// 8 and 16 vCPU tasks need Linux platform version 1.4.0 or later.
    public static func requiresPlatform140(cpu: Int) -> Bool { cpu >= 8192 }

    /// "1024, 2048, 3072 or 4096" for short lists, "4096 to 16384 in steps of 1024" for long ones.
    static func memoryDescription(forCPU cpu: Int) -> String {
        let values = memoryValues(forCPU: cpu)
        guard let first = values.first, let last = values.last else { return "none" }
        if values.count <= 4 {
            return values.dropLast().map(String.init).joined(separator: ", ") + " or \(last)"
        }
        return "\(first) to \(last) in steps of \(values[1] - first)"
    }
}
