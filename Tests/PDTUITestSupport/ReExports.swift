// The served sandbox (SandboxServer, ReplayServer), in scope in each file of the test targets that use this one.
@_exported import PipedriveSandboxServer
