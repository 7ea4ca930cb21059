public import Hummingbird
public import RoundtableAPI

// The wire types are plain `Codable` values (RoundtableAPI links no HTTP server); the server returns them from its
// handlers, encoded by the request context's JSON encoder.
extension API.Forum: ResponseEncodable {}
extension API.Member: ResponseEncodable {}
extension API.MemberList: ResponseEncodable {}
extension API.ProposalList: ResponseEncodable {}
extension API.Proposal: ResponseEncodable {}
extension API.Rules: ResponseEncodable {}
extension API.DocumentCreated: ResponseEncodable {}
extension API.CollectionCreated: ResponseEncodable {}
extension API.ExchangeReceipt: ResponseEncodable {}
extension API.WitnessedTime: ResponseEncodable {}
extension API.WitnessedCheckpointList: ResponseEncodable {}
extension API.Inbox: ResponseEncodable {}
extension API.ContactList: ResponseEncodable {}
extension API.RequestList: ResponseEncodable {}
extension API.CommunicationRequest: ResponseEncodable {}
extension API.CommunicationFigures: ResponseEncodable {}
extension API.SignInChallenge: ResponseEncodable {}
extension API.Session: ResponseEncodable {}
