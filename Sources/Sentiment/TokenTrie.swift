/// Vocabulary tokens in a prefix tree over their UTF-8 bytes, so that WordPiece finds the longest
/// token starting at a position in one walk, without building a candidate string per length.
///
/// Nodes are numbered from 0 (the root); the children of a node lie together in `edgeBytes` /
/// `edgeTargets`, sorted by byte. The root's children are also in a 256-entry table.
struct TokenTrie: Sendable {
  private let rootChildren: [Int32]
  private let firstEdge: [Int32]
  private let edgeBytes: [UInt8]
  private let edgeTargets: [Int32]
  private let tokenIDs: [Int32]

  /// A trie of `entries`; when two entries have the same bytes, the later one's id wins.
  init(_ entries: [(bytes: [UInt8], id: Int32)]) {
    var children: [[(byte: UInt8, node: Int32)]] = [[]]
    var tokenIDs: [Int32] = [-1]
    for entry in entries where !entry.bytes.isEmpty {
      var node = 0
      for byte in entry.bytes {
        if let next = children[node].first(where: { $0.byte == byte }) {
          node = Int(next.node)
        } else {
          children[node].append((byte, Int32(children.count)))
          children.append([])
          tokenIDs.append(-1)
          node = children.count - 1
        }
      }
      tokenIDs[node] = entry.id
    }
    var rootChildren = [Int32](repeating: -1, count: 256)
    for child in children[0] { rootChildren[Int(child.byte)] = child.node }
    var firstEdge: [Int32] = []
    var edgeBytes: [UInt8] = []
    var edgeTargets: [Int32] = []
    firstEdge.reserveCapacity(children.count + 1)
    for nodeChildren in children {
      firstEdge.append(Int32(edgeBytes.count))
      for child in nodeChildren.sorted(by: { $0.byte < $1.byte }) {
        edgeBytes.append(child.byte)
        edgeTargets.append(child.node)
      }
    }
    firstEdge.append(Int32(edgeBytes.count))
    self.rootChildren = rootChildren
    self.firstEdge = firstEdge
    self.edgeBytes = edgeBytes
    self.edgeTargets = edgeTargets
    self.tokenIDs = tokenIDs
  }

  /// The longest token that `text[start...]` begins with: its id and where it ends.
  func longestMatch(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> (id: Int32, end: Int)? {
    var node = rootChildren[Int(text[start])]
    var position = start + 1
    var match: (id: Int32, end: Int)?
    while node >= 0 {
      let id = tokenIDs[Int(node)]
      if id >= 0 { match = (id, position) }
      guard position < text.count else { break }
      node = child(of: node, byte: text[position])
      position += 1
    }
    return match
  }

  private func child(of node: Int32, byte: UInt8) -> Int32 {
    var edge = Int(firstEdge[Int(node)])
    let end = Int(firstEdge[Int(node) + 1])
    while edge < end {
      let edgeByte = edgeBytes[edge]
      if edgeByte == byte { return edgeTargets[edge] }
      if edgeByte > byte { return -1 }
      edge += 1
    }
    return -1
  }
}
