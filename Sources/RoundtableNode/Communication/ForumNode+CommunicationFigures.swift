public import RoundtableDomain

extension ForumNode {
    /// The public communication figures (``CommunicationFigures``) of the state as of the last commit, with the number
    /// of log entries that made it. An acknowledgement's time is its witnessed time: that of the earliest checkpoint
    /// including it that the members' witnesses cosigned; without one, it is not known.
    public func communicationFigures() async throws -> (figures: CommunicationFigures, size: UInt64) {
        let (state, size) = sequencer.snapshot
        var times: [UInt64: Timestamp] = [:]
        if !state.witnesses.isEmpty {
            for index in CommunicationFigures.timedIndexes(state) {
                if let checkpoint = try await store.firstCosignedCheckpoint(including: index) {
                    times[index] = Timestamp(seconds: checkpoint.witnessedAt)
                }
            }
        }
        return (CommunicationFigures(state: state, actTime: { times[$0] }), size)
    }
}
