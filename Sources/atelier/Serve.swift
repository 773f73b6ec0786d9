import ArgumentParser

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Atelier server.")
    func run() async throws {
        print("not yet")
    }
}
