/// The rule for names shown to people (forum, member and collection names): 1–200 characters, no control character
/// (C0, DEL or C1, line feed included), no leading or trailing space. The node checks it at the door, on every name
/// an operator gives it, and the replay checks it again on every act.
public enum DisplayName {
    /// Throws unless `name` is a display name.
    /// - Parameter name: The name.
    /// - Throws: ``ActError/Code/malformedAct`` saying which rule the name breaks.
    public static func validate(_ name: String) throws(ActError) {
        if let control = name.unicodeScalars.first(where: isControl) {
            throw ActError(
                .malformedAct,
                "a display name may not hold control characters, and this one holds U+\(hex(control.value)); use 1-200 printable characters")
        }
        guard (1...200).contains(name.count), name.first?.isWhitespace == false, name.last?.isWhitespace == false else {
            throw ActError(.malformedAct, "'\(name)' is not a display name: use 1-200 characters without leading or trailing spaces")
        }
    }

    /// C0 controls (line feed and tab included), DEL and C1 controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
