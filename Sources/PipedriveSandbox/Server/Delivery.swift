/// How the server answers one request: a response, after an optional delay, possibly damaged on the wire.
struct Delivery: Sendable {
    var response: SandboxResponse
    var delayMilliseconds = 0
    var network: NetworkFault = .none

    enum NetworkFault: Sendable, Equatable {
        case none
        /// Sends the head and half the body, then resets the connection.
        case resetMidBody
        /// Sends nothing and holds the connection open this long (or until the client gives up), then closes it.
        case hang(milliseconds: Int)
    }
}
