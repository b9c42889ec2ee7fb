"""Lists and calls every tool of an MCP broker server with the official Python client.

    .venv-mcp/bin/python scripts/mcp_interop.py http://127.0.0.1:9000/mcp [ORDER_ID_PREFIX]

Speaks Streamable HTTP with a session. Prints one JSON object on stdout: the server, the tools
with their input schemas, every call with its arguments and answer (`is_error`, structured
content, text), and the JSON-RPC errors. Judging the answers is left to the caller
(Tests/ServicesTests/MCP/PythonMCPInteropTests.swift). Exits 1 if no session could be opened.
"""

import asyncio
import json
import sys
import time

from mcp import ClientSession, MCPError
from mcp.client.streamable_http import streamable_http_client


def text_of(result):
    return "".join(getattr(item, "text", "") for item in result.content)


async def main(url, prefix):
    report = {"calls": [], "protocol_errors": []}
    async with streamable_http_client(url) as streams:
        read, write = streams[0], streams[1]
        async with ClientSession(read, write) as session:
            initialized = await session.initialize()
            report["server"] = {"name": initialized.server_info.name, "version": initialized.server_info.version}
            report["protocol_version"] = str(initialized.protocol_version)
            tools = await session.list_tools()
            report["tools"] = [{"name": tool.name, "input_schema": tool.input_schema} for tool in tools.tools]

            async def call(name, arguments):
                try:
                    result = await session.call_tool(name, arguments)
                except MCPError as error:
                    report["protocol_errors"].append(
                        {"tool": name, "arguments": arguments, "code": error.error.code, "message": error.error.message}
                    )
                    return None
                entry = {
                    "tool": name,
                    "arguments": arguments,
                    "is_error": bool(result.is_error),
                    "structured": result.structured_content,
                    "text": text_of(result),
                }
                report["calls"].append(entry)
                return entry

            market = {"client_order_id": f"{prefix}-1", "symbol": "AAPL", "side": "buy", "quantity": "3"}
            limit = {
                "client_order_id": f"{prefix}-2", "symbol": "MSFT", "side": "buy", "quantity": "1",
                "order_type": "limit", "limit_price": "0.01",
            }
            await call("get_quote", {"symbol": "AAPL"})
            await call("get_quote", {})
            await call("get_margins", {})
            await call("get_holdings", {})
            await call("get_positions", {})
            await call("place_order", market)
            await call("place_order", market)
            resting = await call("place_order", limit)
            await call("get_orders", {"status": "open"})
            await call("get_order_history", {"client_order_id": f"{prefix}-1"})
            await call("cancel_order", {"client_order_id": f"{prefix}-2"})
            broker_id = ((resting or {}).get("structured") or {}).get("order", {}).get("order_id", "missing")
            await call("get_order_history", {"order_id": broker_id})

            bad = {"client_order_id": f"{prefix}-bad", "symbol": "AAPL", "side": "buy"}
            await call("place_order", bad)
            await call("place_order", {**bad, "quantity": -5})
            await call("place_order", {**bad, "quantity": "abc"})
            await call("place_order", {**bad, "quantity": "1", "symbol": "NOPE"})
            await call("place_order", {**bad, "quantity": "1", "side": "hold"})
            await call("get_quote", {"symbol": 42})
            await call("cancel_order", {"client_order_id": "does-not-exist"})
            await call("get_orders", {"limit": 0})
            await call("no_such_tool", {})
    return report


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: mcp_interop.py URL [ORDER_ID_PREFIX]")
    target = sys.argv[1]
    order_prefix = sys.argv[2] if len(sys.argv) > 2 else f"interop-{int(time.time())}"
    try:
        outcome = asyncio.run(main(target, order_prefix))
    except Exception as error:  # the session could not be opened or broke: say why
        print(f"mcp_interop: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps(outcome))
