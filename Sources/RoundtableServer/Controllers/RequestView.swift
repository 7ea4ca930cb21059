import RoundtableAPI
import RoundtableDomain

/// A request as one member may see it: the requester sees every delivery and the node's attempts to tell the
/// recipients; a recipient sees its own delivery only; any other member sees nothing (``init(index:member:state:)``
/// is `nil`, exactly as for an index that is not a request). The sealed content of the request and its answers is read
/// from the store.
struct RequestView {
    let request: Communication.Request
    let isRequester: Bool
    let deliveries: [Communication.Delivery]

    init?(index: UInt64, member: MemberID, state: ForumState) {
        let c = state.communication
        guard let request = c.requests[index] else { return nil }
        let all = (c.deliveriesOfRequest[index] ?? []).sorted().compactMap { c.deliveries[$0] }
        isRequester = request.requester == member
        deliveries = isRequester ? all : all.filter { $0.opening.recipient == member }
        guard isRequester || !deliveries.isEmpty else { return nil }
        self.request = request
    }

    func api(store: some CommunicationStore) async throws -> API.CommunicationRequest {
        var shown: [API.CommunicationRequest.Delivery] = []
        for delivery in deliveries {
            var answers: [API.CommunicationRequest.Answer] = []
            for answer in delivery.answers {
                let content = try await Self.content(AnswerContent.self, at: answer.index, store: store)
                answers.append(.init(index: answer.index, status: answer.status.rawValue, content: content.map { .init(body: $0.body) }))
            }
            // A deliver act may hand over several requests: the attempts to tell this delivery's recipient.
            var attempts: [API.CommunicationRequest.Attempt]?
            if isRequester {
                attempts = try await store.deliveryAttempts(forAct: delivery.index).filter { $0.member == delivery.opening.recipient }
                    .map(API.CommunicationRequest.Attempt.init)
            }
            shown.append(
                .init(
                    index: delivery.index, recipient: delivery.opening.recipient.rawValue, at: delivery.opening.at.description,
                    ackBy: delivery.opening.ackBy.description, acknowledged: delivery.acknowledged, overdue: delivery.overdue, answers: answers,
                    attempts: attempts))
        }
        return API.CommunicationRequest(
            index: request.index, requester: request.requester.rawValue, urgency: request.draft.urgency.rawValue,
            content: try await Self.content(RequestContent.self, at: request.index, store: store).map(API.CommunicationRequest.Content.init),
            outcome: request.outcome?.rawValue, closedAt: request.closedAt, deliveries: shown)
    }

    /// The sealed document an act committed to, decoded; `nil` if the store holds none that reads as one.
    private static func content<Document: SealedDocument>(
        _ type: Document.Type, at index: UInt64, store: some CommunicationStore
    ) async throws -> Document? {
        try await store.sealedDocument(committedAt: index).flatMap { try? SealedDocuments.decode($0, as: Document.self) }
    }
}
