import ArgumentParser

/// `atelier embeddings …`: fastText-compatible subword embeddings (see the FastText target).
struct Embeddings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train and query fastText-compatible subword embeddings.",
        subcommands: [EmbeddingsTrain.self, EmbeddingsVector.self, EmbeddingsNeighbors.self, EmbeddingsAnalogies.self]
    )
}
