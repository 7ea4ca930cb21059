extension WitnessPolicy {
    /// What a checkpoint's signatures show under a policy.
    public struct Report: Hashable, Sendable {
        /// Whether one of the policy's logs signed it (true when the policy lists no log).
        public let logSigned: Bool
        /// The witnesses whose cosignatures verify, by policy name, with the time each states.
        public let cosigned: [String: UInt64]
        /// The witnesses with a signature line that does not verify, by policy name, with why.
        public let invalid: [String: String]
        /// Whether the quorum is met (and a policy log signed).
        public let satisfied: Bool
        /// What is missing, for people: empty when satisfied.
        public let shortfall: String

        /// The earliest time by which the quorum had seen the checkpoint: the latest of the smallest set of
        /// cosignature times that meets the quorum, or `nil` when the quorum is not met or is `none`.
        public let witnessedTime: UInt64?
    }

    /// Checks a checkpoint's log signature and cosignatures against the policy.
    /// - Parameter checkpoint: The checkpoint note with all its signatures.
    public func report(on checkpoint: SignedNote) -> Report {
        let logSigned = logs.isEmpty || logs.contains { log in (try? checkpoint.verify(by: [log.key]))?.isEmpty == false }
        var cosigned: [String: UInt64] = [:]
        var invalid: [String: String] = [:]
        for witness in witnesses {
            for line in checkpoint.signatures where line.keyName == witness.key.name && line.keyID == witness.key.keyID {
                do throws(NoteError) { cosigned[witness.name] = try witness.key.verify(line, checkpointText: checkpoint.text) } catch {
                    invalid[witness.name] = error.message
                }
            }
        }
        let met = quorum.map { satisfied($0, by: cosigned) } ?? true
        var missing: [String] = []
        if !logSigned { missing.append("no signature of the policy's logs (\(logs.map(\.key.name).joined(separator: ", ")))") }
        if !met, let quorum { missing.append(describe(quorum, cosigned: cosigned)) }
        for (name, why) in invalid.sorted(by: { $0.key < $1.key }) { missing.append("\(name)'s cosignature is invalid: \(why)") }
        return Report(
            logSigned: logSigned, cosigned: cosigned, invalid: invalid, satisfied: logSigned && met,
            shortfall: logSigned && met ? "" : missing.joined(separator: "; "),
            witnessedTime: quorum.flatMap { met ? earliest($0, cosigned: cosigned) : nil })
    }

    /// Checks a checkpoint against the policy and throws unless it is satisfied.
    /// - Parameter checkpoint: The checkpoint note with all its signatures.
    /// - Returns: The report.
    /// - Throws: ``PolicyError`` saying which signatures are missing or invalid.
    @discardableResult
    public func require(_ checkpoint: SignedNote) throws(PolicyError) -> Report {
        let report = report(on: checkpoint)
        guard report.satisfied else { throw PolicyError("the checkpoint does not meet the witness policy: \(report.shortfall)") }
        return report
    }

    private func group(_ name: String) -> Group? { groups.first { $0.name == name } }

    private func satisfied(_ name: String, by cosigned: [String: UInt64]) -> Bool {
        guard let group = group(name) else { return cosigned[name] != nil }
        return group.members.count { satisfied($0, by: cosigned) } >= group.threshold.required(of: group.members.count)
    }

    /// The earliest time at which `name` was satisfied, given each witness's cosignature time.
    private func earliest(_ name: String, cosigned: [String: UInt64]) -> UInt64? {
        guard let group = group(name) else { return cosigned[name] }
        let times = group.members.compactMap { earliest($0, cosigned: cosigned) }.sorted()
        let needed = group.threshold.required(of: group.members.count)
        return times.count >= needed && needed > 0 ? times[needed - 1] : nil
    }

    private func describe(_ name: String, cosigned: [String: UInt64]) -> String {
        guard let group = group(name) else { return "no valid cosignature of \(name)" }
        let needed = group.threshold.required(of: group.members.count)
        let have = group.members.filter { satisfied($0, by: cosigned) }
        let lacking = group.members.filter { !satisfied($0, by: cosigned) }
        return "\(name) needs \(needed) of \(group.members.count) (\(group.members.joined(separator: ", "))) and has \(have.count)"
            + (have.isEmpty ? "" : " (\(have.joined(separator: ", ")))") + "; missing: \(lacking.joined(separator: ", "))"
    }
}
