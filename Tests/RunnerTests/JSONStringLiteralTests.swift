import Foundation
import Grammar
import Testing

@Suite("The one JSON string escaper")
struct JSONStringLiteralTests {
    @Test func escapes_quotesBackslashAndControls() {
        #expect(JSONStringLiteral.quoted("plain") == #""plain""#)
        #expect(JSONStringLiteral.quoted("a\"b\\c\nd\re\tf") == #""a\"b\\c\nd\re\tf""#)
        #expect(JSONStringLiteral.quoted("\u{0}\u{1B}\u{1F}") == #""\u0000\u001b\u001f""#)
        #expect(JSONStringLiteral.quoted("é ✓ 🚀 /") == "\"é ✓ 🚀 /\"")
    }

    @Test func everyScalar_roundTripsThroughAJSONParser() throws {
        let text = String(String.UnicodeScalarView((0..<0x300).compactMap(Unicode.Scalar.init))) + "🚀\u{2028}"
        var out = "["
        JSONStringLiteral.append(text, to: &out)
        out += "]"
        let decoded = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String]
        #expect(decoded == [text])
    }
}
