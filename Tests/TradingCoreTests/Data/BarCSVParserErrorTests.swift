import Testing

@testable import TradingCore

@Suite struct BarCSVParserErrorTests {
  let parser = BarCSVParser()
  let header = "Date,Open,High,Low,Close,Volume\n"

  private func error(_ text: String) -> BarCSVError? {
    do {
      _ = try parser.parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test func emptyTextAndHeaderWithoutRows() {
    #expect(error("") == .emptyInput)
    #expect(error("\n  \r\n") == .emptyInput)
    #expect(error("\n" + header + "\n") == .noRows(line: 2))
  }

  @Test func missingRequiredColumn() {
    #expect(error("Date,Open,High,Close\n2020-01-02,1,2,1\n") == .missingColumn(line: 1, name: "Low"))
    #expect(error("Open,High,Low,Close\n1,2,1,2\n") == .missingColumn(line: 1, name: "Date"))
  }

  @Test func wrongNumberOfFields() {
    #expect(error(header + "2020-01-02,1,2,1,2\n") == .fieldCount(line: 2, expected: 6, found: 5))
    #expect(error(header + "2020-01-02,1,2,1,2,3,4\n") == .fieldCount(line: 2, expected: 6, found: 7))
  }

  @Test func missingAndNonNumericValues() {
    #expect(error(header + "2020-01-02,1,2,1,NaN,3\n") == .missingValue(line: 2, column: "Close"))
    #expect(error(header + "2020-01-02,,2,1,2,3\n") == .missingValue(line: 2, column: "Open"))
    #expect(error(header + "2020-01-02,1,2x,1,2,3\n") == .nonNumeric(line: 2, column: "High", text: "2x"))
    #expect(error(header + "2020-01-02,1,2,1,2,1e999\n") == .nonNumeric(line: 2, column: "Volume", text: "1e999"))
  }

  @Test func unparseableDates() {
    for date in ["2020-02-30", "2020/01/02", "20200102", "2020-01-02 25:00", "13/1/2020", "2020-01-02 10:00 PM", ""] {
      #expect(error(header + "\(date),1,2,1,2,3\n") == .unparseableDate(line: 2, text: date), "\(date)")
    }
  }

  @Test func nonPositivePrices() {
    #expect(error(header + "2020-01-02,0,2,0,2,3\n") == .nonPositivePrice(line: 2, column: "Open", value: 0))
    #expect(error(header + "2020-01-02,1,2,-1,2,3\n") == .nonPositivePrice(line: 2, column: "Low", value: -1))
  }

  @Test func highBelowLowNamesTheLineAndBothPrices() {
    let text = header + "2020-01-02,10,11,9,10,3\n2020-01-03,10,9.5,10.1,10,3\n"
    let failure = error(text)
    #expect(failure == .highBelowLow(line: 3, high: Fixed("9.5")!, low: Fixed("10.1")!))
    #expect(failure?.description == "line 3: High (9.5) is below Low (10.1)")
  }

  @Test func openOrCloseOutsideTheRange() {
    #expect(
      error(header + "2020-01-02,12,11,9,10,3\n")
        == .outsideHighLow(line: 2, column: "Open", value: 12, low: 9, high: 11))
    #expect(
      error(header + "2020-01-02,10,11,9,8.5,3\n")
        == .outsideHighLow(line: 2, column: "Close", value: Fixed("8.5")!, low: 9, high: 11))
  }

  @Test func negativeVolume() {
    #expect(error(header + "2020-01-02,1,2,1,2,-3\n") == .negativeVolume(line: 2, value: -3))
  }

  @Test func timestampsMustStrictlyIncrease() {
    let day2 = CivilDateTime(year: 2020, month: 1, day: 2).timestamp
    let day3 = CivilDateTime(year: 2020, month: 1, day: 3).timestamp
    let duplicate = header + "2020-01-02,1,2,1,2,3\n\n2020-01-02,1,2,1,2,3\n"
    #expect(error(duplicate) == .timestampNotIncreasing(line: 4, timestamp: day2, previous: day2))
    let backwards = header + "2020-01-03,1,2,1,2,3\n2020-01-02,1,2,1,2,3\n"
    #expect(error(backwards) == .timestampNotIncreasing(line: 3, timestamp: day2, previous: day3))
  }

  @Test func lineNumbersCountBlankAndCRLFLines() {
    let text = "Date,Open,High,Low,Close,Volume\r\n\r\n2020-01-02,1,2,1,2,3\r\n\r\n\r\n2020-01-03,1,2,1,x,3\r\n"
    #expect(error(text)?.line == 6)
  }
}
