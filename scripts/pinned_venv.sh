# Sourced by the scripts that need Python packages: `pinned_venv VENV PIN...` makes (or remakes,
# when the pins changed) a virtual environment at VENV with exactly the pinned wheels.
# Needs Python 3.11 (or $PYTHON) and PyPI.
pinned_venv() {
  local venv=$1
  shift
  local python=${PYTHON:-$(command -v python3.11 || command -v python3)}
  local stamp="$venv/.pins"
  if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$*" ]; then
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --only-binary=:all: "$@"
    echo "$*" >"$stamp"
  fi
}
