# Sourced by the scripts: create .venv on first use and keep it in line with the lock file.
# Dependencies install from requirements/dev.lock (exact versions with hashes); the project itself is then
# installed in editable mode without dependencies. Regenerate the locks after changing pyproject.toml:
#   pip-compile --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
#     --output-file requirements/base.lock pyproject.toml   (and --extra dev for requirements/dev.lock)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml requirements/dev.lock | sha1sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet --require-hashes -r requirements/dev.lock
  .venv/bin/python -m pip install --quiet --no-deps -e .
  rm -f .venv/.installed-* && touch "$stamp"
fi
# The translations' compiled catalogs (.mo) are built here, not committed: Babel compiles them
# without gettext, whenever a .po is newer than its .mo (README: Translations).
for po in locale/*/LC_MESSAGES/*.po; do
  [ -e "$po" ] && [ ! "${po%.po}.mo" -nt "$po" ] || continue
  .venv/bin/pybabel -q compile --domain "$(basename "$po" .po)" --input-file "$po" --output-file "${po%.po}.mo"
done
