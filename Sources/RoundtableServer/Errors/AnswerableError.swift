import Hummingbird

/// An error of the node that knows its answer (``ErrorAnswer``): rendered in its own format, the API's JSON error or a
/// TAXII error message, and always as a TAXII error message under `/taxii2`.
protocol AnswerableError: HTTPResponseError {
    /// The status, code, title, message and headers of the answer.
    var answer: ErrorAnswer { get }
}
