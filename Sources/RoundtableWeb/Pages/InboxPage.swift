public import RoundtableDomain
import TransparencyLog

/// `/inbox`: what awaits the signed-in member — checks of its points of contact, requests delivered to it, and what
/// became of the requests it sent — newest first, with a form to acknowledge each check and delivery still open,
/// signed in the browser like every act; answers and new requests show their `roundtable` command.
public struct InboxPage: WebPage {
    public static let template = "inbox"
    /// The most items the page shows: the newest.
    public static let maximumItems = 200

    /// One act the member may sign from the page: an acknowledgement, or an answer (whose text is sealed).
    struct ActForm {
        let act: String
        let title: String
        let formID: String
        let reviewID: String
        let buttonLabel: String
        let lines: String
        let optional = ""
        /// The fields that go into the sealed document rather than the act: an answer's `body`.
        let sealed: String
        /// The act's body, as the form's hidden fields.
        let fields: [Field]
        let command: String
        /// An answer: the form asks for its status and text.
        let isAnswer: Bool
        /// A closing: the form asks how the request ended.
        var isClosing = false
    }

    /// A status an answer may have, for its form's choice.
    struct Status {
        let value: String
        let label: String
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
        let forms: [ActForm]
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
    let statuses: [Status]
    /// How a request may end.
    let outcomes: [Status]

    /// Builds the page.
    /// - Parameters:
    ///   - items: The member's inbox, oldest first (``RoundtableDomain/ForumState/inbox(for:after:limit:)``).
    ///   - member: The member signed in.
    ///   - state: The forum's state.
    ///   - nodeURL: The node's public URL, for the commands.
    ///   - t: The interface text.
    public init(items: [InboxItem], member: MemberID, state: ForumState, nodeURL: String, t: Localizer) {
        title = t("inbox_title")
        intro = t("inbox_intro")
        origin = state.origin
        by = member.rawValue
        statuses = AnswerStatus.allCases.map { Status(value: $0.rawValue, label: t.term("answer_status", $0.rawValue)) }
        outcomes = RequestOutcome.allCases.map { Status(value: $0.rawValue, label: t.term("request_outcome", $0.rawValue)) }
        let communication = state.communication
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
            var forms: [ActForm] = []
            var answer: String?
            switch item.kind {
            case .check:
                if let index = item.check, let check = communication.checks[index], check.overdue == nil {
                    for contact in item.contacts where check.acknowledged[contact.id] == nil {
                        guard let nonce = contact.nonce.map(Hex.encode) else { continue }
                        let id = "ack-\(index)-\(contact.id)"
                        forms.append(
                            ActForm(
                                act: "ack", title: t("inbox_ack_check", ["contact": contact.id]), formID: "form-\(id)", reviewID: "review-\(id)",
                                buttonLabel: t("act_review_button"), lines: "check,contact,nonce", sealed: "",
                                fields: [Field(name: "check", value: String(index)), Field(name: "contact", value: contact.id),
                                         Field(name: "nonce", value: nonce)],
                                command: "roundtable ack \(base) --member \(member) --check \(index) --contact \(contact.id) --nonce \(nonce)",
                                isAnswer: false))
                    }
                }
            case .request:
                if let index = item.delivery, let delivery = communication.deliveries[DeliveryID(index: index, recipient: member)] {
                    if delivery.acknowledged == nil, delivery.overdue == nil {
                        forms.append(
                            ActForm(
                                act: "ack", title: t("inbox_ack_delivery"), formID: "form-ack-\(index)", reviewID: "review-ack-\(index)",
                                buttonLabel: t("act_review_button"), lines: "delivery", sealed: "",
                                fields: [Field(name: "delivery", value: String(index))],
                                command: "roundtable ack \(base) --delivery \(index)", isAnswer: false))
                    }
                    answer = "roundtable request answer \(base) --delivery \(index) --status accepted|declined|need-information|provided "
                        + "--body-file ANSWER.md"
                    if communication.requests[delivery.opening.request ?? 0]?.outcome == nil {
                        forms.append(
                            ActForm(
                                act: "answer", title: t("inbox_answer"), formID: "form-answer-\(index)", reviewID: "review-answer-\(index)",
                                buttonLabel: t("act_review_button"), lines: "delivery,status,sealed", sealed: "body",
                                fields: [Field(name: "delivery", value: String(index))], command: answer ?? "", isAnswer: true))
                        answer = nil
                    }
                }
            case .acknowledgement, .answer:
                // The requester may close its request once; the form goes with the newest news of it.
                if let index = item.request, closable.remove(index) != nil {
                    var close = ActForm(
                        act: "close-request", title: t("inbox_close"), formID: "form-close-\(index)", reviewID: "review-close-\(index)",
                        buttonLabel: t("act_review_button"), lines: "request,outcome", sealed: "",
                        fields: [Field(name: "request", value: String(index))],
                        command: "roundtable request close \(base) --request \(index) --outcome resolved|withdrawn", isAnswer: false)
                    close.isClosing = true
                    forms.append(close)
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
