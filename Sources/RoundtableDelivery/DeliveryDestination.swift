public import Foundation

/// Where a notice goes.
public enum DeliveryDestination: Sendable, Hashable {
    /// A POST of the signed notice to a webhook URL: `https`, or `http` to a loopback address.
    case webhook(URL)
    /// An e-mail to an address, in a language (`ar`, `zh`, `en`, `fr`, `ru`, `es`; English for another).
    case mail(address: String, language: String)

    /// The channel, `webhook` or `mail`.
    public var channel: DeliveryChannel {
        switch self {
        case .webhook: .webhook
        case .mail: .mail
        }
    }

    /// The URL or the address, as an outcome records it.
    public var target: String {
        switch self {
        case .webhook(let url): url.absoluteString
        case .mail(let address, _): address
        }
    }
}
