/// The rule for names shown to people (forum and member names): 1–200 characters, no leading or trailing space.
enum DisplayName {
    static func validate(_ name: String) throws(ActError) {
        guard (1...200).contains(name.count), name.first?.isWhitespace == false, name.last?.isWhitespace == false else {
            throw ActError(.malformedAct, "'\(name)' is not a display name: use 1-200 characters without leading or trailing spaces")
        }
    }
}
