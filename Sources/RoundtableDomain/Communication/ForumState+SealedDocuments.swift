extension ForumState {
    /// Checks the sealed document a member's act commits to, and returns what the node keeps of it, given the act's
    /// log index; `nil` for an act that commits to none.
    ///
    /// The log keeps only the document's hash; the node keeps the document and gives it to those who may read it.
    /// - Parameters:
    ///   - act: The member's act.
    ///   - document: The document's bytes as sent with the act, if any.
    /// - Throws: ``ActError`` when a document is missing, not expected, or breaks its rules.
    public func sealedRecord(for act: Act, document: [UInt8]?) throws(ActError) -> (@Sendable (UInt64) -> CommunicationRecord)? {
        let commitment: [UInt8]
        var recipients: [MemberID]?
        switch act.body {
        case .contact(.add(let entry)), .contact(.update(let entry)):
            commitment = entry.details
            _ = try SealedDocuments.open(try required(document, act), as: ContactDetails.self, commitment: commitment)
        case .request(let draft):
            commitment = draft.content
            let content = try SealedDocuments.open(try required(document, act), as: RequestContent.self, commitment: commitment)
            try check(content, of: draft, by: act.actor)
            recipients = content.to
        case .answer(_, _, let content):
            commitment = content
            _ = try SealedDocuments.open(try required(document, act), as: AnswerContent.self, commitment: commitment)
        default:
            guard document == nil else { throw ActError(.malformedAct, "a '\(act.body.type)' act commits to no sealed document; send the act alone") }
            return nil
        }
        guard let document else { return nil }
        return { [recipients] index in .sealed(index: index, document: document, recipients: recipients) }
    }

    private func required(_ document: [UInt8]?, _ act: Act) throws(ActError) -> [UInt8] {
        guard let document else {
            throw ActError(
                .malformedAct,
                "a '\(act.body.type)' act commits to a sealed document: POST it with the act as JSON {\"act\": NOTE, \"sealed\": BASE64} "
                    + "(roundtable \(act.body.kind == .contact ? "contact" : "request") does this)")
        }
        return document
    }

    private func check(_ content: RequestContent, of draft: RequestDraft, by actor: Act.Actor) throws(ActError) {
        guard content.to.count == draft.recipients.count else {
            throw ActError(.malformedAct, "the act counts \(draft.recipients.count) recipients and the sealed content names \(content.to.count)")
        }
        if case .named(let named) = draft.recipients, named != content.to {
            throw ActError(.malformedAct, "the act and its sealed content name different recipients")
        }
        for recipient in content.to {
            guard case .member(let requester) = actor, recipient != requester else {
                throw ActError(.conflict, "a member does not send a request to itself")
            }
            guard members[recipient]?.status == .active else { throw ActError(.unknownMember, "\(recipient) is not an active member of this forum") }
        }
    }
}
