// The served sandbox (SandboxServer, ReplayServer), in scope in each file.
@_exported import PipedriveSandboxServer
