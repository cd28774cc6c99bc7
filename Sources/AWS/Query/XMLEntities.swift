/// Character and entity references in XML text: the five predefined entities and `&#N;` / `&#xH;`.
enum XMLEntities {
    static func decode(_ bytes: [UInt8], offset: Int) throws(XMLReader.Failure) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&") else {
                output.append(byte)
                index += 1
                continue
            }
            guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ";")), end - index <= 12 else {
                throw XMLReader.Failure(message: "unterminated entity reference", offset: offset)
            }
            let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            guard let scalar = scalar(for: name) else {
                throw XMLReader.Failure(message: "unknown entity &\(name);", offset: offset)
            }
            output += Array(String(Character(scalar)).utf8)
            index = end + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func scalar(for name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let number: UInt32?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                number = UInt32(name.dropFirst(2), radix: 16)
            } else if name.hasPrefix("#") {
                number = UInt32(name.dropFirst(), radix: 10)
            } else {
                number = nil
            }
            return number.flatMap(Unicode.Scalar.init)
        }
    }

    /// CDATA is literal: its `&` is escaped so the later `decode` of the whole text gives it back unchanged.
    static func escapeForLater(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        for byte in bytes {
            if byte == UInt8(ascii: "&") { output += Array("&amp;".utf8) } else { output.append(byte) }
        }
        return output
    }
}
