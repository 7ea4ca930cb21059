extension ForumState {
    /// Checks one of the node's `collection` acts: its id and alias are new, the members it names exist.
    func checkCollection(_ collection: CollectionDefinition) throws(ActError) -> [ForumChange] {
        guard collections[collection.id] == nil, !collections.values.contains(where: { $0.alias == collection.alias }) else {
            throw ActError(.conflict, "a collection with id \(collection.id) or alias \(collection.alias) already exists")
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
