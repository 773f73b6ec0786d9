import Hummingbird

/// The ceiling for server benchmarks: a bare Hummingbird app with one empty route, on the
/// same machine and build settings as `atelier serve`.
let port = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 9090
let router = Router()
router.post("/") { _, _ in Response(status: .ok) }
router.get("/") { _, _ in Response(status: .ok) }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
