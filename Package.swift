// swift-tools-version:6.1
import PackageDescription

// Every target is built in the Swift 6 language mode (strict concurrency).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "pdtui",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pdtui", targets: ["pdtui"]),
        .executable(name: "pdtui-bench", targets: ["pdtui-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // A JSON value type with a fast parser and serializer, shared by the engine and the sandbox.
        .target(name: "JSONValue", swiftSettings: swiftSettings),

        // The engine: catalog, client, auth, paging, fields and values, writes. No UI code.
        .target(name: "PipedriveEngine", dependencies: ["JSONValue"], swiftSettings: swiftSettings),

        // The sandbox: a local Pipedrive built from Pipedrive's specs, independent of the engine.
        .target(name: "PipedriveSandbox", dependencies: ["JSONValue"], swiftSettings: swiftSettings),
        // The sandbox served over HTTP (sockets), and the replay server of recorded answers.
        .target(name: "PipedriveSandboxServer", dependencies: ["PipedriveSandbox", "JSONValue"], swiftSettings: swiftSettings),

        // The TUI core: state, keys and screens drawn into a grid of styled cells. No terminal I/O.
        .target(
            name: "TUICore", dependencies: ["PipedriveEngine", "JSONValue"],
            exclude: ["Themes/README.md", "Themes/theme.schema.json"],
            resources: [
                // Built-in themes live in Themes/ (Sources/TUICore/Themes links there), embedded in the binary.
                .embedInCode("Themes/default.json5"), .embedInCode("Themes/light.json5"),
                .embedInCode("Themes/high-contrast.json5"), .embedInCode("Themes/mono.json5"),
                .embedInCode("Themes/dracula.json5"), .embedInCode("Themes/solarized-dark.json5"),
                .embedInCode("Themes/gruvbox.json5"),
            ],
            swiftSettings: swiftSettings),

        // ncursesw, and the only module that touches it.
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "CursesBackend", dependencies: ["CNcursesw", "TUICore"], swiftSettings: swiftSettings),

        // The version and commit the binary was built from (set by scripts/package).
        .target(name: "BuildInfo"),

        // The executable: argument parsing and wiring.
        .executableTarget(
            name: "pdtui",
            dependencies: [
                "PipedriveEngine", "PipedriveSandbox", "PipedriveSandboxServer", "TUICore", "CursesBackend", "JSONValue",
                "BuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        // Benchmarks that print figures (see README).
        .executableTarget(
            name: "pdtui-bench",
            dependencies: ["PipedriveEngine", "PipedriveSandbox", "PipedriveSandboxServer", "TUICore", "JSONValue"],
            swiftSettings: swiftSettings),

        // What the tests share: temporary folders, the sandbox fixture, an in-process transport, the binary
        // locator, the tmux driver.
        .target(
            name: "PDTUITestSupport", dependencies: ["PipedriveEngine", "PipedriveSandbox", "PipedriveSandboxServer", "JSONValue"],
            path: "Tests/PDTUITestSupport", swiftSettings: swiftSettings),

        .testTarget(name: "JSONValueTests", dependencies: ["JSONValue"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SandboxTests", dependencies: ["PipedriveSandbox", "PipedriveSandboxServer", "JSONValue"], swiftSettings: swiftSettings),
        .testTarget(
            name: "EngineTests", dependencies: ["PipedriveEngine", "PipedriveSandbox", "JSONValue", "PDTUITestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TUICoreTests", dependencies: ["TUICore", "PipedriveEngine", "PipedriveSandbox", "JSONValue", "PDTUITestSupport"],
            exclude: ["Snapshots"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "EndToEndTests", dependencies: ["PipedriveEngine", "PipedriveSandbox", "JSONValue", "PDTUITestSupport"],
            swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
