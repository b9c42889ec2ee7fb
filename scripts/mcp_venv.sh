#!/usr/bin/env bash
# Makes the virtual environment of the official Python MCP client (`mcp` from PyPI), in which
# scripts/mcp_interop.py checks that our MCP server works with it:
#
#   bash scripts/mcp_venv.sh          # → .venv-mcp (AITRADER_MCP_VENV to put it elsewhere)
#
# Needs Python 3.11 and PyPI; rebuilt only when the pins below change. `make test` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=pinned_venv.sh
source scripts/pinned_venv.sh

VENV=${AITRADER_MCP_VENV:-.venv-mcp}
# The client first, then what it pulls in, all pinned.
PINS=(
  mcp==2.3.0
  mcp-types==2.3.0
  annotated-types==0.8.0
  anyio==4.16.0
  attrs==26.1.0
  cffi==2.1.1
  click==8.5.1
  cryptography==50.0.2
  h11==0.16.0
  httpcore2==2.16.2
  httpx2==2.16.2
  idna==3.20
  jsonschema==4.26.0
  jsonschema-specifications==2025.9.1
  opentelemetry-api==1.45.2
  pycparser==3.12
  pydantic==2.14.4
  pydantic_core==2.50.5
  PyJWT==2.15.1
  python-multipart==0.0.34
  referencing==0.37.0
  rpds-py==2026.9.1
  sse-starlette==3.7.1
  starlette==1.10.0
  truststore==0.10.5
  typing-inspection==0.4.5
  typing_extensions==4.16.0
  uvicorn==0.55.0
)
pinned_venv "$VENV" "${PINS[@]}"
echo "mcp-venv: the official MCP client in $VENV"
