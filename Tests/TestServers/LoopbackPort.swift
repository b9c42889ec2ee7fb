import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Loopback TCP ports for the servers tests start, stop and start again on the same port.
///
/// A port the kernel picks for a socket bound to port 0 comes from the ephemeral range
/// (`/proc/sys/net/ipv4/ip_local_port_range`, 32768–60999 here), the same range every outgoing
/// connection of the busy test suite takes its local port from: once the server stops, one of
/// those connections may take its port, and the restart fails with "Address already in use". So
/// the ports come from below that range, chosen at random and checked free by binding.
public enum LoopbackPort {
  /// Where the ports come from: above the well-known ports, below the ephemeral range.
  public static let range = 20_000..<32_768

  /// A port nothing was bound to when asked.
  public static func free() throws -> Int {
    for _ in 0..<500 {
      let port = Int.random(in: range)
      if isFree(port) { return port }
    }
    throw POSIXError(.EADDRINUSE)
  }

  /// Whether a socket can be bound to 127.0.0.1:`port` now.
  public static func isFree(_ port: Int) -> Bool {
    let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketFD >= 0 else { return false }
    defer { close(socketFD) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }
}
