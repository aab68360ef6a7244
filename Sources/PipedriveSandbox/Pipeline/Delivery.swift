/// How the server answers one request: a response, after an optional delay, possibly damaged on the wire.
public struct Delivery: Sendable {
    public var response: SandboxResponse
    public var delayMilliseconds = 0
    public var network: NetworkFault = .none

    public init(response: SandboxResponse, delayMilliseconds: Int = 0, network: NetworkFault = .none) {
        self.response = response
        self.delayMilliseconds = delayMilliseconds
        self.network = network
    }

    public enum NetworkFault: Sendable, Equatable {
        case none
        /// Sends the head and half the body, then resets the connection.
        case resetMidBody
        /// Sends nothing and holds the connection open this long (or until the client gives up), then closes it.
        case hang(milliseconds: Int)
    }
}
