import Foundation
import Testing

@testable import FastText

/// A model trained by the fastText Python package loads here and gives fastText's answers.
@Suite struct ParityTests {
    @Test func loadsTheDictionaryOfAFastTextModel() throws {
        let model = try Fixtures.tinyModel()
        let expected = try Fixtures.expected()
        #expect(model.dictionary.nwords == expected.nwords)
        #expect(model.dim == expected.dim)
        #expect((0..<expected.first_words.count).map { model.dictionary.word($0) } == expected.first_words)
        #expect(model.arguments.model == .skipgram)
        #expect(model.arguments.bucket == 2000)
        #expect(model.input.rows == expected.nwords + 2000)
    }

    @Test func hashesMatchFastTextIncludingTheSignedByteQuirk() throws {
        let expected = try Fixtures.expected()
        #expect(expected.hashes.count > 20)
        for (word, hash) in expected.hashes {
            #expect(WordDictionary.hash(word) == hash, "hash of \(word)")
        }
        // Textbook FNV-1a (unsigned bytes) would give a different value for non-ASCII text.
        var textbook: UInt32 = 2_166_136_261
        for byte in "é".utf8 { textbook = (textbook ^ UInt32(byte)) &* 16_777_619 }
        #expect(WordDictionary.hash("é") != textbook)
    }

    @Test func subwordsMatchFastTextForTrickyWords() throws {
        let model = try Fixtures.tinyModel()
        let expected = try Fixtures.expected()
        for word in expected.words {
            let subwords = model.dictionary.subwordsWithStrings(of: word.word)
            #expect(subwords.map(\.text) == word.subwords, "subword strings of \(word.word)")
            #expect(subwords.map(\.id) == word.ids, "subword ids of \(word.word)")
            #expect((model.dictionary.id(of: word.word) != nil) == word.in_vocabulary, "\(word.word) in vocabulary")
        }
    }

    @Test func wordVectorsMatchFastTextForInAndOutOfVocabularyWords() throws {
        let model = try Fixtures.tinyModel()
        let expected = try Fixtures.expected()
        #expect(expected.words.contains { !$0.in_vocabulary } && expected.words.contains { $0.in_vocabulary })
        for word in expected.words {
            let difference = maxAbsDifference(model.wordVector(word.word), word.vector)
            #expect(difference <= 1e-5, "vector of \(word.word): max abs difference \(difference)")
        }
        for (word, vector) in expected.vocabulary_vectors {
            #expect(maxAbsDifference(model.wordVector(word), vector) <= 1e-5, "vector of \(word)")
        }
    }

    @Test func nearestNeighborsAndAnalogiesMatchFastText() throws {
        let model = try Fixtures.tinyModel()
        let expected = try Fixtures.expected()
        let index = NeighborIndex(model: model)
        for (word, entries) in expected.neighbors {
            let want = Fixtures.pairs(entries)
            let got = index.neighbors(of: word, k: want.count)
            #expect(got.map(\.word) == want.map(\.0), "neighbours of \(word)")
            for (g, w) in zip(got, want) { #expect(abs(g.similarity - w.1) <= 1e-5, "similarity \(word)→\(g.word)") }
        }
        for analogy in expected.analogies {
            let want = Fixtures.pairs(analogy.result)
            let q = analogy.query
            let got = index.analogies(q[0], q[1], q[2], k: want.count)
            #expect(got.map(\.word) == want.map(\.0), "analogy \(q)")
            for (g, w) in zip(got, want) { #expect(abs(g.similarity - w.1) <= 1e-5, "analogy \(q) → \(g.word)") }
        }
    }
}
