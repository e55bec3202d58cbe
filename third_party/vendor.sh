#!/bin/sh
# vendor.sh makes a third_party/<lib> copy from upstream's module and a patch,
# so that the copy is never edited by hand: it is exactly the module's files
# named in <lib>/UPSTREAM, with <lib>/PATCH.diff applied.
#
#   third_party/vendor.sh third_party/phonenumbers          rewrite the copy
#   third_party/vendor.sh -check third_party/phonenumbers   fail if it differs
#
# <lib>/UPSTREAM holds three lines: "module <path>", "version <v>" and
# "files <paths and globs, relative to the module's root>". To change the
# patch: make the change in the copy, then
#   third_party/vendor.sh -diff third_party/<lib> > third_party/<lib>/PATCH.diff
# and run -check. The module comes from the Go module proxy through
# `go mod download` (git apply applies the patch, so only go and git are needed).
set -eu

mode=write
case "${1:-}" in
-check) mode=check; shift ;;
-diff) mode=diff; shift ;;
esac
dir=${1:?usage: vendor.sh [-check|-diff] third_party/<lib>}
dir=$(cd "$dir" && pwd)

module=$(sed -n 's/^module //p' "$dir/UPSTREAM")
version=$(sed -n 's/^version //p' "$dir/UPSTREAM")
files=$(sed -n 's/^files //p' "$dir/UPSTREAM")
src=$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "vendor.sh: no module directory for $module@$version" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/a"
(cd "$src" && cp -R $files "$tmp/a/")
chmod -R u+w "$tmp/a"

# Our own files in the copy, not upstream's.
ours='UPSTREAM PATCH.diff PATCHES.md'
excl=$(for f in $ours; do printf -- '-x %s ' "$f"; done)

if [ "$mode" = diff ]; then
	(cd "$tmp" && diff -ruN $excl a "$dir" |
		sed -e '/^diff /d' -e "s#^+++ $dir/#+++ b/#" -e 's#^\(---\|+++\) \([^	]*\)	.*#\1 \2#') || true
	exit 0
fi

(cd "$tmp/a" && git apply -p1 "$dir/PATCH.diff")

if [ "$mode" = check ]; then
	diff -r $excl "$tmp/a" "$dir" >&2 || {
		echo "vendor.sh: $dir is not $module@$version with $dir/PATCH.diff; run third_party/vendor.sh $dir" >&2
		exit 1
	}
	exit 0
fi

find "$dir" -mindepth 1 -maxdepth 1 $(for f in $ours; do printf '! -name %s ' "$f"; done) -exec rm -rf {} +
cp -R "$tmp/a/." "$dir/"
