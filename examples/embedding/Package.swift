// swift-tools-version: 6.0
import PackageDescription

// A host program that embeds la. It depends on la by path because la's
// kernel target uses `unsafeFlags` (see docs/embedding.md); a host in another
// repository would use `.package(url: "…/la.git", branch: "main")` instead.
let package = Package(
    name: "formula-eval",
    dependencies: [
        .package(name: "la", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "formula-eval",
            dependencies: [.product(name: "LA", package: "la")]
        ),
    ]
)
