# shellcheck shell=bash
# The machinery shared by the blind sets' corpus scripts (bench/blind*/fetch-corpus.sh):
# argument handling, `apt-get download` of the pinned packages, `dpkg-deb -x`, gunzipping,
# pruning to the chosen documents, the hand-written news pages, the file-by-file check
# against the set's corpus.sha256, the refusal to touch a DEST holding foreign files, and
# --write-manifest. It is sourced, not run: each set's script keeps only what is its own
# (which packages, which paths, where the corpus goes), so that all frozen sets are built
# and checked by the same code and a fix here reaches every set at once.
#
# The sourcing script lives in the set's folder (next to its corpus.sha256, news/*.html and
# README.md, which are found from the script's own path), sets
#   PACKAGES      pinned packages, PKG=VERSION (Debian's archive, via apt-get)
#   GUNZIP        paths shipped gzipped; the plain file is written next to the .gz (may be
#                 empty; gzip is then not required)
#   KEEP          what is kept from the unpacked packages (paths relative to DEST, globs)
#   DROP          kept paths that are dropped again (globs matched against kept paths)
# and then calls
#   fetch_corpus CORPUS_NAME DEFAULT_DEST "$@"
# CORPUS_NAME is how the refusal names the corpus (e.g. "blind corpus B"); DEFAULT_DEST is
# DEST when the command line gives none.
#
# Every failure goes through die: message on stderr, exit status 1.

die() { echo "fetch-corpus: ERROR: $*" >&2; exit 1; }
log() { echo "fetch-corpus: $*" >&2; }

manifest_paths() { sed -E 's/^[0-9a-f]{64}  //' "$MANIFEST" | LC_ALL=C sort; }
# Links count as files here: a link planted in DEST is foreign, not silently ignored.
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

# Download the pinned packages into $STAGE/debs (apt-get update once, as root, if the
# archive lists are stale: a pin missing from a stale list is not yet a pin that has left).
fetch_corpus_apt_download() { (cd "$STAGE/debs" && apt-get download -q "${PACKAGES[@]}") >"$STAGE/download.log" 2>&1; }
fetch_corpus_download() {
  local n
  if ! fetch_corpus_apt_download; then
    if [ "$(id -u)" = 0 ]; then
      log "apt-get download failed; running apt-get update and retrying"
      apt-get update -q >"$STAGE/update.log" 2>&1 || { cat "$STAGE/update.log" >&2; die "apt-get update failed"; }
      fetch_corpus_apt_download || { cat "$STAGE/download.log" >&2; die "cannot download ${PACKAGES[*]} (a pinned version may have left the archive: see bench/${HERE##*/}/README.md)"; }
    else
      cat "$STAGE/download.log" >&2
      die "apt-get download failed; run 'apt-get update' as root (or run this script as root) and retry"
    fi
  fi
  n=$(find "$STAGE/debs" -name '*.deb' | wc -l)
  [ "$n" -eq "${#PACKAGES[@]}" ] || die "expected ${#PACKAGES[@]} .deb files, got $n"
}

# Write $KEEPLIST: the unpacked paths matching KEEP and no DROP pattern, sorted, once each.
fetch_corpus_keeplist() {
  (
    cd "$ROOT"
    shopt -s nullglob
    for pat in "${KEEP[@]}"; do
      # Unquoted on purpose: the pattern is a glob to expand (patterns hold no spaces).
      # shellcheck disable=SC2206
      matches=($pat)
      [ "${#matches[@]}" -gt 0 ] || { echo "pattern matched nothing: $pat" >&2; exit 1; }
      printf '%s\n' "${matches[@]}"
    done
  ) >"$KEEPLIST.all" || die "a keep pattern matched nothing (package layout changed?)"
  (
    shopt -s extglob
    while IFS= read -r rel; do
      dropped=0
      for pat in "${DROP[@]}"; do
        # Unquoted on purpose: DROP entries are globs.
        # shellcheck disable=SC2053
        [[ $rel == $pat ]] && { dropped=1; break; }
      done
      [ "$dropped" = 1 ] || printf '%s\n' "$rel"
    done <"$KEEPLIST.all"
  ) | LC_ALL=C sort -u >"$KEEPLIST"
}

