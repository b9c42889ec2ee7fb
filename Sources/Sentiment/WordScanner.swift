/// One pass of `BasicTokenizer` over UTF-8 text, handing each word to `sink` as it ends.
///
/// ASCII bytes take a table lookup each. Other scalars are cleaned up one by one and gathered
/// until the next ASCII character, space or ideograph, all of which are starters that canonical
/// ordering never moves marks across; the gathered run is then decomposed, put in canonical order,
/// stripped of marks and lower-cased. That gives what normalising the whole text at once gives.
struct WordScanner<Sink: WordSink> {
  let characters: BertCharacters
  let decomposition: CanonicalDecomposition
  var sink: Sink
  /// The word being built, in UTF-8, and its length in scalars.
  private var word: [UInt8] = []
  private var wordScalars = 0
  /// Non-ASCII scalars waiting to be normalised together, and the buffer that normalises them.
  private var pending: [UInt32] = []
  private var decomposed: [UInt32] = []
  /// Set once `sink` wants no more words.
  private(set) var stopped = false

  init(characters: BertCharacters, decomposition: CanonicalDecomposition, sink: Sink) {
    self.characters = characters
    self.decomposition = decomposition
    self.sink = sink
    word.reserveCapacity(64)
  }

  /// Scans `text`, which must be valid UTF-8 (as Swift strings are), and ends its last word.
  mutating func scan(_ text: UnsafeBufferPointer<UInt8>) {
    let ascii = characters.ascii
    var index = 0
    while index < text.count && !stopped {
      let byte = text[index]
      guard byte >= 0x80 else {
        index += 1
        let code = ascii[Int(byte)]
        if code == BertCharacters.ASCIICode.removed { continue }
        if !pending.isEmpty { normalisePending() }
        switch code {
        case BertCharacters.ASCIICode.space: endWord()
        case BertCharacters.ASCIICode.punctuation: appendAlone(byte: byte)
        default:
          word.append(code)
          wordScalars += 1
        }
        continue
      }
      let (scalar, length) = Self.decode(text, at: index)
      index += length
      take(scalar)
    }
    if !pending.isEmpty { normalisePending() }
    endWord()
  }

  /// Lets `body` give the sink something other than a word (a special token), between scans.
  mutating func feed(_ body: (inout Sink) -> Bool) {
    if !stopped { stopped = !body(&sink) }
  }

  /// Clean-up and CJK spacing of one non-ASCII scalar; the rest waits in `pending`.
  private mutating func take(_ scalar: UInt32) {
    if characters.removed.contains(scalar) { return }
    if characters.spaced.contains(scalar) {
      normalisePending()
      endWord()
    } else if characters.ideographs.contains(scalar) {
      normalisePending()
      endWord()
      pending.append(scalar)
      normalisePending()
      endWord()
    } else {
      pending.append(scalar)
    }
  }

  /// Decomposes, orders, strips and lower-cases `pending`, and splits the result into words.
  private mutating func normalisePending() {
    guard !pending.isEmpty else { return }
    decomposed.removeAll(keepingCapacity: true)
    for scalar in pending { decomposition.append(scalar, to: &decomposed) }
    pending.removeAll(keepingCapacity: true)
    CanonicalDecomposition.reorder(&decomposed)
    for scalar in decomposed where !characters.marks.contains(scalar) {
      guard scalar >= 0x80 else {
        emit(scalar)
        continue
      }
      let properties = Unicode.Scalar(scalar)!.properties
      if properties.changesWhenLowercased {
        for lower in properties.lowercaseMapping.unicodeScalars { emit(lower.value) }
      } else {
        emit(scalar)
      }
    }
  }

  /// Adds one normalised scalar: a separator ends the word, punctuation stands alone. (ASCII
  /// letters go through the table's lower-casing again, which leaves them as they are.)
  private mutating func emit(_ scalar: UInt32) {
    if scalar < 0x80 {
      let code = characters.ascii[Int(scalar)]
      switch code {
      case BertCharacters.ASCIICode.space, BertCharacters.ASCIICode.removed: endWord()
      case BertCharacters.ASCIICode.punctuation: appendAlone(byte: UInt8(scalar))
      default:
        word.append(code)
        wordScalars += 1
      }
    } else if characters.separators.contains(scalar) {
      endWord()
    } else if characters.punctuation.contains(scalar) {
      endWord()
      appendUTF8(scalar)
      wordScalars = 1
      endWord()
    } else {
      appendUTF8(scalar)
      wordScalars += 1
    }
  }

  private mutating func appendAlone(byte: UInt8) {
    endWord()
    word.append(byte)
    wordScalars = 1
    endWord()
  }

  private mutating func appendUTF8(_ scalar: UInt32) {
    switch scalar {
    case ..<0x800:
      word.append(UInt8(0xC0 | scalar >> 6))
      word.append(UInt8(0x80 | scalar & 0x3F))
    case ..<0x10000:
      word.append(UInt8(0xE0 | scalar >> 12))
      word.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      word.append(UInt8(0x80 | scalar & 0x3F))
    default:
      word.append(UInt8(0xF0 | scalar >> 18))
      word.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      word.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      word.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// Hands the word to the sink, unless it is empty or the sink has had enough.
  private mutating func endWord() {
    guard wordScalars > 0 else { return }
    if !stopped {
      let scalars = wordScalars
      stopped = !word.withUnsafeBufferPointer { sink.take(word: $0, scalarCount: scalars) }
    }
    word.removeAll(keepingCapacity: true)
    wordScalars = 0
  }

  /// The scalar starting at `index` of valid UTF-8, and its length in bytes.
  private static func decode(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
    let lead = UInt32(text[index])
    if lead < 0xE0 {
      return ((lead & 0x1F) << 6 | UInt32(text[index + 1]) & 0x3F, 2)
    }
    if lead < 0xF0 {
      return ((lead & 0x0F) << 12 | (UInt32(text[index + 1]) & 0x3F) << 6 | UInt32(text[index + 2]) & 0x3F, 3)
    }
    let high = (lead & 0x07) << 18 | (UInt32(text[index + 1]) & 0x3F) << 12
    return (high | (UInt32(text[index + 2]) & 0x3F) << 6 | UInt32(text[index + 3]) & 0x3F, 4)
  }
}
