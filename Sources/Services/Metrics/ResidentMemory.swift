#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's resident set size, from `/proc/self/statm` (Linux only).
enum ResidentMemory {
  /// Resident bytes, or nil where `/proc/self/statm` cannot be read.
  static func currentBytes() -> Int? {
    guard let text = readStatm() else { return nil }
    // statm: size resident shared text lib data dt, all in pages.
    let fields = text.split(separator: " ")
    guard fields.count > 1, let residentPages = Int(fields[1]) else { return nil }
    return residentPages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  private static func readStatm() -> String? {
    guard let file = fopen("/proc/self/statm", "r") else { return nil }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 256)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