fetch_corpus() {
  local tool foreign deb gz rel
  CORPUS_NAME=$1 DEFAULT_DEST=$2
  shift 2
  # The set's folder: where the calling script is (BASH_SOURCE[1] is the caller's file).
  HERE=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
  WRITE_MANIFEST=0
  if [ "${1:-}" = "--write-manifest" ]; then WRITE_MANIFEST=1; shift; fi
  MANIFEST="$HERE/corpus.sha256"
  NEWS_SRC="$HERE/news"
  DEST=${1:-$DEFAULT_DEST}
  DEST=${DEST%/}

  local tools=(apt-get dpkg-deb sha256sum)
  [ "${#GUNZIP[@]}" -eq 0 ] || tools+=(gzip)
  tools+=(find sort comm)
  for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || die "required tool '$tool' not found (Debian/Ubuntu host needed)"
  done
  [ "$WRITE_MANIFEST" = 1 ] || [ -f "$MANIFEST" ] || die "manifest $MANIFEST is missing"
  [ -d "$NEWS_SRC" ] || die "news pages directory $NEWS_SRC is missing"
  ls "$NEWS_SRC"/*.html >/dev/null 2>&1 || die "no news pages in $NEWS_SRC"

  # 1. Already there? Then only verify.
  if [ "$WRITE_MANIFEST" = 0 ] && [ -d "$DEST" ] && verify "$DEST" 2>/dev/null; then
    log "up to date: $DEST ($(manifest_paths | wc -l) files)"
    exit 0
  fi

  # Never delete a directory that holds anything but (part of) this corpus. Without a
  # manifest (a first --write-manifest) nothing is known to be ours, so any file is foreign.
  if [ -d "$DEST" ]; then
    if [ -f "$MANIFEST" ]; then
      foreign=$(LC_ALL=C comm -23 <(tree_paths "$DEST") <(manifest_paths))
    else
      foreign=$(tree_paths "$DEST" | head -1)
    fi
    [ -z "$foreign" ] || die "$DEST exists and holds files that are not part of $CORPUS_NAME (e.g. $(echo "$foreign" | head -1)); refusing to overwrite it. Remove it or pass another DEST."
  fi

  # Stage next to DEST, so that the final mv is a rename on the same file system.
  mkdir -p "$(dirname "$DEST")"
  STAGE=$(mktemp -d "$DEST.tmp.XXXXXX")
  trap 'rm -rf "$STAGE"' EXIT
  ROOT="$STAGE/root"
  mkdir -p "$STAGE/debs" "$ROOT"
  # apt's sandbox user must be able to write the download directory.
  chmod 755 "$STAGE"; chmod 777 "$STAGE/debs"

  # 2. Download the pinned packages.
  fetch_corpus_download

  # 3. Unpack, keeping the packages' paths.
  for deb in "$STAGE"/debs/*.deb; do
    dpkg-deb -x "$deb" "$ROOT" || die "dpkg-deb -x $deb failed"
  done

  for gz in "${GUNZIP[@]}"; do
    [ -f "$ROOT/$gz" ] || die "expected $gz in the unpacked packages"
    gzip -dc "$ROOT/$gz" >"$ROOT/${gz%.gz}" || die "cannot gunzip $gz"
  done

  # 4. Prune to the chosen documents. Only regular files are copied: a kept link would
  # make the corpus depend on what it points to.
  KEEPLIST="$STAGE/keep.txt"
  fetch_corpus_keeplist
  PRUNED="$STAGE/pruned"
  mkdir -p "$PRUNED"
  while IFS= read -r rel; do
    if [ ! -f "$ROOT/$rel" ] || [ -L "$ROOT/$rel" ]; then
      die "kept path is not a regular file: $rel"
    fi
    mkdir -p "$PRUNED/$(dirname "$rel")"
    cp -p "$ROOT/$rel" "$PRUNED/$rel"
  done <"$KEEPLIST"

  # 5. The hand-written news pages.
  mkdir -p "$PRUNED/news"
  cp -p "$NEWS_SRC"/*.html "$PRUNED/news/"

  # 6. Check against the manifest, then move into place: DEST is only replaced by a
  # corpus that has passed the check.
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
}
