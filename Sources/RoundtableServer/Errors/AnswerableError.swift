import Hummingbird

/// An error of the node that knows its answer (``ErrorAnswer``), so that it renders in the format of the path it is
/// answered on: the API's JSON error under `/api/`, a TAXII error message under `/taxii2`.
protocol AnswerableError: HTTPResponseError {
    /// The status, code, title, message and headers of the answer.
    var answer: ErrorAnswer { get }
}
