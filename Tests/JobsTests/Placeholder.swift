import Testing

@Test func placeholder_JobsTests() { #expect(Bool(true)) }
