extension API {
    /// The JSON form of `POST /api/v1/acts`: a signed act and the sealed document it commits to (a contact's details,
    /// a request's or an answer's content).
    public struct SealedSubmission: Codable, Sendable, Equatable {
        /// The signed note's text, exactly as signed.
        public var act: String
        /// The sealed document's exact bytes, in standard base64; absent for an act that commits to none.
        public var sealed: String?

        /// Creates a value.
        public init(act: String, sealed: String?) {
            self.act = act
            self.sealed = sealed
        }
    }
}
