extension ForumState {
    /// Checks one of the node's `collection` acts: its id and alias are new, the members it names exist.
    func checkCollection(_ collection: CollectionDefinition) throws(ActError) -> [ForumChange] {
        // Ids and aliases share one namespace: TAXII clients name a collection by either.
        let names = [collection.id, collection.alias]
        if let existing = collections.values.sorted(by: { $0.id < $1.id }).first(where: { names.contains($0.id) || names.contains($0.alias) }) {
            let taken = names.first { $0 == existing.id || $0 == existing.alias } ?? collection.alias
            throw ActError(
                .conflict, "'\(taken)' already names the collection '\(existing.alias)' (id \(existing.id)); choose another alias")
        }
        for case .only(let named) in [collection.audience, collection.readers, collection.writers] {
            for member in named where members[member] == nil {
                throw ActError(.unknownMember, "\(member) is not a member of this forum")
            }
        }
        return [.collectionDefined(collection)]
    }

    /// Checks one of the node's `exchange` acts: the collection it records object versions in exists.
    func checkExchange(_ record: ExchangeRecord) throws(ActError) -> [ForumChange] {
        guard collections[record.collection] != nil else { throw ActError(.conflict, "there is no collection \(record.collection)") }
        return []
    }
}
