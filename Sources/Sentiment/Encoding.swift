/// One text as a BERT model takes it: `[CLS]`, the text's tokens, `[SEP]`, then any padding.
///
/// The three arrays have the same length; they are the model's `input_ids`, `attention_mask` and
/// `token_type_ids` inputs.
public struct Encoding: Sendable, Hashable {
  /// Token ids, `[PAD]` after the `[SEP]` when padded.
  public var inputIDs: [Int64]
  /// 1 for a token, 0 for padding.
  public var attentionMask: [Int64]
  /// The segment of each position: all 0, a single sequence being one segment.
  public var tokenTypeIDs: [Int64]

  /// The length, padding included.
  public var count: Int { inputIDs.count }

  /// How many positions are tokens rather than padding.
  public var tokenCount: Int { attentionMask.lastIndex(of: 1).map { $0 + 1 } ?? 0 }

  /// Pads with `paddingID` (mask 0, type 0) up to `length`; a longer encoding stays as it is.
  mutating func pad(to length: Int, with paddingID: Int64) {
    let missing = length - inputIDs.count
    guard missing > 0 else { return }
    inputIDs += repeatElement(paddingID, count: missing)
    attentionMask += repeatElement(0, count: missing)
    tokenTypeIDs += repeatElement(0, count: missing)
  }
}
