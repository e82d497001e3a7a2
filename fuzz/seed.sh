#!/usr/bin/env bash
# Seeds the fuzz corpus (git-ignored) with the sample project lists, the real documents of other
# projects, GitHub's table examples and the quirk fixtures.
# Usage: fuzz/seed.sh [DIR]   (DIR defaults to ../shared beside the repository)
set -euo pipefail
cd "$(dirname "$0")"
shared="${1:-../../shared}"
mkdir -p corpus/roundtrip
for dir in "$shared/corpus" "$shared/wild" ../tests/fixtures ../tests/fixtures/github ../tests/fixtures/projects ../tests/gfm; do
  if [ -d "$dir" ]; then
    for f in "$dir"/*.md; do cp "$f" "corpus/roundtrip/$(basename "$dir")-$(basename "$f")"; done
  fi
done
cp ../assets/projects.md corpus/roundtrip/bundled-projects.md
echo "seeded $(ls corpus/roundtrip | wc -l) files into fuzz/corpus/roundtrip"
