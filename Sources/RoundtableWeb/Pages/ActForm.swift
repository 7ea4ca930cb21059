/// What the page's script needs to build, show and sign one act from a form: the templates `act-form-open` and
/// `act-form-close` write it into the form's `data-` attributes and the review box beside it.
struct ActForm {
    /// The act type: `vote`, `ack`, `answer`, `propose`, `request` …
    let act: String
    /// The form's element id, and its review box's.
    let formID: String
    let reviewID: String
    /// The body's lines, in order, named as the form's fields are (`to`, `recipients` and `sealed` are built).
    let lines: String
    /// The lines that may be left out when their field is empty.
    let optional: String
    /// The fields that go into a sealed document instead of the act (`name[]` a list, `name?` optional).
    let sealed: String
    /// The fields whose content is posted as a document, their lines carrying its SHA-256.
    let upload: String
    /// The label of the button that shows the act for review.
    let buttonLabel: String

    /// Describes a form.
    /// - Parameters:
    ///   - act: The act type.
    ///   - id: What makes the form's element ids unique on its page.
    ///   - lines: The body's lines, in order.
    ///   - optional: The lines that may be left out.
    ///   - sealed: The fields of the sealed document, if the act carries one.
    ///   - upload: The fields posted as documents.
    ///   - t: The interface text.
    init(act: String, id: String, lines: String, optional: String = "", sealed: String = "", upload: String = "", t: Localizer) {
        self.act = act
        formID = "form-\(id)"
        reviewID = "review-\(id)"
        self.lines = lines
        self.optional = optional
        self.sealed = sealed
        self.upload = upload
        buttonLabel = t("act_review_button")
    }
}
