import Foundation
import Sentiment
import Testing

@testable import Sentiment

@Suite struct LexiconScorerTests {
  /// A hand-made lexicon, so every expected count below is worked out by hand.
  let scorer = LexiconScorer(
    lexicon: FinancialLexicon(positive: ["gain", "strong", "profitable"], negative: ["loss", "decline", "fraud"]))

  @Test func countsHitsAndTurnsThemIntoProbabilities() {
    // 3 positive, 1 negative: 3/5, 1/5 and 1/5.
    let text = "Strong quarter: a GAIN, a strong one, despite one loss."
    #expect(scorer.hits(in: text) == (3, 1))
    let scores = scorer.score(text)
    #expect(abs(scores.positive - 0.6) < 1e-12 && abs(scores.negative - 0.2) < 1e-12 && scores.label == .positive)
    // 2 positive, 1 negative: P, N, 1 over 4.
    let plain = scorer.score("strong gain after a loss")
    #expect(plain.positive == 2.0 / 4 && plain.negative == 1.0 / 4 && plain.neutral == 1.0 / 4)
    #expect(plain.label == .positive)
    #expect(plain.score == 0.25)
  }

  @Test func aTextWithoutHitsIsNeutral() {
    let scores = scorer.score("The board meets on Tuesday.")
    #expect(scores == SentimentScores(positive: 0, negative: 0, neutral: 1))
    #expect(scores.label == .neutral)
    #expect(scores.score == 0)
  }

  @Test(arguments: [
    ("not profitable", 0, 1), ("never a strong year", 0, 1), ("no real sign of a gain", 1, 0),
    ("isn't profitable", 0, 1), ("cannot show a gain", 0, 1), ("no fraud and no loss", 0, 2),
    ("profitable, not strong", 1, 1),
  ])
  func negationFlipsPositiveWordsWithinThreeWords(text: String, positive: Int, negative: Int) {
    // Only positive words are negated; "no real sign of a gain" is four words away.
    #expect(scorer.hits(in: text) == (positive, negative), "\(text)")
  }

  @Test func wordsAreAsciiLettersWithInnerApostrophes() {
    #expect(
      LexiconScorer.words(in: "Company's loss’s—doesn't 'quoted' café 3D") == [
        "COMPANY", "LOSS", "DOESN'T", "QUOTED", "CAF", "D",
      ])
    #expect(LexiconScorer.words(in: "") == [])
  }

  @Test func textBeyondTheLimitIsIgnored() {
    let limited = LexiconScorer(lexicon: scorer.lexicon, maximumBytes: 10)
    #expect(limited.hits(in: "gain gain loss loss") == (2, 0))
    #expect(limited.hits(in: "ééééé loss") == (0, 0))
  }

  @Test func scoresNormaliseAndNeverDivideByZero() {
    let zero = SentimentScores(positive: 0, negative: 0, neutral: 0)
    #expect(zero.neutral == 1 && zero.label == .neutral)
    let scores = SentimentScores(positive: 3, negative: 1, neutral: 0)
    #expect(scores.positive == 0.75 && scores.negative == 0.25 && scores.score == 0.5)
  }

  @Test func theLoughranMcDonaldDictionaryLoadsByHeader() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("LM.csv")
    try "Word,Sequence Number,Negative,Positive\nABLE,1,0,2009\nABANDON,2,2009,0\nTABLE,3,0,0\n"
      .write(to: file, atomically: true, encoding: .utf8)
    let lexicon = try FinancialLexicon(contentsOf: file.path)
    #expect(lexicon.positive == ["ABLE"])
    #expect(lexicon.negative == ["ABANDON"])
    #expect(throws: FinancialLexicon.LoadError.fileNotFound(path: folder.path + "/none.csv")) {
      try FinancialLexicon(contentsOf: folder.path + "/none.csv")
    }
    try "Word,Score\nABLE,1\n".write(to: file, atomically: true, encoding: .utf8)
    #expect(throws: FinancialLexicon.LoadError.self) { try FinancialLexicon(contentsOf: file.path) }
  }

  @Test(.enabled(if: TestVocabulary.shouldRun)) func theRealDictionaryScoresHeadlines() throws {
    let vendor =
      ProcessInfo.processInfo.environment["AITRADER_VENDOR_DIR"]
      ?? TestVocabulary.repositoryRoot.appendingPathComponent(".vendor").path
    let path = vendor + "/sentiment/LM.csv"
    guard FileManager.default.fileExists(atPath: path) else {
      Issue.record("\(path) is missing: run `bash scripts/setup.sh`")
      return
    }
    let real = LexiconScorer(lexicon: try FinancialLexicon(contentsOf: path))
    // Word membership read off the dictionary: GAIN, STRONG positive; LOSS, DECLINED, FRAUD negative.
    #expect(real.lexicon.positive.contains("GAIN") && real.lexicon.negative.contains("FRAUD"))
    #expect(real.score("Strong gain in revenue").label == .positive)
    #expect(real.score("Shares declined after the fraud and a loss").label == .negative)
    #expect(real.score("Revenue was not strong, not profitable").label == .negative)
    #expect(real.score("Revenue was not strong").score == -0.5)
  }
}
