import Testing

@testable import TradingCore

@Suite struct BarCSVParserTests {
  let parser = BarCSVParser()

  private func time(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0)
    -> Timestamp
  {
    CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).timestamp
  }

  @Test func readsPandasLayoutWithUnnamedDateColumn() throws {
    let bars = try parser.parse(",Open,High,Low,Close,Volume\n2004-08-19,100,104.06,95.96,100.34,22351900\n")
    #expect(
      bars == [
        Bar(
          timestamp: time(2004, 8, 19), open: 100, high: Fixed("104.06")!, low: Fixed("95.96")!,
          close: Fixed("100.34")!, volume: 22_351_900)
      ])
  }

  @Test func readsNamedDateColumnWithTimesOfDay() throws {
    let text = """
      Date,Open,High,Low,Close,Volume
      2017-04-19 09:00:00,1.0716,1.0722,1.07083,1.07219,1413
      2017-04-19T10:00:00,1.07214,1.07296,1.07214,1.0726,1241
      2017-04-19 11:30,1.0726,1.0727,1.0725,1.0726,0
      2017-04-19T11:30:00.25Z,1.0726,1.0727,1.0725,1.0726,0
      """
    let bars = try parser.parse(text)
    #expect(
      bars.map(\.timestamp) == [
        time(2017, 4, 19, 9), time(2017, 4, 19, 10), time(2017, 4, 19, 11, 30),
        time(2017, 4, 19, 11, 30).adding(nanoseconds: 250_000_000),
      ])
    #expect(bars[0].low == Fixed("1.07083")!)
  }

  @Test func readsUSDates() throws {
    let text =
      "date,open,high,low,close,volume\n8/9/2004,1,2,1,2,5\n12/31/2004 9:30,1,2,1,2,5\n1/2/2005 16:00:01,1,2,1,2,5"
    let bars = try parser.parse(text)
    #expect(bars.map(\.timestamp) == [time(2004, 8, 9), time(2004, 12, 31, 9, 30), time(2005, 1, 2, 16, 0, 1)])
  }

  @Test func findsColumnsByNameInAnyOrderAndCase() throws {
    let text = "VOLUME,close,Extra,LOW,high,Date,open\n7,10.5,x,10,11,2020-01-02,10.25\n"
    let bar = try #require(try parser.parse(text).first)
    #expect(bar.timestamp == time(2020, 1, 2))
    #expect([bar.open, bar.high, bar.low, bar.close, bar.volume] == [Fixed("10.25")!, 11, 10, Fixed("10.5")!, 7])
  }

  @Test func acceptsCRLFQuotesByteOrderMarkAndBlankLines() throws {
    let text =
      "\u{FEFF}\"Date\",\"Open\",High,Low,Close,Volume\r\n\r\n\"2020-01-02\", 1 ,2,1,2,3\r\n2020-01-03,1,2,1,2,3\r\n\r\n"
    let bars = try parser.parse(text)
    #expect(bars.map(\.timestamp) == [time(2020, 1, 2), time(2020, 1, 3)])
    #expect(try parser.parse(Array(text.utf8)) == bars)
  }

  @Test func missingVolumeColumnReadsAsZero() throws {
    let bars = try parser.parse("Date,Open,High,Low,Close\n2020-01-02,1,2,1,2\n")
    #expect(bars.first?.volume == .zero)
  }

  @Test func ignoresAdjustedCloseByDefault() throws {
    let text = "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,10,12,8,11,5.5,100\n"
    #expect(try parser.parse(text).first?.close == 11)
  }

  @Test func adjustedCloseScalesTheWholeBar() throws {
    let text = "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,10,12,8,11,5.5,100\n2020-01-03,3,3,3,3,1,1\n"
    let bars = try BarCSVParser(closeSource: .adjustedClose).parse(text)
    #expect([bars[0].open, bars[0].high, bars[0].low, bars[0].close] == [5, 6, 4, Fixed("5.5")!])
    #expect(bars[0].volume == 100)
    // 3 × 1 ÷ 3 is exact; rounding applies only where the product has more than eight digits.
    #expect(bars[1].open == 1)
    #expect(throws: BarCSVError.missingColumn(line: 1, name: "Adj Close")) {
      try BarCSVParser(closeSource: .adjustedClose).parse("Date,Open,High,Low,Close\n2020-01-02,1,2,1,2\n")
    }
  }

  @Test func roundsLongFractionsAndExponentsHalfToEven() throws {
    let cases: [(String, String)] = [
      ("1e-05", "0.00001"), ("2.5E+3", "2500"), ("1.123456785", "1.12345678"), ("1.123456775", "1.12345678"),
      ("1.1234567851", "1.12345679"), ("0.000000005", "0"), ("0.000000015", "0.00000002"),
      ("12345678901.234567895", "12345678901.2345679"), ("+.5", "0.5"), ("7.", "7"), ("0012.50", "12.5"),
    ]
    for (text, expected) in cases {
      let parsed = try DecimalTextTestSupport.parse(text)
      #expect(parsed == Fixed(expected)!, "\(text)")
    }
  }

  @Test func plainDecimalsReadExactlyAsFixedStringDoes() throws {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      let value = Fixed(raw: Int64.random(in: -9_000_000_000_000_000...9_000_000_000_000_000, using: &generator))
      #expect(try DecimalTextTestSupport.parse(value.description) == Fixed(value.description))
    }
  }

  @Test func rejectsTextThatIsNotANumber() {
    for text in ["1.2.3", "abc", "1e", "1e+", "--1", "1,5", "1e99999", "99999999999"] {
      #expect(throws: DecimalText.Failure.self, "\(text)") { try DecimalTextTestSupport.parse(text) }
    }
    #expect(throws: DecimalText.Failure.missing) { try DecimalTextTestSupport.parse("NaN") }
    #expect(throws: DecimalText.Failure.missing) { try DecimalTextTestSupport.parse("") }
  }
}

/// Runs `DecimalText` on a Swift string.
enum DecimalTextTestSupport {
  static func parse(_ text: String) throws(DecimalText.Failure) -> Fixed {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { (buffer) throws(DecimalText.Failure) -> Fixed in
      try DecimalText.parse(buffer, 0..<buffer.count)
    }
  }
}
