#!/usr/bin/env bash
# Builds the root filesystem of a Bulwark container image without a Docker engine or a registry:
# a Java runtime made by jlink from the JDK running the build, the C libraries it links against
# (copied from the build host, with their Debian copyright files), and a passwd/group naming the
# image's non-root user. Jib puts the result under the application's layers on a `scratch` base.
#
#   build-rootfs.sh <output-dir> <comma-separated modules>
#
# JAVA_HOME names the JDK whose jlink and jmods are used (Maven passes its own).
set -euo pipefail

out=${1:?output directory}
modules=${2:?comma-separated Java modules}
jdk=${JAVA_HOME:?JAVA_HOME must name a JDK}
uid=10001

[[ $(uname -s) == Linux ]] || { echo "container images are built on Linux only" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp"

"$jdk/bin/jlink" --add-modules "$modules" --output "$out/opt/java" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6

# Every ELF file of the runtime, and Netty's epoll library (extracted to /tmp at run time), links
# against glibc only; ldd names the files, and the program interpreter is asked for by its
# absolute path, so each library keeps the path the host resolved it at.
libs=$(find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) \
         -exec ldd {} + 2>/dev/null \
       | awk -v rt="$out/opt/java/" '$2 == "=>" && $3 ~ /^\// && index($3, rt) != 1 { print $3 }
                                    $1 ~ /^\/.*ld-linux/ { print $1 }' | sort -u)
[[ -n $libs ]] || { echo "ldd named no libraries: is this a glibc host?" >&2; exit 1; }
for lib in $libs; do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
  # The licence of each library travels with it.
  pkg=$( (dpkg -S "$lib" || dpkg -S "$(readlink -f "$lib")") 2>/dev/null | head -1 | cut -d: -f1 || true)
  if [[ -n $pkg && -f /usr/share/doc/$pkg/copyright ]]; then
    mkdir -p "$out/usr/share/doc/$pkg"
    cp /usr/share/doc/"$pkg"/copyright "$out/usr/share/doc/$pkg/"
  fi
done

printf 'root:x:0:0:root:/root:/sbin/nologin\nbulwark:x:%s:%s:bulwark:/tmp:/sbin/nologin\n' "$uid" "$uid" \
  > "$out/etc/passwd"
printf 'root:x:0:\nbulwark:x:%s:\n' "$uid" > "$out/etc/group"
