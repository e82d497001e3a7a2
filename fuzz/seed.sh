#!/usr/bin/env bash
# Seeds the fuzz corpus (git-ignored) with the sample project lists and the bundled one.
# Usage: fuzz/seed.sh [DIR]   (DIR defaults to ../shared/corpus beside the repository)
set -euo pipefail
cd "$(dirname "$0")"
src="${1:-../../shared/corpus}"
mkdir -p corpus/roundtrip
cp "$src"/*.md corpus/roundtrip/
cp ../assets/projects.md corpus/roundtrip/bundled-projects.md
echo "seeded $(ls corpus/roundtrip | wc -l) files into fuzz/corpus/roundtrip"
