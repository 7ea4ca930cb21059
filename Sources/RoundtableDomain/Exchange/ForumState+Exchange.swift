extension ForumState {
    /// Checks one of the node's exchange acts: a new collection, or object versions recorded in a known one.
    func checkExchangeAct(_ body: Act.Body) throws(ActError) -> [ForumChange] {
        switch body {
        case .collection(let collection):
            guard collections[collection.id] == nil, !collections.values.contains(where: { $0.alias == collection.alias }) else {
                throw ActError(.conflict, "a collection with id \(collection.id) or alias \(collection.alias) already exists")
            }
            for case .only(let named) in [collection.audience, collection.readers, collection.writers] {
                for member in named where members[member] == nil {
                    throw ActError(.unknownMember, "\(member) is not a member of this forum")
                }
            }
            return [.collectionDefined(collection)]
        case .exchange(let record):
            guard collections[record.collection] != nil else { throw ActError(.conflict, "there is no collection \(record.collection)") }
            return []
        default:
            throw ActError(.malformedAct, "'\(body.type)' is not an exchange act")
        }
    }
}
