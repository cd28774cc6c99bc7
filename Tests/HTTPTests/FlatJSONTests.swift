import Foundation
import Grammar
import HTTP
import Jobs
import Testing
import TestSupport

/// The JSON path without Foundation's coders must read and write exactly what they would: same values, and nothing
/// accepted that JSONSerialization refuses (the caller then falls back to JSONDecoder and its error wording).
@Suite("Flat JSON: provider answers and message bodies without Foundation's coders")
struct FlatJSONTests {
    @Test(arguments: [
        #"{}"#, #" { } "#, #"{"id":"msg_1","status":"accepted"}"#, "{\n\t\"a\" : \"b\" ,\r\n \"c\":null }",
        #"{"s":"quote \" backslash \\ slash \/ controls \b\f\n\r\t"}"#, #"{"u":"\u00e9\u4e2d\ud83d\ude00 é中😀"}"#,
        #"{"t":true,"f":false,"n":null}"#, #"{"dup":"first","dup":"last"}"#, #"{"":""}"#,
    ])
    func validFlatObjects_readAsJSONSerializationReadsThem(text: String) throws {
        let flat = try #require(FlatJSONObject(text.utf8))
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(flat.members.keys) == Set(reference.keys))
        for (name, value) in reference {
            switch (flat.members[name], value) {
            case (.string(let mine)?, let theirs as String): #expect(mine == theirs)
            case (.null?, is NSNull): break
            case (.bool(let mine)?, let theirs as NSNumber): #expect(mine == theirs.boolValue)
            default: Issue.record("\(name): \(String(describing: flat.members[name])) vs \(value)")
            }
        }
    }

    /// A repeated name keeps its last value in every view: the lookups the decoders use, the dictionary and the text.
    @Test func repeatedName_lastValueWins_inEveryView() throws {
        let flat = try #require(FlatJSONObject(#"{"dup":"first","n":1,"dup":"last","n":null}"#.utf8))
        #expect(flat.string("dup") == "last")
        #expect(flat.value("n") == .null)
        #expect(flat.value("missing") == nil)
        #expect(flat.members == ["dup": .string("last"), "n": .null])
        #expect(flat.textMembers == ["dup": "last", "n": "null"])
    }

    @Test(arguments: ["0", "-0", "12", "-12.50", "1e5", "1E+5", "2.5e-3", "123456789012345678"])
    func numbers_keepTheirTextAndValue(number: String) throws {
        let flat = try #require(FlatJSONObject(#"{"n":\#(number)}"#.utf8))
        #expect(flat.members["n"] == .number(number))
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(#"{"n":\#(number)}"#.utf8)) as? [String: NSNumber])
        #expect(Double(number) == reference["n"]?.doubleValue)
    }

    /// Refused: invalid JSON (which JSONSerialization refuses too), and valid JSON that is not a flat object. (A trailing
    /// comma, which JSONSerialization forgives, is refused too and left to the fallback.)
    @Test(arguments: [
        "", "{", "}", #"{"a":}"#, #"{"a" "b"}"#, #"{'a':'b'}"#, #"{"a":01}"#, #"{"a":+1}"#, #"{"a":.5}"#,
        #"{"a":1.}"#, #"{"a":1e}"#, #"{"a":tru}"#, #"{"a":"b"} x"#, #"{"a":"\x"}"#, #"{"a":"\ud83d"}"#, #"{"a":"\u12"}"#,
        "{\"a\":\"tab\there\"}", "{\"a\":\"b\"}{}", #"["a"]"#, #""a""#, #"{"a":{"b":"c"}}"#, #"{"a":[1]}"#,
    ])
    func invalidOrNested_isNil(text: String) {
        #expect(FlatJSONObject(text.utf8) == nil)
        let isFlatJSON = (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?.values
            .allSatisfy { $0 is String || $0 is NSNumber || $0 is NSNull } ?? false
        #expect(!isFlatJSON, "JSONSerialization reads \(text) as a flat object")
    }

    @Test func invalidUTF8_isNil() {
        #expect(FlatJSONObject([UInt8](#"{"a":""#.utf8) + [0xC3, 0x28] + [UInt8](#""}"#.utf8)) == nil)
        #expect(FlatJSONObject([UInt8](#"{"a":"b"}"#.utf8)) != nil)
    }

    /// Random strings with every escape-worthy character: the message body this path writes decodes, through
    /// JSONDecoder, to the same message; and a flat object JSONEncoder writes reads back the same.
    @Test func randomMessages_roundTripThroughFoundation() throws {
        var generator = SplitMix64(seed: 14)
        let alphabet = Array("aZ09 \"\\/\n\r\t\u{0}\u{1f}\u{7f}é中😀{}[]:,")
        func text() -> String { String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for _ in 0..<300 {
            var data: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &generator) { data[text()] = text() }
            let message = OutboundMessage(to: text(), template: text(), data: data)
            #expect(try JSONDecoder().decode(OutboundMessage.self, from: message.jsonBody) == message)

            let encoded = try JSONEncoder().encode(data)
            #expect(FlatJSONObject(encoded)?.textMembers == data)
        }
    }

    @Test func providerAnswers_readFlat_equalWhatJSONDecoderReads() throws {
        let receipt = #"{"id":"msg_1","status":"accepted","extra":1}"#
        #expect(MessageReceipt(flatJSON: FlatJSONObject(receipt.utf8)!) == (try ProviderJSON.decoder.decode(MessageReceipt.self, from: Data(receipt.utf8))))
        let payment = #"{"id":"pay_1","status":"approved","amount_minor":12500,"currency":"EUR","updated_at":"2026-12-04T10:00:00.250Z"}"#
        #expect(ProviderPayment(flatJSON: FlatJSONObject(payment.utf8)!) == (try ProviderJSON.decoder.decode(ProviderPayment.self, from: Data(payment.utf8))))
        for payout in [#"{"id":"po_1","status":"failed","failure_reason":"closed account"}"#, #"{"id":"po_1","status":"paid","failure_reason":null}"#, #"{"id":"po_1","status":"requested"}"#] {
            #expect(ProviderPayout(flatJSON: FlatJSONObject(payout.utf8)!) == (try ProviderJSON.decoder.decode(ProviderPayout.self, from: Data(payout.utf8))))
        }
    }

    /// A member of another shape is left to `Decodable`, which words the error as before.
    @Test(arguments: [
        #"{"id":"msg_1","status":"queued"}"#, #"{"id":1,"status":"accepted"}"#, #"{"status":"accepted"}"#,
    ])
    func answerOfAnotherShape_isNotReadFlat(text: String) {
        #expect(MessageReceipt(flatJSON: FlatJSONObject(text.utf8)!) == nil)
    }
}
