#!/usr/bin/env bash
# Build the document corpus of blind evaluation set D (bench/blind-d/set-d.yaml).
#
#   bench/blind-d/fetch-corpus.sh [DEST]
#   bench/blind-d/fetch-corpus.sh --write-manifest [DEST]   (maintainers only: rewrites
#       corpus.sha256 from a fresh build; doing so changes the frozen set, see README.md)
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-d.
# Only Debian's package archive is needed: the pinned packages below are fetched with
# `apt-get download PKG=VERSION`, unpacked with `dpkg-deb -x` (package paths are kept, e.g.
# DEST/usr/share/doc/lmod/html/010_user.html), pruned to the chosen documents, and the
# hand-written pages in bench/blind-d/news/ are copied to DEST/news/. The result is checked
# file by file against bench/blind-d/corpus.sha256, so DEST holds exactly the corpus the
# questions were written against, and nothing else.
#
# Idempotent: when DEST already matches the manifest the script only verifies and exits.
# It fails loudly (non-zero exit, message on stderr) on any problem; in particular when a
# pinned version is no longer offered by the archive, when a checksum differs, or when
# DEST holds files that are not part of this corpus (it then refuses to touch DEST).
set -euo pipefail

WRITE_MANIFEST=0
if [ "${1:-}" = "--write-manifest" ]; then WRITE_MANIFEST=1; shift; fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MANIFEST="$HERE/corpus.sha256"
NEWS_SRC="$HERE/news"
DEST=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/hpcbot/blind-corpus-d}
DEST=${DEST%/}

# Pinned packages (Debian 12 "bookworm", main). None of them is used by set A, B or C.
PACKAGES=(
  "gromacs-data=2022.5-2"
  "lmod-doc=8.6.19-1"
  "python-h5py-doc=3.7.0-8"
  "mrmpi-doc=1.0~20140404-3"
)

# What is kept from the unpacked packages (paths relative to DEST, shell globs).
G=usr/share/doc/gromacs/html
KEEP=(
  "$G/index.html"
  "$G/user-guide/*.html"
  "$G/install-guide/index.html"
  "$G/how-to/*.html"
  "$G/onlinehelp/gmx.html"
  "$G/onlinehelp/gmx-mdrun.html"
  "$G/onlinehelp/gmx-grompp.html"
  "$G/onlinehelp/gmx-tune_pme.html"
  "$G/onlinehelp/gmx-nonbonded-benchmark.html"
  "$G/onlinehelp/gmx-convert-tpr.html"
  "$G/onlinehelp/gmx-energy.html"
  "$G/onlinehelp/gmx-trjconv.html"
  "usr/share/doc/lmod/html/*.html"
  "usr/share/doc/python-h5py-doc/html/*.html"
  "usr/share/doc/python-h5py-doc/html/high/*.html"
  "usr/share/doc/mrmpi-doc/Manual.pdf"
)
# Kept paths that are dropped again (shell globs): Sphinx's search and index pages, which
# are not documentation prose.
DROP=(
  "usr/share/doc/lmod/html/search.html"
  "usr/share/doc/lmod/html/genindex.html"
  "usr/share/doc/python-h5py-doc/html/search.html"
  "usr/share/doc/python-h5py-doc/html/genindex.html"
)

die() { echo "fetch-corpus: ERROR: $*" >&2; exit 1; }
log() { echo "fetch-corpus: $*" >&2; }

for tool in apt-get dpkg-deb sha256sum find sort comm; do
  command -v "$tool" >/dev/null 2>&1 || die "required tool '$tool' not found (Debian/Ubuntu host needed)"
