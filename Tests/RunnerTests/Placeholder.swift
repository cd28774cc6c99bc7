import Testing

@Test func placeholder_RunnerTests() { #expect(Bool(true)) }
