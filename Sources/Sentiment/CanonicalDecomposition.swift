/// Canonical decomposition (NFD) as Hugging Face `tokenizers` performs it before stripping accents.
///
/// Its normalisation data is Unicode 9.0: characters added later neither decompose (U+11938, new
/// in 13.0, stays whole) nor move when marks are put in canonical order (their combining class
/// counts as 0). Decompositions come from `BertCharacterTables.decompositions`; Hangul syllables
/// are computed; combining classes are Swift's, for scalars of Unicode 9.0 or older.
struct CanonicalDecomposition: Sendable {
  static let shared = CanonicalDecomposition(table: BertCharacterTables.decompositions)

  /// Where each decomposable scalar's parts lie in `parts`: `offset << 3 | count`.
  private let locations: [UInt32: UInt32]
  private let parts: [UInt32]

  /// `table`: `scalar:part part…` entries in hexadecimal, separated by `;`.
  init(table: String) {
    var locations: [UInt32: UInt32] = [:]
    var parts: [UInt32] = []
    for entry in table.split(separator: ";") {
      let halves = entry.split(separator: ":")
      guard halves.count == 2, let scalar = UInt32(halves[0], radix: 16) else {
        preconditionFailure("malformed decomposition entry \(entry)")
      }
      let entryParts = halves[1].split(separator: " ").compactMap { UInt32($0, radix: 16) }
      precondition((1...7).contains(entryParts.count), "malformed decomposition entry \(entry)")
      locations[scalar] = UInt32(parts.count) << 3 | UInt32(entryParts.count)
      parts += entryParts
    }
    self.locations = locations
    self.parts = parts
  }

  /// Appends the canonical decomposition of `scalar` to `output`.
  func append(_ scalar: UInt32, to output: inout [UInt32]) {
    if scalar >= Self.hangulFirst && scalar <= Self.hangulLast {
      appendHangul(scalar, to: &output)
    } else if let location = locations[scalar] {
      let offset = Int(location >> 3)
      output += parts[offset..<offset + Int(location & 7)]
    } else {
      output.append(scalar)
    }
  }

  /// Puts each run of combining marks in `scalars` in canonical order: a stable sort by combining
  /// class, starters (class 0) staying where they are (Unicode 15.0, section 3.11, D109).
  static func reorder(_ scalars: inout [UInt32]) {
    // Insertion sort without a buffer: `previous` is the highest class of the run so far.
    var previous: UInt8 = 0
    for index in scalars.indices {
      let current = combiningClass(scalars[index])
      guard current != 0 && previous > current else {
        previous = current
        continue
      }
      var position = index
      while position > 0 && combiningClass(scalars[position - 1]) > current {
        scalars.swapAt(position - 1, position)
        position -= 1
      }
    }
  }

  /// The combining class `tokenizers` gives `scalar`: Swift's for Unicode 9.0 and older, else 0.
  static func combiningClass(_ scalar: UInt32) -> UInt8 {
    guard scalar >= 0x300, let properties = Unicode.Scalar(scalar)?.properties,
      let age = properties.age, age.major < 9 || (age.major == 9 && age.minor == 0)
    else { return 0 }
    return properties.canonicalCombiningClass.rawValue
  }

  // Hangul syllable decomposition (Unicode 15.0, section 3.12).
  private static let hangulFirst: UInt32 = 0xAC00
  private static let hangulLast: UInt32 = 0xD7A3

  private func appendHangul(_ scalar: UInt32, to output: inout [UInt32]) {
    let index = scalar - Self.hangulFirst
    output.append(0x1100 + index / 588)
    output.append(0x1161 + (index % 588) / 28)
    if index % 28 != 0 { output.append(0x11A7 + index % 28) }
  }
}
