// swift-tools-version: 6.0
import PackageDescription
#if canImport(Foundation)
import Foundation
#endif

/// Code generation flags for the kernel module.
///
/// The kernels are written with SIMD vectors held in locals; on baseline
/// x86-64 (SSE2) they run at a third of the speed they reach with AVX2+FMA.
/// We enable vector extensions only when the machine that builds la has them
/// (read from /proc/cpuinfo at manifest time), so `swift build -c release`
/// is fast here and still correct on older x86 and on non-x86 machines:
/// - AVX-512 (F, DQ, VL, BW) with AVX2+FMA: also defines `LA_AVX512`, which
///   switches the GEMM to 512-bit vectors and larger tiles (32 registers);
///   on Zen 4 that makes 64×64 and skinny (32×768 by 768×3072) products
///   6–30% faster, while memory-bound element-wise loops measured ~5% slower
///   (benchmarks/README.md).
/// - AVX2+FMA otherwise.
/// The binary then needs those extensions on the machine that runs it:
/// `LA_PORTABLE=1` turns the flags off for builds meant to run elsewhere.
/// Because these are `unsafeFlags`, embedding hosts depend on la by path or
/// branch, not by version (see docs/embedding.md).
func kernelSwiftSettings() -> [SwiftSetting] {
    #if arch(x86_64) && canImport(Foundation)
    if ProcessInfo.processInfo.environment["LA_PORTABLE"] == nil,
       let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) {
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        if ["avx512f", "avx512dq", "avx512vl", "avx512bw", "avx2", "fma"].allSatisfy(flags.contains) {
            return [.unsafeFlags(["-Xcc", "-mavx2", "-Xcc", "-mfma", "-Xcc", "-mavx512f", "-Xcc", "-mavx512dq",
                                  "-Xcc", "-mavx512vl", "-Xcc", "-mavx512bw"]),
                    .define("LA_AVX512")]
        }
        if flags.contains("avx2") && flags.contains("fma") {
            return [.unsafeFlags(["-Xcc", "-mavx2", "-Xcc", "-mfma"])]
        }
    }
    #endif
    return []
}

let package = Package(
    name: "la",
    products: [
        .executable(name: "la", targets: ["la"]),
        .library(name: "LA", targets: ["LA"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CGMP", pkgConfig: "gmp", providers: [.apt(["libgmp-dev"])]),
        .target(name: "LAKernels", dependencies: ["CGMP"], swiftSettings: kernelSwiftSettings()),
        .target(name: "LASyntax"),
        .target(name: "LACompiler", dependencies: ["LASyntax"]),
        .target(name: "LARuntime", dependencies: ["LACompiler", "LAKernels"]),
        .target(name: "LA", dependencies: ["LARuntime"]),
        .systemLibrary(name: "CEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .executableTarget(
            name: "la",
            dependencies: ["LA", "CEdit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "la-kernel-bench", dependencies: ["LAKernels"], path: "benchmarks/kernels",
                          swiftSettings: kernelSwiftSettings()),
        .executableTarget(name: "la-exact-bench", dependencies: ["LAKernels"], path: "benchmarks/exact"),
        .testTarget(name: "LAKernelsTests", dependencies: ["LAKernels"]),
        .testTarget(name: "LASyntaxTests", dependencies: ["LASyntax"]),
        .testTarget(name: "LACompilerTests", dependencies: ["LACompiler"]),
        .testTarget(name: "LARuntimeTests", dependencies: ["LARuntime"], exclude: ["Fixtures/printer_golden.py"]),
        .testTarget(name: "LATests", dependencies: ["LA", "la"]),
    ]
)
