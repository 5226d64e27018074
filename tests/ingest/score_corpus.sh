#!/usr/bin/env bash
# Prints extraction scores on ../shared/corpus/{dev,constructions}; skips (77) when the corpus is absent.
# Usage: score_corpus.sh PATH/TO/parley SOURCE_DIR
set -u
parley=$1
source_dir=$2
shared=$(cd "$source_dir/.." && pwd)/shared
scorer=$shared/tools/score-extraction
if [[ ! -x $scorer || ! -d $shared/corpus ]]; then
  echo "SKIP: $shared/corpus or its scorer is absent"
  exit 77
fi
status=0
for set in dev constructions; do
  [[ -d $shared/corpus/$set ]] || continue
  echo "== $set"
  "$scorer" "$shared/corpus/$set" --cmd "$parley extract --dictionaries $source_dir/dictionaries {}" || status=1
done
exit $status
