public import RoundtableDomain
import TransparencyLog

/// `/inbox`: what awaits the signed-in member — checks of its points of contact, requests delivered to it, and what
/// became of the requests it sent — newest first, with a form to acknowledge each check and delivery still open,
/// signed in the browser like every act; answers and new requests show their `roundtable` command.
public struct InboxPage: WebPage {
    public static let template = "inbox"
    /// The most items the page shows: the newest.
    public static let maximumItems = 200

    /// One act the member may sign from the page: an acknowledgement, an answer (whose text is sealed), a closing.
    struct ItemForm {
        let form: ActForm
        let title: String
        /// The act's body, as the form's hidden fields.
        let fields: [Field]
        let command: String
        /// An answer: the form asks for its status and text.
        var isAnswer = false
        /// A closing: the form asks how the request ended.
        var isClosing = false
    }

    struct Field {
        let name: String
        let value: String
    }

    struct Item {
        let index: UInt64
        let href: String
        let label: String
        let what: String
        let forms: [ItemForm]
        let answerCommand: String?
    }

    public let title: String
    let intro: String
    let items: [Item]
    let hasItems: Bool
    /// The forum's origin and the member, the first and third lines of every act.
    let origin: String
    let by: String
    /// The statuses an answer may have.
    let statuses: [Choice]
    /// How a request may end.
    let outcomes: [Choice]

    /// Builds the page.
    /// - Parameters:
    ///   - items: The member's inbox, oldest first (``RoundtableDomain/ForumState/inbox(for:after:limit:)``).
    ///   - member: The member signed in.
    ///   - contact: The contact whose key signed in, if a contact key did: it acknowledges its own checks and answers
    ///     requests, and closes nothing.
    ///   - state: The forum's state.
    ///   - nodeURL: The node's public URL, for the commands.
    ///   - t: The interface text.
    public init(items: [InboxItem], member: MemberID, contact: String? = nil, state: ForumState, nodeURL: String, t: Localizer) {
        title = t("inbox_title")
        intro = t("inbox_intro")
        origin = state.origin
        by = member.rawValue
        statuses = AnswerStatus.allCases.map { Choice(value: $0.rawValue, label: t.term("answer_status", $0.rawValue)) }
        outcomes = RequestOutcome.allCases.map { Choice(value: $0.rawValue, label: t.term("request_outcome", $0.rawValue)) }
        let communication = state.communication
        let signedInContact = contact
        var closable = Set(communication.requests.values.filter { $0.requester == member && $0.outcome == nil }.map { $0.index })
        func name(_ id: MemberID?) -> String { id.map { state.members[$0]?.displayName ?? $0.rawValue } ?? "" }
        let base = "--node \(nodeURL) --key KEY-FILE"
        self.items = items.reversed().map { item in
            var parameters: [String: String] = [:]
            parameters["check"] = item.check.map(String.init) ?? ""
            parameters["request"] = item.request.map(String.init) ?? ""
            parameters["delivery"] = item.delivery.map(String.init) ?? ""
            parameters["party"] = name(item.party)
            parameters["urgency"] = item.urgency.map { t.term("urgency", $0.rawValue) } ?? ""
            parameters["time"] = item.deadline.map(t.time) ?? ""
            parameters["status"] = item.status.map { t.term("answer_status", $0.rawValue) } ?? ""
            parameters["outcome"] = item.outcome.map { t.term("request_outcome", $0.rawValue) } ?? ""
            parameters["contacts"] = item.contacts.map(\.id).joined(separator: ", ")
            var forms: [ItemForm] = []
            var answer: String?
            switch item.kind {
            case .check:
                if let index = item.check, let check = communication.checks[index], check.overdue == nil {
                    for contact in item.contacts where check.acknowledged[contact.id] == nil && (signedInContact.map { $0 == contact.id } ?? true) {
                        guard let nonce = contact.nonce.map(Hex.encode) else { continue }
                        let id = "ack-\(index)-\(contact.id)"
                        forms.append(
                            ItemForm(
                                form: ActForm(act: "ack", id: id, lines: "check,contact,nonce", t: t),
                                title: t("inbox_ack_check", ["contact": contact.id]),
                                fields: [Field(name: "check", value: String(index)), Field(name: "contact", value: contact.id),
                                         Field(name: "nonce", value: nonce)],
                                command: "roundtable ack \(base) --member \(member) --check \(index) --contact \(contact.id) --nonce \(nonce)"))
                    }
                }
            case .request:
                if let index = item.delivery, let delivery = communication.deliveries[DeliveryID(index: index, recipient: member)] {
                    if delivery.acknowledged == nil, delivery.overdue == nil {
                        forms.append(
                            ItemForm(
                                form: ActForm(act: "ack", id: "ack-\(index)", lines: "delivery", t: t), title: t("inbox_ack_delivery"),
                                fields: [Field(name: "delivery", value: String(index))], command: "roundtable ack \(base) --delivery \(index)"))
                    }
                    answer = "roundtable request answer \(base) --delivery \(index) --status accepted|declined|need-information|provided "
                        + "--body-file ANSWER.md"
                    if communication.requests[delivery.opening.request ?? 0]?.outcome == nil {
                        forms.append(
                            ItemForm(
                                form: ActForm(act: "answer", id: "answer-\(index)", lines: "delivery,status,sealed", sealed: "body", t: t),
                                title: t("inbox_answer"), fields: [Field(name: "delivery", value: String(index))], command: answer ?? "",
                                isAnswer: true))
                        answer = nil
                    }
                }
            case .acknowledgement, .answer:
                // The requester may close its request once; the form goes with the newest news of it.
                if signedInContact == nil, let index = item.request, closable.remove(index) != nil {
                    forms.append(
                        ItemForm(
                            form: ActForm(act: "close-request", id: "close-\(index)", lines: "request,outcome", t: t), title: t("inbox_close"),
                            fields: [Field(name: "request", value: String(index))],
                            command: "roundtable request close \(base) --request \(index) --outcome resolved|withdrawn", isClosing: true))
                }
            case .overdue, .closed:
                break
            }
            let key = switch item.kind {
            case .request: item.request == nil ? "inbox_item_request_sealed" : "inbox_item_request"
            case .overdue: item.check != nil ? "inbox_item_overdue_check" : "inbox_item_overdue_delivery"
            default: "inbox_item_\(item.kind.rawValue)"
            }
            return Item(
                index: item.index, href: "/acts/\(item.index)", label: t("act_number", ["index": String(item.index)]), what: t(key, parameters),
                forms: forms, answerCommand: answer)
        }
        hasItems = !self.items.isEmpty
    }
}
