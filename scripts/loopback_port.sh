# Sourced by the scripts that start servers on loopback (test_servers.sh, bench_server.sh).

# A free loopback port below the ephemeral range (32768 and up here), so that no outgoing
# connection can take it while a server is restarted on it (Tests/TestServers/LoopbackPort.swift).
free_port() {
  python3 -c '
import random, socket
for _ in range(500):
    port = random.randrange(20000, 32768)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break
else:
    raise SystemExit("no free port in 20000-32767")'
}