done
[ "$WRITE_MANIFEST" = 1 ] || [ -f "$MANIFEST" ] || die "manifest $MANIFEST is missing"
[ -d "$NEWS_SRC" ] || die "news pages directory $NEWS_SRC is missing"
ls "$NEWS_SRC"/*.html >/dev/null 2>&1 || die "no news pages in $NEWS_SRC"

manifest_paths() { sed -E 's/^[0-9a-f]{64}  //' "$MANIFEST" | LC_ALL=C sort; }
tree_paths() { (cd "$1" && find . \( -type f -o -type l \) | sed 's|^\./||' | LC_ALL=C sort); }

# verify DIR: exactly the manifest's files, with the manifest's checksums.
verify() {
  local dir=$1 extra missing
  extra=$(LC_ALL=C comm -23 <(tree_paths "$dir") <(manifest_paths))
  missing=$(LC_ALL=C comm -13 <(tree_paths "$dir") <(manifest_paths))
  if [ -n "$extra" ]; then
    echo "files not in the manifest:" >&2; echo "$extra" | head -20 >&2; return 1
  fi
  if [ -n "$missing" ]; then
    echo "files missing:" >&2; echo "$missing" | head -20 >&2; return 1
  fi
  (cd "$dir" && sha256sum --quiet --strict -c "$MANIFEST") >&2 || return 1
}

# 1. Already there? Then only verify.
if [ "$WRITE_MANIFEST" = 0 ] && [ -d "$DEST" ] && verify "$DEST" 2>/dev/null; then
  log "up to date: $DEST ($(manifest_paths | wc -l) files)"
  exit 0
fi

# Never delete a directory that holds anything but (part of) this corpus.
if [ -d "$DEST" ]; then
  if [ -f "$MANIFEST" ]; then
    foreign=$(LC_ALL=C comm -23 <(tree_paths "$DEST") <(manifest_paths))
  else
    foreign=$(tree_paths "$DEST" | head -1)
  fi
  [ -z "$foreign" ] || die "$DEST exists and holds files that are not part of blind corpus D (e.g. $(echo "$foreign" | head -1)); refusing to overwrite it. Remove it or pass another DEST."
fi

mkdir -p "$(dirname "$DEST")"
STAGE=$(mktemp -d "$DEST.tmp.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
ROOT="$STAGE/root"
mkdir -p "$STAGE/debs" "$ROOT"
# apt's sandbox user must be able to write the download directory.
chmod 755 "$STAGE"; chmod 777 "$STAGE/debs"

# 2. Download the pinned packages (apt-get update once if the archive lists are stale).
download() { (cd "$STAGE/debs" && apt-get download -q "${PACKAGES[@]}") >"$STAGE/download.log" 2>&1; }
if ! download; then
  if [ "$(id -u)" = 0 ]; then
    log "apt-get download failed; running apt-get update and retrying"
    apt-get update -q >"$STAGE/update.log" 2>&1 || { cat "$STAGE/update.log" >&2; die "apt-get update failed"; }
    download || { cat "$STAGE/download.log" >&2; die "cannot download ${PACKAGES[*]} (a pinned version may have left the archive: see bench/blind-d/README.md)"; }
  else
    cat "$STAGE/download.log" >&2
    die "apt-get download failed; run 'apt-get update' as root (or run this script as root) and retry"
  fi
fi
n=$(find "$STAGE/debs" -name '*.deb' | wc -l)
[ "$n" -eq "${#PACKAGES[@]}" ] || die "expected ${#PACKAGES[@]} .deb files, got $n"

# 3. Unpack, keeping the packages' paths.
for deb in "$STAGE"/debs/*.deb; do
  dpkg-deb -x "$deb" "$ROOT" || die "dpkg-deb -x $deb failed"
done

# 4. Prune to the chosen documents.
KEEPLIST="$STAGE/keep.txt"
(
  cd "$ROOT"
  shopt -s nullglob
  for pat in "${KEEP[@]}"; do
    matches=($pat)
    [ "${#matches[@]}" -gt 0 ] || { echo "pattern matched nothing: $pat" >&2; exit 1; }
    printf '%s\n' "${matches[@]}"
  done
) >"$KEEPLIST.all" || die "a keep pattern matched nothing (package layout changed?)"
(
  shopt -s extglob
  while IFS= read -r rel; do
    drop=0
    for pat in "${DROP[@]}"; do
      # shellcheck disable=SC2053
      [[ $rel == $pat ]] && { drop=1; break; }
    done
    [ "$drop" = 1 ] || printf '%s\n' "$rel"
  done <"$KEEPLIST.all"
) | LC_ALL=C sort -u >"$KEEPLIST"
PRUNED="$STAGE/pruned"
mkdir -p "$PRUNED"
while IFS= read -r rel; do
  [ -f "$ROOT/$rel" ] && [ ! -L "$ROOT/$rel" ] || die "kept path is not a regular file: $rel"
  mkdir -p "$PRUNED/$(dirname "$rel")"
  cp -p "$ROOT/$rel" "$PRUNED/$rel"
done <"$KEEPLIST"

# 5. The hand-written news pages.
mkdir -p "$PRUNED/news"
cp -p "$NEWS_SRC"/*.html "$PRUNED/news/"

# 6. Check against the manifest, then move into place.
if [ "$WRITE_MANIFEST" = 1 ]; then
  (cd "$PRUNED" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | while IFS= read -r f; do sha256sum "$f"; done) >"$MANIFEST"
  log "wrote $MANIFEST ($(wc -l <"$MANIFEST") files)"
fi
verify "$PRUNED" || die "the built corpus does not match $MANIFEST (see above); not installing it"
if [ -d "$DEST" ]; then
  rm -rf "$DEST"
fi
mv "$PRUNED" "$DEST"
log "done: $DEST ($(manifest_paths | wc -l) files)"
