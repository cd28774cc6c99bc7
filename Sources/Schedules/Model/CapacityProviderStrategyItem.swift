/// One entry of an ECS capacity provider strategy (e.g. `FARGATE_SPOT` with weight 1); replaces the launch type.
public struct CapacityProviderStrategyItem: Sendable, Equatable {
    public var capacityProvider: String
    public var weight: Int
    public var base: Int
    public init(capacityProvider: String, weight: Int = 1, base: Int = 0) {
        self.capacityProvider = capacityProvider
        self.weight = weight
        self.base = base
    }
}
