#!/usr/bin/env python3
"""Checks that no line of Swift under Sources/ and Tests/ is longer than the `lineLength` of `.swift-format`.

`swift format format -i --offsets START:END FILE` rewraps a long statement; a long string literal is split with `+`,
or with a backslash at the end of the line inside a multi-line literal. Run from the repository root; exits 1 and
names each line that is too long."""

import json
import pathlib
import sys


def main():
    limit = json.loads(pathlib.Path(".swift-format").read_text())["lineLength"]
    long_lines = []
    files = sorted(pathlib.Path("Sources").rglob("*.swift")) + sorted(pathlib.Path("Tests").rglob("*.swift"))
    for path in files:
        for number, line in enumerate(path.read_text().split("\n"), start=1):
            if len(line) > limit:
                long_lines.append(f"{path}:{number}: {len(line)} characters, more than {limit}")
    for line in long_lines:
        print(line)
    print(f"line length: {len(files)} files checked, {len(long_lines)} lines longer than {limit}")
    return 1 if long_lines else 0


if __name__ == "__main__":
    sys.exit(main())
