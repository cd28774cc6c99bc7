import Testing

@Test func placeholder_SchedulesTests() { #expect(Bool(true)) }
