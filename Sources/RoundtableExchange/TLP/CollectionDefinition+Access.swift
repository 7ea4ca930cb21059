public import RoundtableDomain

/// Who may do what with a collection: the access rules that, with ``TLPPolicy``, decide what a reader sees.
extension CollectionDefinition {
    /// Whether a reader may read the collection at all.
    public func canRead(_ reader: TLPPolicy.Reader) -> Bool {
        switch reader {
        case .anonymous: isPublic
        case .member(let id): readers.contains(id) || isPublic
        }
    }

    /// Whether a reader may add objects.
    public func canWrite(_ reader: TLPPolicy.Reader) -> Bool {
        if case .member(let id) = reader { writers.contains(id) } else { false }
    }

    /// Whom a reader reads the collection as: a member who is not among a public collection's readers reads it as the
    /// public does (its TLP:CLEAR objects), since it could read that much without credentials anyway.
    public func view(of reader: TLPPolicy.Reader) -> TLPPolicy.Reader {
        if case .member(let id) = reader, !readers.contains(id) { .anonymous } else { reader }
    }

    /// Whether a reader is in the audience that AMBER objects reach.
    public func isAudience(_ reader: TLPPolicy.Reader) -> Bool {
        if case .member(let id) = reader { audience.contains(id) } else { false }
    }
}
