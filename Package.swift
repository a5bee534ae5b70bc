// swift-tools-version:6.0
import PackageDescription

// One target per pipeline stage; data flows one way (see docs/ARCHITECTURE.md):
// CaseModel <- CaseImport <- Rules <- Report <- valvonta (the thin CLI).
// The hot import and rule targets skip the runtime exclusivity checks in release
// builds (debug builds and the tests keep them): measured, they cost a twentieth
// of an import. The code does not rely on them; the compile-time checks stay.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "valvonta",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "valvonta", targets: ["valvonta"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "CaseModel", swiftSettings: fast),
        // The one strict reader of every YAML file the tool reads (docs/security.md, "YAML files").
        .target(name: "StrictYAML", dependencies: ["CaseModel"]),
        .target(name: "FinnishCalendar", dependencies: ["CaseModel"], swiftSettings: fast),
        .target(
            name: "CaseImport",
            dependencies: [
                "CaseModel", "CLibXML2", "StrictYAML",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: fast
        ),
        .target(name: "Rules", dependencies: ["CaseModel", "FinnishCalendar", "StrictYAML"], swiftSettings: fast),
        .target(
            name: "Report",
            dependencies: [
                "CaseModel", "Rules", "StrictYAML", "CLibXML2",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // The disclosure check (Disclosure.swift) searches: optimised in debug builds too, so
            // that the tests that attack many rendered reports run in seconds, not minutes.
            swiftSettings: [.unsafeFlags(["-O"])]
        ),
        .target(name: "SampleGenerator", dependencies: ["CaseModel", "FinnishCalendar", "ZIPFoundation"]),
        // The store of evaluations (docs/history.md): SQLite through GRDB, or PostgreSQL.
        .target(
            name: "History",
            dependencies: [
                "CaseModel", "Rules", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .executableTarget(
            name: "valvonta",
            dependencies: [
                "CaseModel", "CaseImport", "Rules", "Report", "SampleGenerator", "History",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc (Debian libjemalloc-dev) replaces glibc's malloc for the whole process,
            // libxml2's validator included: its thread caches keep the many small blocks
            // libxml2 allocates and frees per element. Measured on 500 000 cases: check
            // 3.8-4.0 s -> 3.6 s, peak memory 367 -> 347 MB (docs/ARCHITECTURE.md, "Allocator").
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        // Fuzz harness for the importers and the YAML reader (Yams: the reference its trees are compared
        // with); a plain build is a replay tool, fuzz/run.sh builds the fuzzer.
        .executableTarget(
            name: "ImportFuzz", dependencies: ["CaseImport", "CaseModel", "StrictYAML", "Rules", "Report", "Yams"]),
        .testTarget(name: "CaseModelTests", dependencies: ["CaseModel"]),
        // Yams here only as the reference the strict reader's results are compared with.
        .testTarget(name: "StrictYAMLTests", dependencies: ["StrictYAML", "CaseModel", "Yams"]),
        .testTarget(name: "FinnishCalendarTests", dependencies: ["FinnishCalendar"]),
        .testTarget(
            name: "CaseImportTests",
            dependencies: ["CaseImport", "CaseModel", "SampleGenerator", "ZIPFoundation"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "CaseImport", "CaseModel"]),
        .testTarget(
            name: "ReportTests", dependencies: ["Report", "Rules", "CaseImport", "CaseModel", "SampleGenerator"],
            exclude: ["Golden"]  // golden files are read through #filePath
        ),
        .testTarget(name: "HistoryTests", dependencies: ["History", "Rules", "CaseImport", "CaseModel", "SampleGenerator"]),
        // Opens the DOCX the way a reader does: the zip, its parts parsed by libxml2, the figures in them.
        .testTarget(
            name: "DocxTests",
            dependencies: ["Report", "Rules", "CaseImport", "CaseModel", "CLibXML2", "ZIPFoundation"]),
        // Runs the built valvonta binary on broken and hostile exports (depends on it so it is built first).
        .testTarget(name: "CLITests", dependencies: ["valvonta", "History", "ZIPFoundation"], exclude: ["Fixtures"]),
    ]
)
