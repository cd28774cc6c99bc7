import Synchronization

/// Set when the run stopped waiting for a blocked job body, whose connection must then be left alone.
final class AbandonFlag: Sendable {
    private let value = Atomic<Bool>(false)

    var isSet: Bool { value.load(ordering: .acquiring) }

    func set() { value.store(true, ordering: .releasing) }
}
