#!/usr/bin/env python3
"""Prints jlink's --exclude-resources value that cuts java.desktop down to java.beans.

The device bundle needs java.desktop only for java.beans (jinjava's expression resolver loads it with every chat
template), and the module is 4 MiB of the bundle compressed. jlink refuses to drop a package the module descriptor
lists, so every package keeps one class; java.beans, com.sun.beans and the service providers the descriptor names
stay whole. Also left out: the locale bundles of every module (the engine speaks English). Usage:
desktop_skeleton.py JAVA_HOME (reads JAVA_HOME/lib/modules).
"""
import subprocess
import sys

LOCALES = ("de", "es", "fr", "it", "ja", "ko", "pt_BR", "sv", "zh_CN", "zh_TW", "zh_HK")


def main(java_home):
    listing = subprocess.run([f"{java_home}/bin/jimage", "list", f"{java_home}/lib/modules"],
                             capture_output=True, text=True, check=True).stdout
    entries, module = [], None
    for line in listing.splitlines():
        if line.startswith("Module: "):
            module = line.split()[1]
        elif module == "java.desktop" and line.strip() and not line.startswith("jimage"):
            entries.append(line.strip())
    described = subprocess.run([f"{java_home}/bin/java", "--describe-module", "java.desktop"],
                               capture_output=True, text=True, check=True).stdout
    providers = {name.replace(".", "/") + ".class" for line in described.splitlines() if line.startswith("provides ")
                 for name in line.split(" with ")[1].split()}
    by_package = {}
    for entry in entries:
        by_package.setdefault(entry.rsplit("/", 1)[0] if "/" in entry else "", []).append(entry)
    excluded = []
    for package, files in sorted(by_package.items()):
        if package == "" or package.startswith(("java/beans", "com/sun/beans")):
            continue
        files = sorted(files)
        kept = next((f for f in files if f.endswith(".class")), files[0])
        excluded += ["/java.desktop/" + f for f in files if f != kept and f not in providers]
    excluded += [f"**_{locale}.{kind}" for locale in LOCALES for kind in ("class", "properties")]
    print(",".join(excluded))


if __name__ == "__main__":
    main(sys.argv[1])
